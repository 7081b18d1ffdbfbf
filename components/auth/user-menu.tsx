import Link from 'next/link';
import { getCurrentUser } from '@/lib/server/doors/auth';
import { SignOutButton } from './sign-out-button';

// Header account area. A server component: who is signed in is read from the session cookie on the server.
export async function UserMenu() {
  const user = await getCurrentUser();
  if (!user) {
    return (
      <Link href="/sign-in" className="text-sm font-medium text-stone-700 hover:text-brand-700">
        Sign in
      </Link>
    );
  }
  return (
    <div className="flex items-center gap-4 text-sm">
      <span className="hidden text-stone-500 sm:inline" data-testid="user-menu-name">
        {user.name}
      </span>
      <Link href="/account" className="font-medium text-stone-700 hover:text-brand-700">
        Account
      </Link>
      {user.role === 'admin' ? (
        <Link href="/admin" className="font-medium text-stone-700 hover:text-brand-700">
          Admin
        </Link>
      ) : null}
      <SignOutButton />
    </div>
  );
}
