// An order as the customer sees it: the lines as sold (price snapshots), totals, delivery address and payments.
// Server-rendered from the database; used by the return page, the guest order page and the account pages. Refunds are
// listed with their state in words whenever there are any.
import type { OrderDetail } from '@/db/queries/orders';
import { formatVatRate } from '@/lib/invoices/vat';
import { addressLines } from '@/lib/orders/address-lines';
import { deliveryOfOrder } from '@/lib/settings/order-settings-snapshot';
import { formatMoney, type CurrencyCode, type Money } from '@/lib/core/money';
import { creditNoteHref } from './invoice-download-link';
import { lineTitle, variantName } from '@/lib/products/variant-title';
import { REFUND_TIMING } from '@/lib/refunds/refund-timing';

const money = (amount: number, currency: CurrencyCode): Money => ({ amount, currency });
const dateTime = new Intl.DateTimeFormat('en-NG', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Africa/Lagos' });
const dateOnly = new Intl.DateTimeFormat('en-NG', { dateStyle: 'medium', timeZone: 'Africa/Lagos' });

const paymentLabels: Record<OrderDetail['payments'][number]['status'], string> = {
  initialized: 'Started',
  pending: 'Pending',
  paid: 'Paid',
  failed: 'Declined',
  abandoned: 'Not completed',
  needs_review: 'Under review',
  partially_refunded: 'Partly refunded',
  refunded: 'Refunded',
};

export function OrderDetails({
  order,
  showPayments = false,
  accessToken = null,
}: {
  order: OrderDetail;
  showPayments?: boolean;
  /** A guest order's link token, carried by its document links (credit notes), as by the invoice's. */
  accessToken?: string | null;
}) {
  // As sold: the delivery's words and the VAT come from the settings in force when the order was placed.
  const delivery = deliveryOfOrder(order);
  const vat = order.settingsSnapshot?.vat;
  const address = order.shippingAddress;
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem] lg:items-start">
      <section aria-labelledby="order-items-heading" className="rounded-xl border border-stone-200 bg-white p-6">
        <h2 id="order-items-heading" className="text-lg font-semibold">
          Items
        </h2>
        <ul className="mt-3 divide-y divide-stone-100" data-testid="order-items">
          {order.items.map((item) => (
            <li key={item.variantId} className="flex flex-wrap items-baseline justify-between gap-2 py-3 text-sm">
              <div>
                <p className="font-medium">{item.productTitle}</p>
                <p className="text-stone-600">
                  {variantName(item.variantTitle) ? `${variantName(item.variantTitle)} · ` : ''}
                  {item.quantity} × {formatMoney(money(item.unitPriceAmount, item.currency))}
                </p>
              </div>
              <p className="font-medium tabular-nums">{formatMoney(money(item.lineTotalAmount, item.currency))}</p>
            </li>
          ))}
        </ul>
        <dl className="mt-3 space-y-1 border-t border-stone-200 pt-3 text-sm">
          <div className="flex justify-between">
            <dt>Subtotal</dt>
            <dd className="tabular-nums">{formatMoney(money(order.subtotalAmount, order.currency))}</dd>
          </div>
          {order.discountAmount > 0 ? (
            <div className="flex justify-between text-emerald-800">
              <dt>Discount ({order.discountCode})</dt>
              <dd className="tabular-nums" data-testid="order-discount">
                −{formatMoney(money(order.discountAmount, order.currency))}
              </dd>
            </div>
          ) : null}
          <div className="flex justify-between">
            <dt>{delivery.label}</dt>
            <dd className="tabular-nums">{order.shippingAmount === 0 ? 'Free' : formatMoney(money(order.shippingAmount, order.currency))}</dd>
          </div>
          {vat && !vat.pricesIncludeVat ? (
            <div className="flex justify-between">
              <dt>VAT at {formatVatRate(vat.rateBasisPoints)}</dt>
              <dd className="tabular-nums">{formatMoney(money(order.taxAddedAmount, order.currency))}</dd>
            </div>
          ) : null}
          <div className="flex justify-between pt-1 text-base font-semibold">
            <dt>Total</dt>
            <dd className="tabular-nums" data-testid="order-total">
              {formatMoney(money(order.totalAmount, order.currency))}
            </dd>
          </div>
          {vat?.pricesIncludeVat && order.taxAmount > 0 ? (
            <div className="flex justify-between text-stone-600">
              <dt>Includes VAT at {formatVatRate(vat.rateBasisPoints)}</dt>
              <dd className="tabular-nums">{formatMoney(money(order.taxAmount, order.currency))}</dd>
            </div>
          ) : null}
          {order.refundedAmount > 0 ? (
            <div className="flex justify-between text-sky-900">
              <dt>Refunded</dt>
              <dd className="tabular-nums">−{formatMoney(money(order.refundedAmount, order.currency))}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      <div className="space-y-6">
        <section aria-labelledby="order-address-heading" className="rounded-xl border border-stone-200 bg-white p-6 text-sm">
          <h2 id="order-address-heading" className="text-lg font-semibold">
            Delivery
          </h2>
          <address className="mt-2 not-italic leading-relaxed text-stone-700">
            {addressLines(address).map((line) => (
              <span key={line} className="block">
                {line}
              </span>
            ))}
          </address>
          <p className="mt-2 text-stone-600">
            {delivery.label}
            {delivery.description ? ` · ${delivery.description}` : ''}
          </p>
        </section>

        {showPayments && order.payments.length > 0 ? (
          <section aria-labelledby="order-payments-heading" className="rounded-xl border border-stone-200 bg-white p-6 text-sm">
            <h2 id="order-payments-heading" className="text-lg font-semibold">
              Payments
            </h2>
            <ul className="mt-2 space-y-2">
              {order.payments.map((payment) => (
                <li key={payment.reference} className="flex flex-wrap justify-between gap-2">
                  <span>
                    {paymentLabels[payment.status]}
                    <span className="block text-xs text-stone-500">{dateTime.format(payment.paidAt ?? payment.createdAt)}</span>
                  </span>
                  <span className="tabular-nums">{formatMoney(money(payment.amount, payment.currency))}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        {order.shipments.length > 0 ? <OrderShipments shipments={order.shipments} /> : null}

        {order.refunds.length > 0 ? <OrderRefunds refunds={order.refunds} orderId={order.id} accessToken={accessToken} /> : null}
      </div>
    </div>
  );
}

/** Each parcel with its carrier and tracking number, linked to the carrier's page when the shop gave one. */
function OrderShipments({ shipments }: { shipments: OrderDetail['shipments'] }) {
  return (
    <section aria-labelledby="order-shipments-heading" className="rounded-xl border border-stone-200 bg-white p-6 text-sm">
      <h2 id="order-shipments-heading" className="text-lg font-semibold">
        Shipping
      </h2>
      <ul className="mt-2 divide-y divide-stone-100" data-testid="order-shipments">
        {shipments.map((shipment) => (
          <li key={shipment.id} className="space-y-0.5 py-2">
            <p className="font-medium">
              {shipments.length > 1 ? `Parcel ${shipment.sequence}: ` : ''}shipped with {shipment.carrier}
            </p>
            <p className="text-stone-700">
              Tracking number <span className="font-mono">{shipment.trackingNumber}</span>
            </p>
            {shipment.trackingUrl ? (
              <p>
                <a href={shipment.trackingUrl} rel="noopener noreferrer" target="_blank" className="font-medium text-brand-700 underline underline-offset-2">
                  Track your parcel
                </a>
              </p>
            ) : null}
            <p className="text-stone-600">{shipment.lines.map((line) => `${line.quantity} × ${lineTitle(line.productTitle, line.variantTitle)}`).join(', ')}</p>
            <p className="text-xs text-stone-500">Shipped {dateTime.format(shipment.shippedAt)}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

type Refund = OrderDetail['refunds'][number];

/** A refund's state in the shopper's words: where their money is, and whether they need to do anything. */
const refundWords: Record<Refund['status'], { label: string; note: string }> = {
  requested: { label: 'On its way', note: 'We have asked Paystack to refund you.' },
  pending: { label: 'On its way', note: 'Paystack is returning the money to the card or account you paid with.' },
  processing: { label: 'On its way', note: 'Paystack is returning the money to the card or account you paid with.' },
  processed: { label: 'Refunded', note: REFUND_TIMING },
  needs_attention: { label: 'Delayed', note: 'Paystack needs more details to complete it; we will contact you.' },
  failed: { label: 'Delayed', note: 'The refund could not be completed; we will contact you to put it right.' },
};

function OrderRefunds({ refunds, orderId, accessToken }: { refunds: Refund[]; orderId: string; accessToken: string | null }) {
  return (
    <section aria-labelledby="order-refunds-heading" className="rounded-xl border border-stone-200 bg-white p-6 text-sm">
      <h2 id="order-refunds-heading" className="text-lg font-semibold">
        Refunds
      </h2>
      <ul className="mt-2 divide-y divide-stone-100" data-testid="order-refunds">
        {refunds.map((refund) => {
          const words = refundWords[refund.status];
          return (
            <li key={refund.id} className="space-y-0.5 py-2">
              <p className="flex flex-wrap justify-between gap-2">
                <span className="font-medium">{words.label}</span>
                <span className="tabular-nums">{formatMoney(money(refund.amount, refund.currency))}</span>
              </p>
              <p className="text-stone-600">{words.note}</p>
              <p className="text-xs text-stone-500">
                {refund.processedAt ? `Refunded ${dateTime.format(refund.processedAt)}` : `Requested ${dateTime.format(refund.createdAt)}`}
              </p>
              {refund.creditNote ? (
                <p data-testid="order-credit-note">
                  <a
                    href={creditNoteHref(orderId, refund.creditNote.id, accessToken)}
                    download
                    className={
                      refund.creditNote.cancelledAt
                        ? 'font-medium text-stone-500 underline underline-offset-2'
                        : 'font-medium text-brand-700 underline underline-offset-2'
                    }
                  >
                    Credit note {refund.creditNote.number} (PDF)
                  </a>
                  {refund.creditNote.cancelledAt ? (
                    <span className="block text-xs font-medium text-red-700">
                      Cancelled: the refund failed on {dateOnly.format(refund.creditNote.cancelledAt)}; no amount was credited.
                    </span>
                  ) : null}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
