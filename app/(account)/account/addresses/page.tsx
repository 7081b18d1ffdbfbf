// GET /account/addresses – the signed-in shopper's saved delivery addresses: add, edit, delete, choose the default
import type { Metadata } from 'next';
import { db } from '@/db';
import { listAddresses } from '@/lib/account/addresses';
import { NIGERIAN_STATES } from '@/lib/checkout/checkout-input';
import { userForPage } from '@/lib/server/doors/auth';
import { AccountNav } from '../_components/account-nav';
import { AddressBook } from './_components/address-book';

export const metadata: Metadata = { title: 'Your addresses', robots: { index: false } };

export default async function AccountAddressesPage() {
  const user = await userForPage('user', '/account/addresses');
  // Scoped to the session's user: nobody else's addresses are ever read here.
  const addresses = await listAddresses(db, user.id);
  return (
    <div className="space-y-6">
      <AccountNav current="/account/addresses" />
      <section aria-labelledby="addresses-heading" className="space-y-4">
        <h1 id="addresses-heading" className="text-2xl font-semibold tracking-tight">
          Your addresses
        </h1>
        <p className="text-sm text-stone-600">The default address fills in the checkout; you can pick another there.</p>
        <AddressBook addresses={addresses} states={NIGERIAN_STATES} />
      </section>
    </div>
  );
}
