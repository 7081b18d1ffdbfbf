'use client';
// Header account area. Read on the client from GET /api/me, not on the server: the header sits on catalogue pages the
// front caches and serves to every shopper, so nothing personal may be in their HTML. A fixed-size box holds the place
// until the answer arrives (no layout shift for a guest; a signed-in menu only grows leftwards, into free space).
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { nextTask } from '../next-task';
import { SignOutButton } from './sign-out-button';

interface Me {
  user: { name: string; admin: boolean } | null;
}

/** Shared with sign-in and sign-out, which reset every query so the menu asks again. */
export const meQueryKey = ['me'] as const;

async function fetchMe(): Promise<Me> {
  await nextTask();
  const response = await fetch('/api/me', { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) throw new Error(`GET /api/me answered ${response.status}`);
  return (await response.json()) as Me;
}

export function UserMenu() {
  const { data, isError } = useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 0 });
  const user = data?.user;
  // Back to this page after signing in (the sign-in page keeps only same-site paths): from /cart, the cart.
  const pathname = usePathname();
  const signInHref =
    pathname && pathname !== '/' && !pathname.startsWith('/sign-in') ? `/sign-in?${new URLSearchParams({ callbackUrl: pathname })}` : '/sign-in';
  return (
    <div className="flex h-10 min-w-20 items-center justify-end gap-4 text-sm" data-testid="user-menu">
      {user ? (
        <>
          <span className="hidden text-stone-500 sm:inline" data-testid="user-menu-name">
            {user.name}
          </span>
          <Link prefetch={false} href="/account" className="font-medium text-stone-700 hover:text-brand-700">
            Account
          </Link>
          {user.admin ? (
            <Link prefetch={false} href="/admin" className="font-medium text-stone-700 hover:text-brand-700">
              Admin
            </Link>
          ) : null}
          <SignOutButton />
        </>
      ) : data || isError ? (
        // A failed read offers sign-in: the sign-in page sends a signed-in visitor on anyway.
        <Link prefetch={false} href={signInHref} className="font-medium text-stone-700 hover:text-brand-700">
          Sign in
        </Link>
      ) : null}
    </div>
  );
}
