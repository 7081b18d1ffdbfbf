// GET /delivery – where the shop delivers, how fast and for how much, and the pickup point: from the shop settings
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { formatMoney, money } from '@/lib/core/money';
import { getShopSettings } from '@/lib/server/deps/shop-settings';
import { pickupOffer } from '@/lib/settings/delivery-offers';
import { shopAddressLines } from '@/lib/settings/shop-address';

export const metadata: Metadata = { title: 'Delivery and pickup' };

const fee = (kobo: number) => (kobo === 0 ? 'Free' : formatMoney(money(kobo, 'NGN')));

export default async function DeliveryPage() {
  // Rendered per request (a prerendered page would carry no CSP nonce); the settings themselves come from the cache.
  await connection();
  const { settings } = await getShopSettings();
  const pickup = pickupOffer(settings);
  return (
    <article aria-labelledby="delivery-heading" className="max-w-3xl space-y-8">
      <h1 id="delivery-heading" className="text-2xl font-semibold tracking-tight">
        Delivery and pickup
      </h1>
      <section aria-labelledby="zones-heading" className="space-y-3">
        <h2 id="zones-heading" className="text-lg font-semibold">
          Home delivery
        </h2>
        <p className="text-stone-600">The fee is added at checkout once you choose your state. Express delivery goes only where this table says.</p>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="delivery-zones">
            <thead className="border-b border-stone-200 text-stone-600">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Where
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  Standard
                </th>
                <th scope="col" className="py-2 font-medium">
                  Express
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {settings.delivery.zones.map((zone) => (
                <tr key={zone.name} className="align-top">
                  <th scope="row" className="py-3 pr-4 font-medium">
                    {zone.name}
                    {zone.states.length > 1 ? <span className="block text-xs font-normal text-stone-500">{zone.states.join(', ')}</span> : null}
                  </th>
                  <td className="py-3 pr-4">
                    {fee(zone.standardFee)} · {zone.standardDescription}
                  </td>
                  <td className="py-3">{zone.expressFee === null ? 'Not available' : `${fee(zone.expressFee)} · ${zone.expressDescription ?? ''}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {pickup ? (
        <section aria-labelledby="pickup-heading" className="space-y-2">
          <h2 id="pickup-heading" className="text-lg font-semibold">
            Pick up for free
          </h2>
          <address className="not-italic">
            {shopAddressLines(settings.pickup.address).map((line) => (
              <span key={line} className="block">
                {line}
              </span>
            ))}
          </address>
          <p>Opening hours: {settings.pickup.openingHours}</p>
          <p className="text-stone-600">{settings.pickup.readyWithin}. We text you when your order is ready; bring your order number.</p>
        </section>
      ) : null}
      <p className="text-stone-600">
        Questions about a delivery? Write to{' '}
        <a href={`mailto:${settings.contactEmail}`} className="font-medium text-brand-700 underline underline-offset-2">
          {settings.contactEmail}
        </a>{' '}
        or call {settings.contactPhone}.
      </p>
    </article>
  );
}
