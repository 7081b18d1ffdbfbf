// The shop's footer: who the shop is and how to reach it, with the delivery and returns pages — all from the shop
// settings (cached, revalidated when an owner saves them). The same for every visitor, so cached pages may carry it.
import Link from 'next/link';
import { formatVatRate } from '@/lib/invoices/vat';
import { getShopSettings } from '@/lib/server/deps/shop-settings';
import { shopAddressLines } from '@/lib/settings/shop-address';

export async function SiteFooter() {
  const { settings } = await getShopSettings();
  const vat = settings.vat;
  const link = 'font-medium text-brand-700 underline underline-offset-2';
  return (
    <footer className="border-t border-stone-200 bg-white py-8 text-sm text-stone-600" data-testid="site-footer">
      <div className="mx-auto grid max-w-6xl gap-6 px-4 sm:grid-cols-3 sm:px-6">
        <section aria-labelledby="footer-shop">
          <h2 id="footer-shop" className="font-semibold text-stone-900">
            {settings.name}
          </h2>
          <address className="mt-1 not-italic">
            {shopAddressLines(settings.address).map((line) => (
              <span key={line} className="block">
                {line}
              </span>
            ))}
          </address>
        </section>
        <section aria-labelledby="footer-contact">
          <h2 id="footer-contact" className="font-semibold text-stone-900">
            Contact
          </h2>
          <ul className="mt-1 space-y-1">
            <li>
              <a href={`mailto:${settings.contactEmail}`} className={link}>
                {settings.contactEmail}
              </a>
            </li>
            <li>
              <a href={`tel:${settings.contactPhone.replace(/[^\d+]/g, '')}`} className={link}>
                {settings.contactPhone}
              </a>
            </li>
          </ul>
        </section>
        <nav aria-labelledby="footer-help">
          <h2 id="footer-help" className="font-semibold text-stone-900">
            Help
          </h2>
          <ul className="mt-1 space-y-1">
            <li>
              <Link prefetch={false} href="/delivery" className={link}>
                Delivery and pickup
              </Link>
            </li>
            <li>
              <Link prefetch={false} href="/returns" className={link}>
                Returns and refunds
              </Link>
            </li>
          </ul>
        </nav>
      </div>
      <p className="mx-auto mt-6 max-w-6xl px-4 text-center text-stone-500 sm:px-6">
        Payments processed by Paystack. Prices in Nigerian naira,{' '}
        {vat.rateBasisPoints === 0
          ? 'no VAT charged'
          : vat.pricesIncludeVat
            ? `VAT (${formatVatRate(vat.rateBasisPoints)}) included`
            : `VAT (${formatVatRate(vat.rateBasisPoints)}) added at checkout`}
        .
      </p>
    </footer>
  );
}
