// GET /admin/orders/:id – one order for an admin: lines as sold, customer, delivery, payments, refunds, the money
// ledger and the audit timeline, with the refund dialog
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { MoneyLedger } from '@/components/admin/money-ledger';
import { OrderTimeline } from '@/components/admin/order-timeline';
import { RefundDialog } from './_components/refund-dialog';
import { RefundStatusBadge } from '@/components/admin/refund-status-badge';
import { OrderStatusBadge } from '@/components/orders/order-status-badge';
import { db } from '@/db';
import { getAdminOrder, orderTimeline, userNames } from '@/db/queries/admin-orders';
import { formatDateTime } from '@/lib/core/format-date';
import { formatMoney } from '@/lib/core/money';
import { addressLines } from '@/lib/orders/address-lines';
import { deliveryLabel } from '@/lib/orders/delivery-label';
import { describeEntry } from '@/lib/orders/order-timeline';
import { orderLedger } from '@/lib/refunds/order-ledger';
import { userForPage } from '@/lib/server/doors/auth';
import { isUuid } from '@/lib/is-uuid';

export const metadata: Metadata = { title: 'Order', robots: { index: false } };

const card = 'rounded-xl border border-stone-200 bg-white p-6 text-sm';

export default async function AdminOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // The layout checks too, but a layout does not re-run for every request that reaches this page.
  await userForPage('admin', `/admin/orders/${encodeURIComponent(id)}`);
  if (!isUuid(id)) notFound();
  const [order, ledger, audit] = await Promise.all([getAdminOrder(db, { orderId: id }), orderLedger(db, id), orderTimeline(db, { orderId: id })]);
  if (!order || !ledger) notFound();
  const names = await userNames(db, { ids: ledger.refunds.flatMap((refund) => (refund.requestedBy ? [refund.requestedBy] : [])) });

  const money = (amount: number) => formatMoney({ amount, currency: order.currency });
  const lineLabel = new Map(order.lines.map((line) => [line.variantId, `${line.productTitle} – ${line.variantTitle}`]));
  const timeline = audit.map((entry) =>
    describeEntry(entry, {
      currency: order.currency,
      variants: new Map(order.lines.map((line) => [line.variantId, `${line.sku} (${lineLabel.get(line.variantId)})`])),
      payments: new Map(order.payments.map((payment) => [payment.id, payment.reference])),
      refunds: new Map(ledger.refunds.map((refund) => [refund.id, refund.amount.amount])),
    }),
  );
  const customerEmail = order.customer?.email ?? order.email;
  const refundUnavailable = order.refundable
    ? undefined
    : ledger.charged.amount === 0
      ? 'Not paid: nothing to refund.'
      : order.payments.some((payment) => payment.status === 'needs_review')
        ? 'The payment is flagged for review: settle it before refunding.'
        : 'Everything paid is refunded or on its way back.';

  return (
    <div className="space-y-6">
      <Link href="/admin/orders" className="text-sm font-medium text-brand-700 underline underline-offset-2">
        ← Orders
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Order {order.number}</h1>
        <OrderStatusBadge status={order.status} />
        <div className="ml-auto">
          <RefundDialog
            orderId={order.id}
            orderNumber={order.number}
            email={order.email}
            currency={order.currency}
            paid={order.refundable?.captured ?? ledger.charged.amount}
            remaining={order.refundable?.remaining ?? 0}
            lines={order.lines.map((line) => ({
              variantId: line.variantId,
              label: lineLabel.get(line.variantId) ?? line.sku,
              sold: line.quantity,
              restockable: line.restockable,
            }))}
            unavailable={refundUnavailable}
          />
        </div>
        <p className="w-full text-sm text-stone-600">
          Placed {formatDateTime(order.createdAt)}
          {order.paidAt ? ` · paid ${formatDateTime(order.paidAt)}` : ''}
        </p>
      </div>

      <div className="grid gap-6 lg:grid-cols-[1fr_22rem] lg:items-start">
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="lines-heading" className={card}>
            <h2 id="lines-heading" className="text-lg font-semibold">
              Items
            </h2>
            <ul className="mt-3 divide-y divide-stone-100" data-testid="order-lines">
              {order.lines.map((line) => (
                <li key={line.variantId} className="flex items-start justify-between gap-3 py-2">
                  <div className="min-w-0">
                    <p>
                      <span className="font-medium">{line.productTitle}</span> – {line.variantTitle}
                    </p>
                    <p className="text-xs text-stone-500">
                      <span className="font-mono">{line.sku}</span> · {line.quantity} × {money(line.unitPriceAmount)}
                    </p>
                  </div>
                  <p className="shrink-0 tabular-nums">{money(line.lineTotalAmount)}</p>
                </li>
              ))}
            </ul>
            <dl className="mt-3 space-y-1 border-t border-stone-200 pt-3">
              <div className="flex justify-between">
                <dt>Subtotal</dt>
                <dd className="tabular-nums">{money(order.subtotalAmount)}</dd>
              </div>
              <div className="flex justify-between">
                <dt>{deliveryLabel(order.deliveryOption)}</dt>
                <dd className="tabular-nums">{order.shippingAmount === 0 ? 'Free' : money(order.shippingAmount)}</dd>
              </div>
              <div className="flex justify-between text-base font-semibold">
                <dt>Total</dt>
                <dd className="tabular-nums">{money(order.totalAmount)}</dd>
              </div>
              {order.refundedAmount > 0 ? (
                <div className="flex justify-between text-sky-900">
                  <dt>Refunded</dt>
                  <dd className="tabular-nums">−{money(order.refundedAmount)}</dd>
                </div>
              ) : null}
            </dl>
          </section>
          <MoneyLedger ledger={ledger} />
          <OrderTimeline entries={timeline} />
        </div>

        <div className="space-y-6">
          <section aria-labelledby="customer-heading" className={card}>
            <h2 id="customer-heading" className="text-lg font-semibold">
              Customer
            </h2>
            <p className="mt-2 font-medium">
              {order.customer ? (
                <Link href={`/admin/customers/${order.customer.id}`} className="text-brand-700 underline underline-offset-2">
                  {order.customer.name}
                </Link>
              ) : (
                order.shippingAddress.fullName
              )}
            </p>
            <p className="break-all text-stone-700">{customerEmail}</p>
            <p className="mt-1 text-xs text-stone-500">
              {order.customer ? 'Account customer' : 'Guest checkout'}
              {order.customer && order.customer.email !== order.email ? ` · checked out as ${order.email}` : ''}
            </p>
          </section>

          <section aria-labelledby="delivery-heading" className={card}>
            <h2 id="delivery-heading" className="text-lg font-semibold">
              Delivery
            </h2>
            <p className="mt-1 text-stone-600">{deliveryLabel(order.deliveryOption)}</p>
            <address className="mt-2 not-italic leading-relaxed text-stone-700">
              {addressLines(order.shippingAddress).map((line) => (
                <span key={line} className="block">
                  {line}
                </span>
              ))}
            </address>
          </section>

          <section aria-labelledby="payments-heading" className={card}>
            <h2 id="payments-heading" className="text-lg font-semibold">
              Payments
            </h2>
            {order.payments.length === 0 ? (
              <p className="mt-2 text-stone-600">No payment was started.</p>
            ) : (
              <ul className="mt-2 divide-y divide-stone-100" data-testid="order-payments">
                {order.payments.map((payment) => (
                  <li key={payment.id} className="space-y-0.5 py-2">
                    <p className="flex justify-between gap-2">
                      <span className="font-medium capitalize">{payment.status.replaceAll('_', ' ')}</span>
                      <span className="tabular-nums">{money(payment.amount)}</span>
                    </p>
                    <p className="break-all font-mono text-xs text-stone-600">{payment.reference}</p>
                    <p className="text-xs text-stone-500">
                      {payment.gatewayTransactionId ? `Paystack transaction ${payment.gatewayTransactionId}` : 'No Paystack transaction yet'}
                      {payment.channel ? ` · ${payment.channel}` : ''}
                      {` · ${formatDateTime(payment.paidAt ?? payment.createdAt)}`}
                    </p>
                    {payment.failureReason ? <p className="text-xs text-red-700">{payment.failureReason}</p> : null}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="refunds-heading" className={card}>
            <h2 id="refunds-heading" className="text-lg font-semibold">
              Refunds
            </h2>
            {ledger.refunds.length === 0 ? (
              <p className="mt-2 text-stone-600" data-testid="no-refunds">
                No refunds yet.
              </p>
            ) : (
              <ul className="mt-2 divide-y divide-stone-100" data-testid="order-refunds">
                {[...ledger.refunds].reverse().map((refund) => (
                  <li key={refund.id} className="space-y-1 py-3">
                    <p className="flex flex-wrap items-center justify-between gap-2">
                      <span className="font-medium tabular-nums">{formatMoney(refund.amount)}</span>
                      <RefundStatusBadge status={refund.status} />
                    </p>
                    <p className="text-stone-700">{refund.reason}</p>
                    {refund.restock.length > 0 ? (
                      <p className="text-xs text-stone-600">
                        Restock: {refund.restock.map((line) => `${line.quantity} × ${lineLabel.get(line.variantId) ?? 'an item'}`).join(', ')}
                      </p>
                    ) : null}
                    {refund.failureReason ? <p className="text-xs text-red-700">{refund.failureReason}</p> : null}
                    <p className="text-xs text-stone-500">
                      {formatDateTime(new Date(refund.createdAt))} ·{' '}
                      {refund.origin === 'admin'
                        ? `by ${refund.requestedBy ? (names.get(refund.requestedBy) ?? 'a former admin') : 'an admin'}`
                        : refund.origin === 'system'
                          ? 'automatic'
                          : "made in Paystack's dashboard"}
                      {refund.gatewayRefundId ? ` · Paystack refund ${refund.gatewayRefundId}` : ''}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
