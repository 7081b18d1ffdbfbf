// GET /sign-in – the credentials sign-in form (?callbackUrl=<same-site path>, ?error=<code> from next-auth)
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { safeCallbackPath } from '@/lib/auth/safe-callback';
import { signInErrorMessage } from '@/lib/auth/sign-in-errors';
import { getCurrentUser } from '@/lib/server/doors/auth';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackPath = safeCallbackPath(first(params.callbackUrl));
  if (await getCurrentUser()) redirect(callbackPath);
  // next-auth sends non-JS failures here as ?error=<code>; the form shows the same words it would have.
  const initialError = signInErrorMessage(first(params.error));
  const registerHref = callbackPath === '/' ? '/register' : `/register?${new URLSearchParams({ callbackUrl: callbackPath })}`;

  return (
    <div className="mx-auto max-w-sm py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
      <p className="mt-2 text-sm text-stone-600">Your cart comes with you: items you added as a guest are kept.</p>
      <SignInForm callbackPath={callbackPath} initialError={initialError} />
      <p className="mt-4 text-sm">
        <Link href="/reset-password" className="font-medium text-brand-700 underline-offset-2 hover:underline">
          Forgot your password?
        </Link>
      </p>
      <p className="mt-6 text-sm text-stone-600">
        New here?{' '}
        <Link href={registerHref} className="font-medium text-brand-700 underline-offset-2 hover:underline">
          Create an account
        </Link>
      </p>
    </div>
  );
}
