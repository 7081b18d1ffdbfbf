// GET /admin/orders/:id – one order for an admin: lines as sold, customer, delivery, payments, refunds, the money
// ledger and the audit timeline, with the refund dialog and, for a payment flagged for review, accept / refund
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { MoneyLedger } from '@/components/admin/money-ledger';
import { NotesPanel } from '@/components/admin/notes/notes-panel';
import { OrderTimeline } from '@/components/admin/order-timeline';
import { RefundDialog } from '@/app/(admin)/admin/orders/[id]/_components/refund-dialog';
import { ResolvePaymentForm } from '@/components/admin/payments/resolve-payment-form';
import { ShipDialog } from '@/app/(admin)/admin/orders/[id]/_components/ship-dialog';
import { RefundStatusBadge } from '@/components/admin/refund-status-badge';
import { OrderStatusBadge } from '@/components/orders/order-status-badge';
import { Card } from '@/components/ui/card';
import { DescriptionList } from '@/components/ui/description-list';
import { guestCustomerHref } from '@/lib/admin/customer-list-query';
import { paymentStatusLabels } from '@/lib/admin/payment-list-query';
import { formatDateTime } from '@/lib/core/format-date';
import { formatMoney } from '@/lib/core/money';
import { addressLines } from '@/lib/orders/address-lines';
import { formatVatRate } from '@/lib/invoices/vat';
import { deliveryLabel } from '@/lib/orders/delivery-label';
import { userForPage } from '@/lib/server/doors/auth';
import { loadAdminOrder } from './load-admin-order';
import { addOrderNoteAction } from './note-actions';

export const metadata: Metadata = { title: 'Order', robots: { index: false } };

export default async function AdminOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // The layout checks too, but a layout does not re-run for every request that reaches this page.
  await userForPage('admin', `/admin/orders/${encodeURIComponent(id)}`);
  const loaded = await loadAdminOrder(id);
  if (!loaded) notFound();
  const { order, ledger, lineLabel, timeline, refunds, refundUnavailable, fulfillments, shipUnavailable, notes, customerEmail } = loaded;
  const money = (amount: number) => formatMoney({ amount, currency: order.currency });

  return (
    <div className="space-y-6">
      <Link href="/admin/orders" className="text-sm font-medium text-brand-700 underline underline-offset-2">
        ← Orders
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Order {order.number}</h1>
        <OrderStatusBadge status={order.status} />
        <div className="ml-auto flex flex-wrap items-center gap-3">
          <ShipDialog
            orderId={order.id}
            orderNumber={order.number}
            lines={order.lines.map((line) => ({
              orderItemId: line.orderItemId,
              label: lineLabel.get(line.variantId) ?? line.sku,
              ordered: line.quantity,
              shipped: line.shipped,
              shippable: line.shippable,
            }))}
            unavailable={shipUnavailable}
          />
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
              returnable: line.returnable,
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
          <Card id="lines" title="Items">
            <ul className="mt-3 divide-y divide-stone-100" data-testid="order-lines">
              {order.lines.map((line) => (
                <li key={line.variantId} className="flex items-start justify-between gap-3 py-2">
                  <div className="min-w-0">
                    <p>
                      <span className="font-medium">{line.productTitle}</span> – {line.variantTitle}
                    </p>
                    <p className="text-xs text-stone-500">
                      <span className="font-mono">{line.sku}</span> · {line.quantity} × {money(line.unitPriceAmount)}
                      {line.shipped > 0 ? ` · ${line.shipped} shipped` : ''}
                    </p>
                  </div>
                  <p className="shrink-0 tabular-nums">{money(line.lineTotalAmount)}</p>
                </li>
              ))}
            </ul>
            <DescriptionList
              className="mt-3 space-y-1 border-t border-stone-200 pt-3"
              items={[
                { term: 'Subtotal', value: money(order.subtotalAmount) },
                ...(order.discountAmount > 0
                  ? [{ term: `Discount (${order.discountCode})`, value: `−${money(order.discountAmount)}`, className: 'text-emerald-800' }]
                  : []),
                { term: deliveryLabel(order), value: order.shippingAmount === 0 ? 'Free' : money(order.shippingAmount) },
                ...(order.taxAddedAmount > 0
                  ? [{ term: `VAT at ${formatVatRate(order.settingsSnapshot?.vat.rateBasisPoints ?? 0)}`, value: money(order.taxAddedAmount) }]
                  : []),
                { term: 'Total', value: money(order.totalAmount), className: 'text-base font-semibold' },
                ...(order.taxAddedAmount === 0 && order.taxAmount > 0
                  ? [
                      {
                        term: `Includes VAT at ${formatVatRate(order.settingsSnapshot?.vat.rateBasisPoints ?? 0)}`,
                        value: money(order.taxAmount),
                        className: 'text-stone-600',
                      },
                    ]
                  : []),
                ...(order.refundedAmount > 0 ? [{ term: 'Refunded', value: `−${money(order.refundedAmount)}`, className: 'text-sky-900' }] : []),
              ]}
            />
          </Card>
          <Card id="shipments" title="Shipments">
            {fulfillments.length === 0 ? (
              <p className="mt-2 text-stone-600" data-testid="no-shipments">
                Nothing shipped yet.
              </p>
            ) : (
              <ul className="mt-2 divide-y divide-stone-100" data-testid="order-shipments">
                {fulfillments.map((fulfillment) => (
                  <li key={fulfillment.id} className="space-y-1 py-3">
                    <p className="flex flex-wrap items-center justify-between gap-2">
                      <span className="font-medium">
                        Shipment {fulfillment.sequence} · {fulfillment.carrier}
                      </span>
                      <a
                        href={`/api/admin/orders/${order.id}/fulfillments/${fulfillment.id}/packing-slip`}
                        className="text-sm font-medium text-brand-700 underline underline-offset-2"
                      >
                        Packing slip (PDF)
                      </a>
                    </p>
                    <p className="text-stone-700">
                      Tracking{' '}
                      {fulfillment.trackingUrl ? (
                        <a
                          href={fulfillment.trackingUrl}
                          rel="noopener noreferrer"
                          target="_blank"
                          className="font-mono text-brand-700 underline underline-offset-2"
                        >
                          {fulfillment.trackingNumber}
                        </a>
                      ) : (
                        <span className="font-mono">{fulfillment.trackingNumber}</span>
                      )}
                    </p>
                    <p className="text-xs text-stone-600">
                      {fulfillment.lines.map((line) => `${line.quantity} × ${line.productTitle} – ${line.variantTitle}`).join(', ')}
                    </p>
                    <p className="text-xs text-stone-500">{formatDateTime(new Date(fulfillment.createdAt))}</p>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <MoneyLedger ledger={ledger} />
          <OrderTimeline entries={timeline} />
        </div>

        <div className="space-y-6">
          <Card id="customer" title="Customer">
            <p className="mt-2 font-medium">
              {order.customer ? (
                <Link href={`/admin/customers/${order.customer.id}`} className="text-brand-700 underline underline-offset-2">
                  {order.customer.name}
                </Link>
              ) : (
                <Link href={guestCustomerHref(order.email)} className="text-brand-700 underline underline-offset-2">
                  {order.shippingAddress.fullName}
                </Link>
              )}
            </p>
            <p className="break-all text-stone-700">{customerEmail}</p>
            <p className="text-stone-700">
              <a href={`tel:${order.shippingAddress.phone}`} className="underline-offset-2 hover:underline">
                {order.shippingAddress.phone}
              </a>
            </p>
            <p className="mt-1 text-xs text-stone-500">
              {order.customer ? 'Account customer' : 'Guest checkout'}
              {order.customer && order.customer.email !== order.email ? ` · checked out as ${order.email}` : ''}
            </p>
          </Card>

          <NotesPanel notes={notes} add={addOrderNoteAction} target={{ orderId: order.id }} subject="customer" />

          <Card id="delivery" title="Delivery">
            <p className="mt-1 text-stone-600">{deliveryLabel(order)}</p>
            <address className="mt-2 not-italic leading-relaxed text-stone-700">
              {addressLines(order.shippingAddress).map((line) => (
                <span key={line} className="block">
                  {line}
                </span>
              ))}
            </address>
          </Card>

          <Card id="payments" title="Payments">
            {order.payments.length === 0 ? (
              <p className="mt-2 text-stone-600">No payment was started.</p>
            ) : (
              <ul className="mt-2 divide-y divide-stone-100" data-testid="order-payments">
                {order.payments.map((payment) => (
                  <li key={payment.id} className="space-y-0.5 py-2">
                    <p className="flex justify-between gap-2">
                      <span className="font-medium">{paymentStatusLabels[payment.status]}</span>
                      <span className="tabular-nums">{money(payment.amount)}</span>
                    </p>
                    <p className="break-all font-mono text-xs text-stone-600">{payment.reference}</p>
                    <p className="text-xs text-stone-500">
                      {payment.gatewayTransactionId ? `Paystack transaction ${payment.gatewayTransactionId}` : 'No Paystack transaction yet'}
                      {payment.channel ? ` · ${payment.channel}` : ''}
                      {` · ${formatDateTime(payment.paidAt ?? payment.createdAt)}`}
                    </p>
                    {payment.failureReason ? <p className="text-xs text-red-700">{payment.failureReason}</p> : null}
                    {payment.status === 'needs_review' ? <ResolvePaymentForm paymentId={payment.id} /> : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>

          <Card id="refunds" title="Refunds">
            {refunds.length === 0 ? (
              <p className="mt-2 text-stone-600" data-testid="no-refunds">
                No refunds yet.
              </p>
            ) : (
              <ul className="mt-2 divide-y divide-stone-100" data-testid="order-refunds">
                {refunds.map((refund) => (
                  <li key={refund.id} className="space-y-1 py-3">
                    <p className="flex flex-wrap items-center justify-between gap-2">
                      <span className="font-medium tabular-nums">{formatMoney(refund.amount)}</span>
                      <RefundStatusBadge status={refund.status} />
                    </p>
                    <p className="text-stone-700">{refund.reason}</p>
                    {refund.restock.length > 0 ? (
                      <p className="text-xs text-stone-600">
                        Restock:{' '}
                        {refund.restock
                          .map((line) => `${line.quantity} × ${lineLabel.get(line.variantId) ?? 'an item'}${line.returnedToStock ? ' (came back)' : ''}`)
                          .join(', ')}
                      </p>
                    ) : null}
                    {refund.failureReason ? <p className="text-xs text-red-700">{refund.failureReason}</p> : null}
                    <p className="text-xs text-stone-500">
                      {formatDateTime(new Date(refund.createdAt))} · {refund.requestedByWords}
                      {refund.gatewayRefundId ? ` · Paystack refund ${refund.gatewayRefundId}` : ''}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}
