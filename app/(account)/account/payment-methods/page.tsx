// GET /account/payment-methods – the signed-in shopper's saved cards: brand, last 4, expiry ("expired" when it is), remove
import type { Metadata } from 'next';
import Link from 'next/link';
import { db } from '@/db';
import { listSavedCards } from '@/lib/cards/saved-cards';
import { userForPage } from '@/lib/server/doors/auth';
import { RemoveCardButton } from './_components/remove-card-button';

export const metadata: Metadata = { title: 'Payment methods' };

const brandName = (brand: string) => (brand ? brand.charAt(0).toUpperCase() + brand.slice(1) : 'Card');

export default async function PaymentMethodsPage() {
  const user = await userForPage('user', '/account/payment-methods');
  // Scoped to the session user: a card is only ever listed for its owner.
  const cards = await listSavedCards(db, user.id);
  return (
    <section aria-labelledby="cards-heading" className="space-y-4">
      <h1 id="cards-heading" className="text-2xl font-semibold tracking-tight">
        Payment methods
      </h1>
      {cards.length === 0 ? (
        <p className="rounded-xl border border-dashed border-stone-300 p-6 text-stone-600" data-testid="no-saved-cards">
          No saved cards. Tick “Save this card for next time” at checkout to pay in one click later.{' '}
          <Link href="/account" className="font-medium text-brand-700 hover:underline">
            Back to your account
          </Link>
        </p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white" data-testid="saved-cards">
          {cards.map((card) => {
            const label = `${brandName(card.brand)} •••• ${card.last4}`;
            return (
              <li key={card.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
                <span className="font-medium">{label}</span>
                <span className="text-stone-600">
                  expires {String(card.expMonth).padStart(2, '0')}/{card.expYear}
                  {card.expired ? <span className="ml-2 rounded bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-800">expired</span> : null}
                </span>
                {card.bank ? <span className="text-stone-500">{card.bank}</span> : null}
                <RemoveCardButton cardId={card.id} label={label} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
