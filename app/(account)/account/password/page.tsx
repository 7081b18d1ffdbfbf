// GET /account/password – change the signed-in shopper's password (needs the current one)
import type { Metadata } from 'next';
import { userForPage } from '@/lib/server/doors/auth';
import { AccountNav } from '../_components/account-nav';
import { PasswordForm } from './password-form';

export const metadata: Metadata = { title: 'Change your password', robots: { index: false } };

export default async function AccountPasswordPage() {
  const user = await userForPage('user', '/account/password');
  return (
    <div className="space-y-6">
      <AccountNav current="/account/password" />
      <section aria-labelledby="password-heading" className="rounded-xl border border-stone-200 bg-white p-6">
        <h1 id="password-heading" className="text-2xl font-semibold tracking-tight">
          Change your password
        </h1>
        <p className="mt-2 text-sm text-stone-600">Changing it signs you out on every other device, and we email {user.email} to say it was changed.</p>
        <PasswordForm email={user.email} />
      </section>
    </div>
  );
}
