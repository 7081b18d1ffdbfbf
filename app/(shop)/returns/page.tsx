// GET /returns – the shop's returns policy and how to reach it: from the shop settings
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { getShopSettings } from '@/lib/server/deps/shop-settings';

export const metadata: Metadata = { title: 'Returns and refunds' };

export default async function ReturnsPage() {
  // Rendered per request (a prerendered page would carry no CSP nonce); the settings themselves come from the cache.
  await connection();
  const { settings } = await getShopSettings();
  const paragraphs = settings.returnsPolicy.split(/\n+/).filter((paragraph) => paragraph.trim() !== '');
  return (
    <article aria-labelledby="returns-heading" className="max-w-3xl space-y-4">
      <h1 id="returns-heading" className="text-2xl font-semibold tracking-tight">
        Returns and refunds
      </h1>
      <div className="space-y-3" data-testid="returns-policy">
        {paragraphs.map((paragraph, index) => (
          // Paragraphs of one text: their position is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: the policy's paragraphs have no other key
          <p key={index}>{paragraph}</p>
        ))}
      </div>
      <p className="text-stone-600">
        To start a return, write to{' '}
        <a href={`mailto:${settings.contactEmail}`} className="font-medium text-brand-700 underline underline-offset-2">
          {settings.contactEmail}
        </a>{' '}
        or call {settings.contactPhone} with your order number.
      </p>
    </article>
  );
}
