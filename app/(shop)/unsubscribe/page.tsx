// GET /unsubscribe?token=… – the recovery email's unsubscribe link: says which address it stops; the button confirms
import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { UnsubscribeForm } from './_components/unsubscribe-form';
import { db } from '@/db';
import { env } from '@/lib/core/env';
import { previewOptOut } from '@/lib/recovery/email-opt-out';

// The token names an email address: keep it out of Referer headers and search indexes.
export const metadata: Metadata = { title: 'Unsubscribe', robots: { index: false, follow: false }, referrer: 'no-referrer' };
export const dynamic = 'force-dynamic';

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-labelledby="unsubscribe-heading" className="mx-auto max-w-xl space-y-4 rounded-xl border border-stone-200 bg-white p-8">
      <h1 id="unsubscribe-heading" className="text-2xl font-semibold tracking-tight">
        {title}
      </h1>
      {children}
    </section>
  );
}

export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const preview = typeof token === 'string' ? await previewOptOut({ db, secret: env().NEXTAUTH_SECRET }, token) : null;
  if (typeof token !== 'string' || !preview?.ok) {
    return (
      <Card title="This link does not work">
        <p className="text-stone-700">This unsubscribe link is not valid. It may have been copied incompletely — please use the link in the email again.</p>
        <Link href="/" className="inline-block font-medium text-brand-700 underline underline-offset-2">
          Back to the shop
        </Link>
      </Card>
    );
  }
  if (preview.value.optedOut) {
    return (
      <Card title="You are unsubscribed">
        <p className="text-stone-700">We already stopped sending reminder emails to {preview.value.email}.</p>
        <Link href="/" className="inline-block font-medium text-brand-700 underline underline-offset-2">
          Continue shopping
        </Link>
      </Card>
    );
  }
  return (
    <Card title="Unsubscribe from reminders">
      <p className="text-sm text-stone-600">We email you once when a checkout is left unpaid. Order confirmations and receipts are not affected.</p>
      <UnsubscribeForm token={token} email={preview.value.email} />
    </Card>
  );
}
