// Everything the admin order page shows, loaded and shaped here so the page only renders: the order with its lines
// and payments, the money ledger, the audit timeline in words, who asked for each refund, and why the refund dialog
// is unavailable when it is. Null when there is no such order (the page answers 404).
import 'server-only';
import { db } from '@/db';
import { listOrderNotes } from '@/db/queries/admin-notes';
import { getAdminOrder, orderTimeline, userNames } from '@/db/queries/admin-orders';
import { listFulfillments } from '@/lib/fulfillments/fulfillment-view';
import { describeEntry } from '@/lib/orders/order-timeline';
import { orderLedger } from '@/lib/refunds/order-ledger';
import { isUuid } from '@/lib/is-uuid';

export async function loadAdminOrder(id: string) {
  if (!isUuid(id)) return null;
  const [order, ledger, audit, fulfillments, notes] = await Promise.all([
    getAdminOrder(db, { orderId: id }),
    orderLedger(db, id),
    orderTimeline(db, { orderId: id }),
    listFulfillments(db, id),
    listOrderNotes(db, id),
  ]);
  if (!order || !ledger) return null;
  const names = await userNames(db, { ids: ledger.refunds.flatMap((refund) => (refund.requestedBy ? [refund.requestedBy] : [])) });

  const lineLabel = new Map(order.lines.map((line) => [line.variantId, `${line.productTitle} – ${line.variantTitle}`]));
  const timeline = audit.map((entry) =>
    describeEntry(entry, {
      currency: order.currency,
      variants: new Map(order.lines.map((line) => [line.variantId, `${line.sku} (${lineLabel.get(line.variantId)})`])),
      payments: new Map(order.payments.map((payment) => [payment.id, payment.reference])),
      refunds: new Map(ledger.refunds.map((refund) => [refund.id, refund.amount.amount])),
      items: new Map(order.lines.map((line) => [line.orderItemId, `${line.sku} (${lineLabel.get(line.variantId)})`])),
    }),
  );
  const refundUnavailable = order.refundable
    ? undefined
    : ledger.charged.amount === 0
      ? 'Not paid: nothing to refund.'
      : order.payments.some((payment) => payment.status === 'needs_review')
        ? 'The payment is flagged for review: settle it before refunding.'
        : 'Everything paid is refunded or on its way back.';
  // Newest first, each with who asked for it in words.
  const refunds = [...ledger.refunds].reverse().map((refund) => ({
    ...refund,
    requestedByWords:
      refund.origin === 'admin'
        ? `by ${refund.requestedBy ? (names.get(refund.requestedBy) ?? 'a former admin') : 'an admin'}`
        : refund.origin === 'system'
          ? 'automatic'
          : "made in Paystack's dashboard",
  }));

  const shippable = order.lines.reduce((total, line) => total + line.shippable, 0);
  const shipUnavailable = !['paid', 'partially_fulfilled', 'partially_refunded'].includes(order.status)
    ? order.status === 'fulfilled'
      ? 'Everything has shipped.'
      : order.status === 'refunded'
        ? 'Refunded in full: nothing ships.'
        : order.status === 'paid_needs_attention'
          ? 'The payment needs review before anything ships.'
          : 'Not paid: nothing to ship.'
    : shippable === 0
      ? 'Nothing left to ship.'
      : undefined;

  return {
    order,
    ledger,
    lineLabel,
    timeline,
    refunds,
    refundUnavailable,
    fulfillments,
    shipUnavailable,
    notes,
    customerEmail: order.customer?.email ?? order.email,
  };
}
