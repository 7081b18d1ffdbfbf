// GET /verify-email?token=… – the verify email's link: checks the link and offers a confirm button; changes nothing itself
import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { db } from '@/db';
import { VERIFY_BROWSER_COOKIE } from '@/lib/auth/browser-cookies';
import { verifyLinkState } from '@/lib/auth/verify-email';
import { VerifyEmailForm } from './verify-email-form';

// The token is in the URL: keep it out of Referer headers and search indexes.
export const metadata: Metadata = { title: 'Confirm your email address', robots: { index: false, follow: false }, referrer: 'no-referrer' };
export const dynamic = 'force-dynamic';

export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const browserSecret = (await cookies()).get(VERIFY_BROWSER_COOKIE)?.value;
  const account = typeof token === 'string' ? await verifyLinkState({ db }, { token, browserSecret }) : null;

  if (!account || typeof token !== 'string') {
    return (
      <div className="mx-auto max-w-sm space-y-4 py-8">
        <h1 className="text-2xl font-semibold tracking-tight">This link does not work</h1>
        <p className="text-sm text-stone-600">
          It has expired, was already used, or was cut short by your email program. If you have already confirmed your address, just sign in. If not, sign in
          with your email and password anyway: we will email you a fresh link.
        </p>
        <Link href="/sign-in" className="inline-block font-medium text-brand-700 underline underline-offset-2">
          Go to sign in
        </Link>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-sm py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Confirm your email address</h1>
      <p className="mt-2 text-sm text-stone-600">
        Confirm that <strong>{account.email}</strong> is yours to finish creating your account
        {account.sameBrowser ? '; you will be signed in.' : ': enter the password you registered with, and you will be signed in.'}
      </p>
      <VerifyEmailForm token={token} askPassword={!account.sameBrowser} />
    </div>
  );
}
