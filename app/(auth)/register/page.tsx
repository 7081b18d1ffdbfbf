// GET /register – create a customer account; the next step (verify the address) arrives by email
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { safeCallbackPath } from '@/lib/auth/safe-callback';
import { getCurrentUser } from '@/lib/server/doors/auth';
import { RegisterForm } from './register-form';

export const metadata: Metadata = { title: 'Create an account' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function RegisterPage({ searchParams }: { searchParams: SearchParams }) {
  const raw = (await searchParams).callbackUrl;
  const callbackPath = safeCallbackPath(Array.isArray(raw) ? raw[0] : raw);
  if (await getCurrentUser()) redirect(callbackPath === '/' ? '/account' : callbackPath);
  const signInHref = callbackPath === '/' ? '/sign-in' : `/sign-in?${new URLSearchParams({ callbackUrl: callbackPath })}`;

  return (
    <div className="mx-auto max-w-sm py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Create an account</h1>
      <p className="mt-2 text-sm text-stone-600">Track your orders and keep your cart on every device.</p>
      <RegisterForm />
      <p className="mt-6 text-sm text-stone-600">
        Already have an account?{' '}
        <Link href={signInHref} className="font-medium text-brand-700 underline-offset-2 hover:underline">
          Sign in
        </Link>
      </p>
    </div>
  );
}
