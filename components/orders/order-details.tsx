// An order as the customer sees it: the lines as sold (price snapshots), totals, delivery address and payments.
// Server-rendered from the database; used by the return page, the guest order page and the account pages.
import type { OrderDetail } from '@/db/queries/orders';
import { deliveryOptions } from '@/lib/checkout/delivery-options';
import { formatMoney, type CurrencyCode, type Money } from '@/lib/money';

const money = (amount: number, currency: CurrencyCode): Money => ({ amount, currency });
const dateTime = new Intl.DateTimeFormat('en-NG', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Africa/Lagos' });

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

export function OrderDetails({ order, showPayments = false }: { order: OrderDetail; showPayments?: boolean }) {
  const delivery = deliveryOptions.find((option) => option.id === order.deliveryOption);
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
                  {item.variantTitle} · {item.quantity} × {formatMoney(money(item.unitPriceAmount, item.currency))}
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
          <div className="flex justify-between">
            <dt>{delivery?.label ?? 'Delivery'}</dt>
            <dd className="tabular-nums">{order.shippingAmount === 0 ? 'Free' : formatMoney(money(order.shippingAmount, order.currency))}</dd>
          </div>
          <div className="flex justify-between pt-1 text-base font-semibold">
            <dt>Total</dt>
            <dd className="tabular-nums" data-testid="order-total">
              {formatMoney(money(order.totalAmount, order.currency))}
            </dd>
          </div>
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
            {address.fullName}
            <br />
            {address.line1}
            {address.line2 ? (
              <>
                <br />
                {address.line2}
              </>
            ) : null}
            <br />
            {address.city}, {address.state}
            {address.postalCode ? ` ${address.postalCode}` : ''}
            <br />
            {address.phone}
          </address>
          <p className="mt-2 text-stone-600">{delivery?.description}</p>
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
              {order.refunds.map((refund) => (
                <li key={`refund-${refund.createdAt.toISOString()}-${refund.amount}`} className="flex flex-wrap justify-between gap-2 text-sky-900">
                  <span>
                    Refund ({refund.status.replace('_', ' ')})<span className="block text-xs text-stone-500">{dateTime.format(refund.createdAt)}</span>
                  </span>
                  <span className="tabular-nums">−{formatMoney(money(refund.amount, refund.currency))}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </div>
  );
}
