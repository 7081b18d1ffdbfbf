// GET /reset-password – ask for a reset link by email; GET /reset-password?token=… – the emailed link: choose a new password
import type { Metadata } from 'next';
import { db } from '@/db';
import { resetLinkAccount } from '@/lib/auth/reset-password';
import { NewPasswordForm, RequestResetForm } from './reset-forms';

// The token is in the URL: keep it out of Referer headers and search indexes.
export const metadata: Metadata = { title: 'Reset your password', robots: { index: false, follow: false }, referrer: 'no-referrer' };
export const dynamic = 'force-dynamic';

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const account = typeof token === 'string' ? await resetLinkAccount({ db }, token) : null;

  if (account && typeof token === 'string') {
    return (
      <div className="mx-auto max-w-sm py-8">
        <h1 className="text-2xl font-semibold tracking-tight">Choose a new password</h1>
        <p className="mt-2 text-sm text-stone-600">
          For <strong>{account.email}</strong>. Every device signed in to this account will be signed out.
        </p>
        <NewPasswordForm token={token} email={account.email} />
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-sm py-8">
      <h1 className="text-2xl font-semibold tracking-tight">Reset your password</h1>
      {token === undefined ? null : (
        <p role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          This link has expired or was already used. Ask for a new one below.
        </p>
      )}
      <p className="mt-2 text-sm text-stone-600">Enter the email address of your account and we will email you a link to choose a new password.</p>
      <RequestResetForm />
    </div>
  );
}
