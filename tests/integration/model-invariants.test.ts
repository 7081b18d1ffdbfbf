// A model-based test (fast-check): random sequences of the REAL use cases against the real Postgres, Redis (through the
// bridge) and the Paystack simulator over HTTP — add to cart and check out (lib/checkout/checkout-use-case.ts), resubmit
// the same or a changed checkout, pay or decline at the simulator, deliver its signed charge.success through the webhook
// route handler (once, twice, three copies at once, late, or racing the release job, reconciliation or a refund), let
// holds run out, run the release job and reconciliation, refund part, the rest or too much (with or without restock, a
// key sent twice at once) through lib/refunds/request-refund.ts, move refunds on through their signed refund.*
// webhooks, send a charge that does not match what the shop asked for (flagged for review) and have an admin accept it,
// refund it, or both at once (lib/payments/resolve-flagged-payment.ts), have customers dispute captured payments
// (the simulator's signed charge.dispute.create, maybe twice at once, then the admin accepts part, all or too much
// through lib/disputes/answer-dispute.ts and the resolve webhook comes), pay in one click with a saved card (charged,
// declined or paused for an OTP: lib/cards/charge-saved-card.ts through the checkout use case), and ship lines of paid orders
// (lib/fulfillments/ship-order.ts; some, the rest, too many, two admins at once). After EVERY step the database must
// satisfy the invariants in `violations` below; at the end of each run,
// once every hold has run out and every payment the simulator took has been delivered, nothing is held or pending.
//
// Stood in, and only this: time passing (holds moved into the past and this run's open payments aged past the
// reconciliation window, by SQL, for this run's rows only) and Paystack's webhook delivery (dropped by the simulator's
// per-transaction knob, so the test delivers each signed body itself, when and as often as it chooses). Each run makes
// its own variants and looks only at their orders: other files run alongside on the same database.
//
// Replay a failure with the values printed under it: MODEL_SEED=<seed> MODEL_PATH=<path> MODEL_REPLAY=<replayPath>.
// MODEL_RUNS changes how many sequences are tried (default 25); MODEL_DEBUG=1 prints which paths the runs reached.
// A counter-example found and fixed is kept below as its own regression `it`, its shrunk commands written out.
import { randomUUID } from 'node:crypto';
import { Redis } from '@upstash/redis';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as webhookRoute } from '@/app/api/webhooks/paystack/route';
import {
  auditLogs,
  disputes,
  fulfillmentLines,
  fulfillments,
  inventoryReservations,
  orderItems,
  orders,
  outbox,
  payments,
  productVariants,
  refunds,
  savedCards,
  users,
  webhookEvents,
} from '@/db/schema';
import { createCardVault } from '@/lib/cards/card-vault';
import type { DbOrTx, Tx } from '@/db/client';
import { addToCart } from '@/lib/cart/add-to-cart';
import type { CartOwner } from '@/lib/cart/types';
import { checkout } from '@/lib/checkout/checkout-use-case';
import { shippingStatusFor } from '@/lib/fulfillments/fulfillment-rules';
import { loadLineFacts } from '@/lib/fulfillments/line-facts';
import { shipOrder } from '@/lib/fulfillments/ship-order';
import { releaseExpiredReservations } from '@/lib/inventory/release-expired-reservations';
import { signWebhookBody } from '@/lib/payments/paystack/signature';
import { reconcilePayments } from '@/lib/payments/reconcile-payments';
import { resolveFlaggedPayment } from '@/lib/payments/resolve-flagged-payment';
import { requestRefund } from '@/lib/refunds/request-refund';
import { addDisputeEvidence } from '@/lib/disputes/add-dispute-evidence';
import { answerDispute } from '@/lib/disputes/answer-dispute';
import type { RestockLine } from '@/lib/refunds/types';
import { newCartSessionId } from '@/lib/server/doors/cart-session';
import { createTestVariants, testAddress } from '../support/catalog-fixtures';
import { newIp } from '../support/checkout-api-fixtures';
import { testPaystack } from '../support/checkout-fixtures';
import { testDatabase } from '../support/db';
import { appliedAnswers } from '../support/webhook-inbox';
import { paystackApi, paystackEnv, simulator, uniqueReference } from '../support/paystack-sim';
import { adminUser, refundWebhook } from '../support/refund-fixtures';

const { db, sql: client } = testDatabase(10);
const redis = new Redis({ url: process.env.UPSTASH_REDIS_REST_URL!, token: process.env.UPSTASH_REDIS_REST_TOKEN! });
afterAll(() => client.end());
const paystack = testPaystack();
const { secretKey } = paystackEnv();
const callbackUrl = 'http://127.0.0.1:3100/checkout/return';
const cardVault = createCardVault({ current: process.env.CARD_VAULT_KEY! });
let adminId = '';
beforeAll(async () => {
  adminId = (await adminUser(db)).id;
});

// ---------------------------------------------------------------------------------------------------------------
// The model: only what is needed to choose commands (who shops, which orders and references exist, what was paid at
// the simulator, which refunds Paystack holds). Everything else is read from the database.

interface Shopper {
  owner: CartOwner;
  email: string;
  ip: string;
  delivery: 'pickup' | 'standard';
  /** The order of this shopper's last successful checkout (the one the checkout remembers). */
  lastOrderId: string | null;
}
interface Ref {
  reference: string;
  orderId: string;
  paidAtSim: boolean;
}
interface RefundRef {
  id: string;
  gatewayRefundId: string;
  reference: string;
  settled: boolean;
}
interface Model {
  shoppers: Shopper[];
  orders: string[];
  refs: Ref[];
  refunds: RefundRef[];
}
/** The real side of one run: its variants (with the stock they started with) and the steps taken so far. */
interface Run {
  variants: Array<{ id: string; initial: number }>;
  steps: string[];
}
type Cmd = fc.AsyncCommand<Model, Run>;

const pick = <T>(list: readonly T[], index: number): T => list[index % list.length]!;

const CAPTURED = ['paid', 'partially_refunded', 'refunded'] as const;
const OPEN = ['initialized', 'pending'] as const;
const ACCEPTED_REFUND = ['pending', 'processing', 'processed', 'needs_attention'] as const;
const isCaptured = (status: string) => (CAPTURED as readonly string[]).includes(status);
const isOpen = (status: string) => (OPEN as readonly string[]).includes(status);

// ---------------------------------------------------------------------------------------------------------------
// What the database holds about one run: its variants and every order that has a line on them, with their holds,
// payments, refunds, audit entries, jobs and webhook events.

async function orderIdsOf(run: Run, handle: DbOrTx = db): Promise<string[]> {
  const rows = await handle
    .selectDistinct({ orderId: orderItems.orderId })
    .from(orderItems)
    .where(
      inArray(
        orderItems.variantId,
        run.variants.map((variant) => variant.id),
      ),
    );
  return rows.map((row) => row.orderId);
}

async function snapshot(run: Run, handle: DbOrTx = db) {
  const variantIds = run.variants.map((variant) => variant.id);
  const variants = await handle
    .select({ id: productVariants.id, stockOnHand: productVariants.stockOnHand, reserved: productVariants.reserved })
    .from(productVariants)
    .where(inArray(productVariants.id, variantIds));
  const orderIds = await orderIdsOf(run, handle);
  if (orderIds.length === 0)
    return {
      variants,
      orders: [],
      items: [],
      holds: [],
      payments: [],
      refunds: [],
      disputes: [],
      shipments: [],
      shippedLines: [],
      audits: [],
      jobs: [],
      events: [],
    };
  const [orderRows, items, holds, paymentRows, refundRows, disputeRows, shipments, shippedLines] = await Promise.all([
    handle.select().from(orders).where(inArray(orders.id, orderIds)),
    handle.select().from(orderItems).where(inArray(orderItems.orderId, orderIds)),
    handle
      .select({
        orderId: inventoryReservations.orderId,
        variantId: inventoryReservations.variantId,
        quantity: inventoryReservations.quantity,
        status: inventoryReservations.status,
      })
      .from(inventoryReservations)
      .where(inArray(inventoryReservations.orderId, orderIds)),
    handle.select().from(payments).where(inArray(payments.orderId, orderIds)),
    handle.select().from(refunds).where(inArray(refunds.orderId, orderIds)),
    handle.select().from(disputes).where(inArray(disputes.orderId, orderIds)),
    handle.select().from(fulfillments).where(inArray(fulfillments.orderId, orderIds)),
    handle
      .select({ orderItemId: fulfillmentLines.orderItemId, quantity: fulfillmentLines.quantity })
      .from(fulfillmentLines)
      .innerJoin(fulfillments, eq(fulfillments.id, fulfillmentLines.fulfillmentId))
      .where(inArray(fulfillments.orderId, orderIds)),
  ]);
  const entityIds = [...orderIds, ...variantIds, ...paymentRows.map((row) => row.id), ...refundRows.map((row) => row.id), ...disputeRows.map((row) => row.id)];
  const references = paymentRows.map((row) => row.reference);
  const [audits, jobs, events] = await Promise.all([
    handle
      .select({
        action: auditLogs.action,
        entityType: auditLogs.entityType,
        entityId: auditLogs.entityId,
        after: auditLogs.after,
        metadata: auditLogs.metadata,
      })
      .from(auditLogs)
      .where(inArray(auditLogs.entityId, entityIds)),
    paymentRows.length === 0
      ? []
      : handle
          .select({ event: outbox.event, dedupeKey: outbox.dedupeKey })
          .from(outbox)
          .where(
            and(
              inArray(outbox.event, ['order/paid', 'refund/requested', 'order/shipped']),
              inArray(outbox.dedupeKey, [...paymentRows.map((row) => row.id), ...shipments.map((row) => row.id)]),
            ),
          ),
    references.length === 0
      ? []
      : handle
          .select({ eventKey: webhookEvents.eventKey, type: webhookEvents.type, status: webhookEvents.status, outcome: webhookEvents.outcome })
          .from(webhookEvents)
          .where(
            sql`(${webhookEvents.type} = 'charge.success' AND coalesce(${webhookEvents.payload} #>> '{data,reference}', ${webhookEvents.payload} ->> 'reference') IN ${references})
              OR (${webhookEvents.type} LIKE 'refund.%' AND ${webhookEvents.payload} #>> '{data,transaction_reference}' IN ${references})`,
          ),
  ]);
  return {
    variants,
    orders: orderRows,
    items,
    holds,
    payments: paymentRows,
    refunds: refundRows,
    disputes: disputeRows,
    shipments,
    shippedLines,
    audits,
    jobs,
    events,
  };
}
type Snapshot = Awaited<ReturnType<typeof snapshot>>;

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/**
 * Every way the database can contradict itself about this run's stock, money and webhooks. The rules are the shop's
 * own: lib/inventory (two-phase stock), lib/payments/commit-payment.ts and payment-status.ts, lib/orders/order-status.ts,
 * lib/inventory/release-order.ts, lib/refunds (refund-balance.ts, move-refund.ts, refund-rules.ts) and
 * lib/webhooks/apply-once.ts.
 */
function violations(run: Run, snap: Snapshot): string[] {
  const found: string[] = [];
  const fail = (message: string) => found.push(message);
  const auditsOf = (entityId: string, ...actions: string[]) => snap.audits.filter((row) => row.entityId === entityId && actions.includes(row.action));
  const jobCount = (event: string, dedupeKey: string) => snap.jobs.filter((job) => job.event === event && job.dedupeKey === dedupeKey).length;
  const restockedRefunds = snap.refunds.filter((refund) => refund.restockedAt !== null);

  // Stock: on hand + units sold − units restocked = initial, and reserved = Σ active holds, for every test variant.
  for (const variant of run.variants) {
    const row = snap.variants.find((candidate) => candidate.id === variant.id);
    if (!row) {
      fail(`variant ${variant.id} is gone`);
      continue;
    }
    const held = (status: string) => sum(snap.holds.filter((hold) => hold.variantId === variant.id && hold.status === status).map((hold) => hold.quantity));
    const restocked = sum(
      restockedRefunds.flatMap((refund) => refund.restockLines.filter((line) => line.variantId === variant.id).map((line) => line.quantity)),
    );
    const sold = held('committed');
    if (row.stockOnHand + sold - restocked !== variant.initial)
      fail(`variant ${variant.id}: stock_on_hand ${row.stockOnHand} + sold ${sold} − restocked ${restocked} ≠ initial ${variant.initial}`);
    if (row.reserved !== held('active')) fail(`variant ${variant.id}: reserved ${row.reserved} ≠ Σ active holds ${held('active')}`);
    if (row.reserved > row.stockOnHand || row.stockOnHand < 0 || row.reserved < 0)
      fail(`variant ${variant.id}: on hand ${row.stockOnHand}, reserved ${row.reserved}`);
  }

  for (const order of snap.orders) {
    const tag = `order ${order.number} (${order.status})`;
    const items = snap.items.filter((item) => item.orderId === order.id);
    const holds = snap.holds.filter((hold) => hold.orderId === order.id);
    const pays = snap.payments.filter((payment) => payment.orderId === order.id);
    const holdStatuses = new Set(holds.map((hold) => hold.status));

    // One hold per line, for the line's quantity.
    const lines = (rows: Array<{ variantId: string; quantity: number }>) =>
      rows
        .map((row) => `${row.variantId}×${row.quantity}`)
        .sort()
        .join(',');
    if (lines(items) !== lines(holds)) fail(`${tag}: holds ${lines(holds)} ≠ lines ${lines(items)}`);

    // Captures: the payment that paid the order, and any money that arrived for an order that could no longer take it
    // (recorded as payment.unexpected, a full refund queued — commit-payment.ts recordUnexpectedPayment).
    const captured = pays.filter((payment) => isCaptured(payment.status));
    const surplus = captured.filter((payment) => auditsOf(payment.id, 'payment.unexpected').length > 0);
    // Charges flagged for review (amount or currency off) that no admin accepted: still flagged, or given back by a
    // resolve → refund. They never paid the order.
    const reviewed = pays.filter((payment) => auditsOf(payment.id, 'payment.mismatch').length > 0 && auditsOf(payment.id, 'payment.accepted').length === 0);
    const primary = captured.filter((payment) => !surplus.includes(payment) && !reviewed.includes(payment));
    if (primary.length > 1) fail(`${tag}: ${primary.length} payments paid it (${primary.map((payment) => payment.reference).join(', ')})`);
    for (const payment of surplus) {
      if (!payment.failureReason?.startsWith('Order was already ')) fail(`${tag}: surplus payment ${payment.reference} has no reason recorded`);
      if (jobCount('refund/requested', payment.id) !== 1) fail(`${tag}: surplus payment ${payment.reference} has no refund queued`);
      if (jobCount('order/paid', payment.id) !== 0) fail(`${tag}: surplus payment ${payment.reference} set off the paid-order job`);
    }
    const open = pays.filter((payment) => isOpen(payment.status));
    const paidOrderAudits = auditsOf(order.id, 'order.paid', 'order.paid_late');
    if (paidOrderAudits.length !== primary.length) fail(`${tag}: ${paidOrderAudits.length} order.paid entries for ${primary.length} paying payment(s)`);

    // Stock left the shelf exactly once per committed hold (stock.committed entries name the order).
    const committedHolds = holds.filter((hold) => hold.status === 'committed');
    const commitAudits = snap.audits.filter((row) => row.action === 'stock.committed' && (row.after as { orderId?: string } | null)?.orderId === order.id);
    if (
      commitAudits.length !== committedHolds.length ||
      sum(commitAudits.map((row) => (row.after as { quantity: number }).quantity)) !== sum(committedHolds.map((hold) => hold.quantity))
    )
      fail(`${tag}: ${commitAudits.length} stock.committed entries for ${committedHolds.length} committed hold(s)`);

    if (order.refundedAmount < 0 || order.refundedAmount > order.totalAmount) fail(`${tag}: refunded ${order.refundedAmount} outside 0…${order.totalAmount}`);

    // An order whose only money is a flagged charge: awaiting a person (its holds kept, nothing sold), or refunded by
    // one (its holds given back).
    if (primary.length === 0 && reviewed.length > 0 && ['paid_needs_attention', 'partially_refunded', 'refunded'].includes(order.status)) {
      if (committedHolds.length > 0) fail(`${tag}: a flagged charge nobody accepted, yet stock was sold`);
      if (order.status === 'paid_needs_attention' && !reviewed.some((payment) => payment.status === 'needs_review'))
        fail(`${tag}: awaiting review with no flagged payment`);
      if (order.status !== 'paid_needs_attention' && holds.some((hold) => hold.status === 'active'))
        fail(`${tag}: refunded after review, yet still holds stock`);
      continue;
    }
    // Shipping: shipped = Σ its shipments' lines, shipped ≤ ordered − refunded-unshipped (restocked without
    // returnedToStock, by refunds that did not fail or restocked anyway), shipped ≤ sold, came back ≤ shipped; one
    // order.shipped entry and one shipping-email job per shipment; only a paid order ships.
    const restockOf = (variantId: string, returned: boolean) =>
      sum(
        snap.refunds
          .filter((refund) => refund.orderId === order.id && (refund.status !== 'failed' || refund.restockedAt !== null))
          .flatMap((refund) => refund.restockLines)
          .filter((line) => line.variantId === variantId && Boolean(line.returnedToStock) === returned)
          .map((line) => line.quantity),
      );
    const lineFacts = items.map((item) => ({
      orderItemId: item.id,
      variantId: item.variantId,
      ordered: item.quantity,
      sold: sum(holds.filter((hold) => hold.variantId === item.variantId && hold.status === 'committed').map((hold) => hold.quantity)),
      shipped: item.shippedQuantity,
      cancelled: restockOf(item.variantId, false),
      returned: restockOf(item.variantId, true),
    }));
    for (const fact of lineFacts) {
      const recorded = sum(snap.shippedLines.filter((line) => line.orderItemId === fact.orderItemId).map((line) => line.quantity));
      if (fact.shipped !== recorded) fail(`${tag}: line ${fact.orderItemId} says ${fact.shipped} shipped, its shipments hold ${recorded}`);
      if (fact.shipped > fact.ordered - fact.cancelled)
        fail(`${tag}: line ${fact.orderItemId} shipped ${fact.shipped} > ordered ${fact.ordered} − refunded unshipped ${fact.cancelled}`);
      if (fact.shipped > fact.sold) fail(`${tag}: line ${fact.orderItemId} shipped ${fact.shipped} of ${fact.sold} sold`);
      if (fact.returned > fact.shipped) fail(`${tag}: line ${fact.orderItemId} took back ${fact.returned} of ${fact.shipped} shipped`);
    }
    const orderShipments = snap.shipments.filter((shipment) => shipment.orderId === order.id);
    if (auditsOf(order.id, 'order.shipped').length !== orderShipments.length)
      fail(`${tag}: ${auditsOf(order.id, 'order.shipped').length} order.shipped entries for ${orderShipments.length} shipment(s)`);
    for (const shipment of orderShipments)
      if (jobCount('order/shipped', shipment.id) !== 1) fail(`${tag}: shipment ${shipment.sequence} has no shipping email queued`);
    if (orderShipments.length > 0 && primary.length === 0) fail(`${tag}: shipped, yet no payment paid it`);

    switch (order.status) {
      case 'pending_payment':
        if (captured.length > 0) fail(`${tag}: awaiting payment, yet ${captured.map((payment) => payment.reference).join(', ')} captured`);
        if (holds.some((hold) => hold.status !== 'active')) fail(`${tag}: awaiting payment with holds ${[...holdStatuses].join(',')}`);
        break;
      case 'expired':
        // A payment for an expired order takes the commit path (honoured or flagged), never stays beside it.
        if (captured.length > 0) fail(`${tag}: expired, yet ${captured.map((payment) => payment.reference).join(', ')} captured`);
        if (holds.some((hold) => hold.status !== 'expired')) fail(`${tag}: expired with holds ${[...holdStatuses].join(',')}`);
        if (open.length > 0) fail(`${tag}: expired with open payment(s) ${open.map((payment) => payment.reference).join(', ')}`);
        break;
      case 'cancelled':
        if (primary.length > 0) fail(`${tag}: cancelled, yet ${primary[0]!.reference} paid it`);
        if (holds.some((hold) => hold.status !== 'released')) fail(`${tag}: cancelled with holds ${[...holdStatuses].join(',')}`);
        if (open.length > 0) fail(`${tag}: cancelled with open payment(s) ${open.map((payment) => payment.reference).join(', ')}`);
        break;
      case 'paid':
      case 'partially_fulfilled':
      case 'fulfilled':
      case 'partially_refunded':
      case 'refunded':
      case 'paid_needs_attention': {
        const payer = primary[0];
        if (!payer) {
          fail(`${tag}: no payment paid it (captured: ${captured.length}, surplus: ${surplus.length})`);
          break;
        }
        if (!order.paidAt) fail(`${tag}: no paid_at`);
        // Honoured: every hold committed. Not honoured (a late payment whose stock was gone): nothing committed or held,
        // a full refund queued, and the order's own status before refunds is paid_needs_attention.
        const honoured = holds.every((hold) => hold.status === 'committed');
        const dropped = holds.every((hold) => hold.status === 'expired' || hold.status === 'released');
        if (!honoured && !dropped) fail(`${tag}: holds ${[...holdStatuses].join(',')} are neither all committed nor all given back`);
        if (honoured && jobCount('order/paid', payer.id) !== 1) fail(`${tag}: honoured, with ${jobCount('order/paid', payer.id)} paid-order job(s)`);
        if (!honoured && jobCount('refund/requested', payer.id) !== 1) fail(`${tag}: late payment not honoured and no refund queued`);
        if (!honoured && auditsOf(order.id, 'order.paid_late').length !== 1) fail(`${tag}: not honoured, yet not recorded as a late payment`);
        // A paid order's own status is where its shipments put it; once money went back, the refund states say more.
        const base = honoured ? shippingStatusFor(lineFacts) : 'paid_needs_attention';
        const expected = order.refundedAmount <= 0 ? base : order.refundedAmount >= order.totalAmount ? 'refunded' : 'partially_refunded';
        if (order.status !== expected) fail(`${tag}: with ${order.refundedAmount} of ${order.totalAmount} refunded it should be ${expected}`);
        if (surplus.length === 0 && order.refundedAmount !== payer.refundedAmount)
          fail(`${tag}: order refunded ${order.refundedAmount} ≠ its payment's ${payer.refundedAmount}`);
        break;
      }
      default:
        fail(`${tag}: a status no step of this test can reach`);
    }
  }

  for (const payment of snap.payments) {
    const tag = `payment ${payment.reference} (${payment.status})`;
    const own = snap.refunds.filter((refund) => refund.paymentId === payment.id);
    const accepted = sum(own.filter((refund) => (ACCEPTED_REFUND as readonly string[]).includes(refund.status)).map((refund) => refund.amount));
    const committed = sum(own.filter((refund) => refund.status !== 'failed').map((refund) => refund.amount));
    // Refunded ≤ captured: what Paystack accepted is what the payment records, and every refund not failed fits.
    if (payment.refundedAmount !== accepted) fail(`${tag}: refunded_amount ${payment.refundedAmount} ≠ Σ accepted refunds ${accepted}`);
    if (committed > payment.amount) fail(`${tag}: refunds not failed ${committed} exceed the capture ${payment.amount}`);
    // Refunds and what disputes cost (an accepted amount from the moment it is accepted, a lost dispute) together never
    // pass what was captured (lib/disputes/dispute-balance.ts, counted by both use cases under the same locks).
    const disputed = sum(snap.disputes.filter((dispute) => dispute.paymentId === payment.id).map((dispute) => dispute.lossAmount));
    if (committed + disputed > payment.amount) fail(`${tag}: refunds ${committed} + dispute losses ${disputed} exceed the capture ${payment.amount}`);
    if (payment.refundedAmount > payment.amount) fail(`${tag}: refunded ${payment.refundedAmount} > amount ${payment.amount}`);
    const flagged = auditsOf(payment.id, 'payment.mismatch').length;
    const acceptedByAdmin = auditsOf(payment.id, 'payment.accepted').length;
    if (payment.status === 'needs_review' && flagged !== 1) fail(`${tag}: flagged for review without its mismatch entry`);
    if (acceptedByAdmin > 1) fail(`${tag}: accepted ${acceptedByAdmin} times`);
    // Resolved once: an accepted payment has no refund made by a resolution, and a refunded one was never accepted.
    if (acceptedByAdmin > 0 && own.some((refund) => refund.idempotencyKey?.startsWith('resolve:') && refund.status !== 'failed'))
      fail(`${tag}: both accepted and refunded by a resolution`);
    // Given back after review without being accepted: a capture of the money, not of the order (no paid_at).
    const givenBack = flagged === 1 && acceptedByAdmin === 0;
    const captures = auditsOf(payment.id, 'payment.paid', 'payment.unexpected', 'payment.accepted');
    if (payment.status === 'needs_review') {
      if (own.some((refund) => refund.status !== 'failed')) fail(`${tag}: flagged, with a refund under way`);
      if (captures.length !== 0) fail(`${tag}: flagged, yet captured by ${captures.length} commits`);
    } else if (isCaptured(payment.status)) {
      if (payment.gatewayTransactionId === null || (payment.paidAt === null && !givenBack)) fail(`${tag}: captured without a gateway id or paid_at`);
      const status = accepted === 0 ? 'paid' : accepted >= payment.amount ? 'refunded' : 'partially_refunded';
      if (payment.status !== status) fail(`${tag}: with ${accepted} of ${payment.amount} refunded it should be ${status}`);
      if (captures.length !== (givenBack ? 0 : 1)) fail(`${tag}: captured by ${captures.length} commits`);
    } else {
      if (own.length > 0) fail(`${tag}: refunds on money never captured`);
      if (payment.gatewayTransactionId !== null) fail(`${tag}: a gateway transaction without a capture`);
      if (captures.length !== 0) fail(`${tag}: ${captures.length} capture entries, yet not captured`);
    }
    // Exactly-once: one charge event per captured payment, processed; an event processed without its effect, or
    // ignored or failed, is a delivery that went wrong.
    const charges = snap.events.filter((event) => event.type === 'charge.success' && event.eventKey === `charge.success:${payment.gatewayTransactionId}`);
    if ((isCaptured(payment.status) || payment.status === 'needs_review') && (charges.length !== 1 || charges[0]!.status !== 'processed'))
      fail(`${tag}: captured, with charge events ${JSON.stringify(charges.map((event) => event.status))}`);
  }
  // Each reference is paid at most once at the simulator, so each of this run's charge events is the one fact of one
  // payment: processed with its capture. Ignored would mean a second fact for a settled payment; failed, an error.
  const chargeKeys = new Set(
    snap.payments
      .filter((payment) => isCaptured(payment.status) || payment.status === 'needs_review')
      .map((payment) => `charge.success:${payment.gatewayTransactionId}`),
  );
  for (const event of snap.events.filter((candidate) => candidate.type === 'charge.success')) {
    if (event.status !== 'processed') fail(`charge event ${event.eventKey} is ${event.status}: ${event.outcome}`);
    else if (!chargeKeys.has(event.eventKey)) fail(`charge event ${event.eventKey} processed, yet no payment holds its capture`);
  }

  for (const refund of snap.refunds) {
    const tag = `refund ${refund.id} (${refund.status})`;
    for (const status of ['pending', 'processing', 'processed', 'failed']) {
      const moves = auditsOf(refund.id, `refund.${status}`).length;
      if (moves > 1) fail(`${tag}: moved to ${status} ${moves} times`);
    }
    const restocks = snap.audits.filter(
      (row) => row.action === 'stock.restocked' && (row.metadata as { refundId?: string } | null)?.refundId === refund.id,
    ).length;
    const expected = refund.restockedAt ? refund.restockLines.length : 0;
    if (restocks !== expected) fail(`${tag}: restocked ${restocks} line(s), expected ${expected}`);
  }
  // Disputes: one row per Paystack dispute, recorded once however often its events came; its cost matches its state.
  for (const dispute of snap.disputes) {
    const tag = `dispute ${dispute.gatewayDisputeId} (${dispute.status})`;
    if (auditsOf(dispute.id, 'dispute.opened').length !== 1) fail(`${tag}: opened ${auditsOf(dispute.id, 'dispute.opened').length} times`);
    if (dispute.lossAmount > dispute.amount) fail(`${tag}: lost ${dispute.lossAmount}, more than the ${dispute.amount} disputed`);
    if (dispute.status === 'lost' && dispute.lossAmount <= 0) fail(`${tag}: lost, at no cost`);
    if (dispute.status === 'won' && dispute.lossAmount !== 0) fail(`${tag}: won, yet costs ${dispute.lossAmount}`);
    if (dispute.status !== 'lost' && dispute.answer !== 'accept' && dispute.lossAmount !== 0)
      fail(`${tag}: open and not accepted, yet costs ${dispute.lossAmount}`);
    for (const status of ['won', 'lost']) if (auditsOf(dispute.id, `dispute.${status}`).length > 1) fail(`${tag}: moved to ${status} more than once`);
  }
  // A processed refund event had exactly its one effect: the refund's move to that status.
  for (const event of snap.events.filter((candidate) => candidate.type.startsWith('refund.'))) {
    if (event.status === 'failed') fail(`refund event ${event.eventKey} failed: ${event.outcome}`);
    if (event.status !== 'processed') continue;
    const [, , gatewayId, status] = event.eventKey.split(':');
    const refund = snap.refunds.find((candidate) => candidate.gatewayRefundId === gatewayId);
    if (!refund) {
      fail(`refund event ${event.eventKey} processed for a refund not on record`);
      continue;
    }
    const moves = auditsOf(refund.id, `refund.${status === 'needs-attention' ? 'needs_attention' : status}`).length;
    if (moves !== 1) fail(`refund event ${event.eventKey} processed with ${moves} matching move(s)`);
  }
  return found;
}

async function checkInvariants(run: Run, step: string): Promise<Snapshot> {
  run.steps.push(step);
  const snap = await snapshot(run);
  const problems = violations(run, snap);
  if (problems.length > 0) {
    throw new Error(`invariants broken after step ${run.steps.length} (${step}):\n  - ${problems.join('\n  - ')}\nsteps: ${run.steps.join(' → ')}`);
  }
  return snap;
}

// ---------------------------------------------------------------------------------------------------------------
// The doors the commands go through.

function deliver(body: string) {
  return webhookRoute(
    new Request('http://127.0.0.1:3100/api/webhooks/paystack', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-paystack-signature': signWebhookBody(body, secretKey) },
      body,
    }),
  );
}

/**
 * Delivers `copies` copies of one signed body through the route, all at once or one after another. The route only
 * stores an event (`received`); the copy that stored it reads as what the inbox worker made of it once applied.
 */
async function deliverCopies(body: string, copies: number, concurrent: boolean): Promise<string[]> {
  const answer = async () => {
    const response = await deliver(body);
    const reply = (await response.json()) as { status: string };
    expect(response.status, `webhook answered ${JSON.stringify(reply)}`).toBe(200);
    return reply.status;
  };
  if (concurrent) return appliedAnswers(db, body, await Promise.all(Array.from({ length: copies }, answer)));
  const statuses: string[] = [];
  // One after another, each copy applied before the next arrives (as the synchronous route did).
  for (let copy = 0; copy < copies; copy++) statuses.push(...(await appliedAnswers(db, body, [await answer()])));
  return statuses;
}

async function chargeBody(reference: string): Promise<string> {
  const delivery = (await simulator.deliveries(reference)).find((candidate) => candidate.event === 'charge.success');
  if (!delivery) throw new Error(`the simulator logged no charge.success for ${reference}`);
  return delivery.body;
}

const paymentOf = async (reference: string) => (await db.select().from(payments).where(eq(payments.reference, reference)))[0]!;
const orderOf = async (orderId: string) => (await db.select().from(orders).where(eq(orders.id, orderId)))[0]!;

/** The shopper's checkout, as the checkout page's action runs it; a known reference whose webhooks the simulator keeps. */
async function checkoutAs(model: Model, shopper: Shopper) {
  const reference = uniqueReference('model');
  await simulator.setKnobs(reference, { dropWebhooks: true, refundAutoProcessMs: null });
  const result = await checkout(
    { db, redis, paystack, callbackUrl, newReference: () => reference },
    {
      owner: shopper.owner,
      userId: null,
      clientAddress: shopper.ip,
      input: { email: shopper.email, shippingAddress: testAddress, deliveryOption: shopper.delivery },
    },
  );
  if (result.ok) {
    const { order, payment } = result.value;
    if (!model.orders.includes(order.id)) model.orders.push(order.id);
    if (!model.refs.some((ref) => ref.reference === payment.reference)) model.refs.push({ reference: payment.reference, orderId: order.id, paidAtSim: false });
    shopper.lastOrderId = order.id;
  } else {
    // A sold-out cart is the only refusal these shoppers can meet (each has its own email and address).
    expect(['out_of_stock', 'cart_empty'], JSON.stringify(result.error)).toContain(result.error.code);
  }
  return result;
}

/** This run's payments still open get older than the reconciliation window (2 minutes): time passing, for these rows only. */
async function ageOpenPayments(model: Model) {
  if (model.orders.length === 0) return;
  await db
    .update(payments)
    .set({ createdAt: sql`${payments.createdAt} - interval '3 minutes'` })
    .where(and(inArray(payments.orderId, model.orders), inArray(payments.status, [...OPEN])));
}

const expireHolds = (orderIds: string[]) =>
  orderIds.length === 0
    ? Promise.resolve()
    : db
        .update(inventoryReservations)
        .set({ reservedUntil: sql`now() - interval '1 minute'` })
        .where(and(inArray(inventoryReservations.orderId, orderIds), eq(inventoryReservations.status, 'active')));

// ---------------------------------------------------------------------------------------------------------------
// Commands. Each picks its target by index at run time (`pick`), so a shrunk sequence still runs.

/** A new guest: their own cart session, email and client address (so no open-order cap couples shoppers). */
const newShopper = (delivery: Shopper['delivery']): Shopper => ({
  owner: { kind: 'guest', sessionId: newCartSessionId() },
  email: `model-${randomUUID().slice(0, 8)}@example.test`,
  ip: newIp(),
  delivery,
  lastOrderId: null,
});

class PlaceOrder implements Cmd {
  constructor(
    readonly lines: ReadonlyArray<{ variant: number; quantity: number }>,
    readonly delivery: 'pickup' | 'standard',
  ) {}
  check = () => true;
  async run(model: Model, run: Run) {
    const shopper = newShopper(this.delivery);
    model.shoppers.push(shopper);
    for (const line of this.lines) {
      const added = await addToCart({ db, redis }, shopper.owner, { variantId: pick(run.variants, line.variant).id, quantity: line.quantity });
      if (!added.ok) expect(added.error.code).toBe('out_of_stock');
    }
    const result = await checkoutAs(model, shopper);
    if (result.ok) expect((await orderOf(result.value.order.id)).status).toBe('pending_payment');
    await checkInvariants(run, this.toString());
  }
  toString() {
    return `PlaceOrder([${this.lines.map((line) => `v${line.variant}×${line.quantity}`).join(',')}],${this.delivery})`;
  }
}

/** The same shopper submits checkout again: unchanged (continues their order) or with another delivery (replaces it). */
class Resubmit implements Cmd {
  constructor(
    readonly shopper: number,
    readonly changed: boolean,
  ) {}
  check = (model: Model) => model.shoppers.length > 0;
  async run(model: Model, run: Run) {
    const shopper = pick(model.shoppers, this.shopper);
    const previous = shopper.lastOrderId;
    const before = previous ? await orderOf(previous) : null;
    const liveHold = previous
      ? (await db.$count(
          inventoryReservations,
          and(eq(inventoryReservations.orderId, previous), eq(inventoryReservations.status, 'active'), sql`${inventoryReservations.reservedUntil} > now()`),
        )) > 0
      : false;
    // Paid at Paystack on an intent the shop still has open: what the replacing checkout asks Paystack about.
    const openRefs = previous
      ? (await db.select().from(payments).where(eq(payments.orderId, previous))).filter((row) => isOpen(row.status)).map((row) => row.reference)
      : [];
    const paidAtSim = model.refs.some((ref) => ref.orderId === previous && ref.paidAtSim && openRefs.includes(ref.reference));
    const paidAnyhow = model.refs.some((ref) => ref.orderId === previous && ref.paidAtSim);
    if (this.changed) shopper.delivery = shopper.delivery === 'pickup' ? 'standard' : 'pickup';
    const result = await checkoutAs(model, shopper);
    // Only while the hold is live: once it has run out the cart no longer counts it as the shopper's own.
    if (previous && before?.status === 'pending_payment' && liveHold) {
      const after = (await orderOf(previous)).status;
      if (this.changed && !paidAnyhow) expect(after, 'a replaced, unpaid order is cancelled').toBe('cancelled');
      if (this.changed && paidAtSim) expect(['pending_payment', 'paid'], 'an order Paystack says is paid is never cancelled').toContain(after);
      if (!this.changed && !paidAnyhow)
        expect(result.ok && result.value.continued && result.value.order.id, 'an unchanged checkout continues its order').toBe(previous);
    }
    await checkInvariants(run, this.toString());
  }
  toString() {
    return `Resubmit(s${this.shopper},${this.changed ? 'changed' : 'same'})`;
  }
}

class PayAtSimulator implements Cmd {
  constructor(readonly ref: number) {}
  check = (model: Model) => model.refs.some((ref) => !ref.paidAtSim);
  async run(model: Model, run: Run) {
    const ref = pick(
      model.refs.filter((candidate) => !candidate.paidAtSim),
      this.ref,
    );
    const reply = await simulator.act(ref.reference, 'pay');
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    ref.paidAtSim = true;
    await checkInvariants(run, this.toString());
  }
  toString() {
    return `PayAtSimulator(unpaid#${this.ref})`;
  }
}

/** The usual path: the shopper pays and Paystack's webhook follows at once (maybe more than one copy). */
class PayAndDeliver implements Cmd {
  constructor(
    readonly ref: number,
    readonly copies: number,
  ) {}
  check = (model: Model) => model.refs.some((ref) => !ref.paidAtSim);
  async run(model: Model, run: Run) {
    const ref = pick(
      model.refs.filter((candidate) => !candidate.paidAtSim),
      this.ref,
    );
    const reply = await simulator.act(ref.reference, 'pay');
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    ref.paidAtSim = true;
    const statuses = await deliverCopies(await chargeBody(ref.reference), this.copies, true);
    // At most one: another file's reconciliation may have found the payment first (then all are duplicates).
    expect(statuses.filter((status) => status === 'processed').length, `answers ${statuses}`).toBeLessThanOrEqual(1);
    expect(
      statuses.filter((status) => status !== 'processed' && status !== 'duplicate'),
      `answers ${statuses}`,
    ).toEqual([]);
    expect(CAPTURED, `payment after delivery`).toContain((await paymentOf(ref.reference)).status);
    await checkInvariants(run, this.toString());
  }
  toString() {
    return `PayAndDeliver(unpaid#${this.ref},×${this.copies})`;
  }
}

class DeclineAtSimulator implements Cmd {
  constructor(readonly ref: number) {}
  check = (model: Model) => model.refs.some((ref) => !ref.paidAtSim);
  async run(model: Model, run: Run) {
    const ref = pick(
      model.refs.filter((candidate) => !candidate.paidAtSim),
      this.ref,
    );
    const reply = await simulator.act(ref.reference, 'decline');
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    await checkInvariants(run, this.toString());
  }
  toString() {
    return `DeclineAtSimulator(unpaid#${this.ref})`;
  }
}

/**
 * The shopper's card is declined (Paystack sends no webhook for that); reconciliation closes the intent as failed and
 * the shopper submits the same checkout again, which opens a second intent for the same order. The declined one can
 * still be paid on Paystack's page — money for an order another intent may already have paid.
 */
class DeclineAndRetry implements Cmd {
  constructor(readonly shopper: number) {}
  check = (model: Model) => model.shoppers.some((shopper) => shopper.lastOrderId !== null);
  async run(model: Model, run: Run) {
    const shopper = pick(
      model.shoppers.filter((candidate) => candidate.lastOrderId !== null),
      this.shopper,
    );
    const orderId = shopper.lastOrderId!;
    const live = await db
      .select({ reference: payments.reference })
      .from(payments)
      .where(and(eq(payments.orderId, orderId), inArray(payments.status, [...OPEN])));
    const declined = model.refs.filter((ref) => ref.orderId === orderId && !ref.paidAtSim && live.some((row) => row.reference === ref.reference));
    for (const ref of declined) expect((await simulator.act(ref.reference, 'decline')).status).toBe(200);
    await ageOpenPayments(model);
    await reconcilePayments({ db, paystack, expectedDomain: 'test' });
    // Failed by reconciliation (or abandoned by another file's release job, had it expired the order first).
    for (const ref of declined) expect(['failed', 'abandoned'], 'reconciliation closes a declined intent').toContain((await paymentOf(ref.reference)).status);
    const liveHold =
      (await db.$count(
        inventoryReservations,
        and(eq(inventoryReservations.orderId, orderId), eq(inventoryReservations.status, 'active'), sql`${inventoryReservations.reservedUntil} > now()`),
      )) > 0;
    const before = (await orderOf(orderId)).status;
    const result = await checkoutAs(model, shopper);
    if (declined.length > 0 && liveHold && before === 'pending_payment') {
      expect(result.ok && result.value.continued && result.value.order.id, 'the retry continues the same order').toBe(orderId);
      expect(result.ok && declined.every((ref) => ref.reference !== result.value.payment.reference), 'with a new intent').toBe(true);
    }
    await checkInvariants(run, this.toString());
  }
  toString() {
    return `DeclineAndRetry(s#${this.shopper})`;
  }
}

/** Paystack's charge.success, delivered through the route once, or duplicated (in a row or at the same instant). */
class DeliverCharge implements Cmd {
  constructor(
    readonly ref: number,
    readonly copies: number,
    readonly concurrent: boolean,
  ) {}
  check = (model: Model) => model.refs.some((ref) => ref.paidAtSim);
  async run(model: Model, run: Run) {
    const ref = pick(
      model.refs.filter((candidate) => candidate.paidAtSim),
      this.ref,
    );
    const statuses = await deliverCopies(await chargeBody(ref.reference), this.copies, this.concurrent);
    expect(statuses.filter((status) => status === 'processed').length, `answers ${statuses}`).toBeLessThanOrEqual(1);
    expect(
      statuses.filter((status) => status !== 'processed' && status !== 'duplicate'),
      `answers ${statuses}`,
    ).toEqual([]);
    // Money Paystack took and told the shop about is on record, whatever became of the order (flagged, if it did not match).
    expect([...CAPTURED, 'needs_review'], `payment after delivery`).toContain((await paymentOf(ref.reference)).status);
    await checkInvariants(run, this.toString());
  }
  toString() {
    return `DeliverCharge(paid#${this.ref},×${this.copies}${this.concurrent ? ' at once' : ''})`;
  }
}

/** Time passes for one order: its holds' deadline is now behind it. */
class ExpireHolds implements Cmd {
  constructor(readonly order: number) {}
  check = (model: Model) => model.orders.length > 0;
  async run(model: Model, run: Run) {
    await expireHolds([pick(model.orders, this.order)]);
    await checkInvariants(run, this.toString());
  }
  toString() {
    return `ExpireHolds(o${this.order})`;
  }
}

class ReleaseJob implements Cmd {
  check = () => true;
  async run(model: Model, run: Run) {
    const due =
      model.orders.length === 0
        ? []
        : await db
            .selectDistinct({ orderId: inventoryReservations.orderId })
            .from(inventoryReservations)
            .innerJoin(orders, eq(orders.id, inventoryReservations.orderId))
            .where(
              and(
                inArray(inventoryReservations.orderId, model.orders),
                eq(inventoryReservations.status, 'active'),
                lt(inventoryReservations.reservedUntil, sql`now()`),
                eq(orders.status, 'pending_payment'),
              ),
            );
    const openBefore = new Map<string, string[]>();
    for (const { orderId } of due) {
      const rows = await db.select().from(payments).where(eq(payments.orderId, orderId));
      openBefore.set(
        orderId,
        rows.filter((row) => isOpen(row.status)).map((row) => row.reference),
      );
    }
    await releaseExpiredReservations({ db, paystack });
    for (const { orderId } of due) {
      const status = (await orderOf(orderId)).status;
      const paidRefs = model.refs.filter((ref) => ref.orderId === orderId && ref.paidAtSim);
      if (paidRefs.length === 0) expect(status, 'an unpaid order past its hold is released').toBe('expired');
      else if (paidRefs.some((ref) => openBefore.get(orderId)!.includes(ref.reference)))
        // Kept for its payment to land (another file's reconciliation may have committed it meanwhile).
        expect(['pending_payment', 'paid'], 'an order Paystack says is paid keeps its hold').toContain(status);
    }
    await checkInvariants(run, this.toString());
  }
  toString() {
    return 'ReleaseJob';
  }
}

class Reconcile implements Cmd {
  check = () => true;
  async run(model: Model, run: Run) {
    await ageOpenPayments(model);
    const open = new Set(
      model.orders.length === 0
        ? []
        : (
            await db
              .select({ reference: payments.reference })
              .from(payments)
              .where(and(inArray(payments.orderId, model.orders), inArray(payments.status, [...OPEN])))
          ).map((row) => row.reference),
    );
    await reconcilePayments({ db, paystack, expectedDomain: 'test' });
    for (const ref of model.refs.filter((candidate) => candidate.paidAtSim && open.has(candidate.reference))) {
      expect(CAPTURED, `reconciliation finds ${ref.reference}, paid without a webhook`).toContain((await paymentOf(ref.reference)).status);
    }
    await checkInvariants(run, this.toString());
  }
  toString() {
    return 'Reconcile';
  }
}

/**
 * A late payment: the hold runs out, the release job runs (and, with `rival`, another shopper checks out the same
 * lines meanwhile), then the shopper pays and the webhook arrives.
 */
class LateCharge implements Cmd {
  constructor(
    readonly ref: number,
    readonly rival: boolean,
  ) {}
  check = (model: Model) => model.refs.some((ref) => !ref.paidAtSim);
  async run(model: Model, run: Run) {
    const ref = pick(
      model.refs.filter((candidate) => !candidate.paidAtSim),
      this.ref,
    );
    await expireHolds([ref.orderId]);
    await releaseExpiredReservations({ db, paystack });
    if (this.rival) {
      const lines = await db.select().from(orderItems).where(eq(orderItems.orderId, ref.orderId));
      const rival = newShopper('pickup');
      model.shoppers.push(rival);
      for (const line of lines) {
        const added = await addToCart({ db, redis }, rival.owner, { variantId: line.variantId, quantity: line.quantity });
        if (!added.ok) expect(added.error.code).toBe('out_of_stock');
      }
      await checkoutAs(model, rival);
    }
    expect((await simulator.act(ref.reference, 'pay')).status).toBe(200);
    ref.paidAtSim = true;
    const [status] = await deliverCopies(await chargeBody(ref.reference), 1, false);
    expect(['processed', 'duplicate']).toContain(status);
    expect(CAPTURED, 'a late payment is on record').toContain((await paymentOf(ref.reference)).status);
    await checkInvariants(run, this.toString());
  }
  toString() {
    return `LateCharge(unpaid#${this.ref}${this.rival ? ',rival checks out first' : ''})`;
  }
}

type RaceKind = 'release' | 'reconcile' | 'refund';

/**
 * The shopper pays and Paystack's webhook arrives at the same moment as the release job (the hold has just run out),
 * reconciliation, or an admin refunding the order: the writers serialise on the order row, so whichever wins, the
 * payment ends on record and the invariants hold.
 */
class RaceWebhook implements Cmd {
  constructor(
    readonly ref: number,
    readonly against: RaceKind,
  ) {}
  check = (model: Model) => model.refs.some((ref) => !ref.paidAtSim);
  async run(model: Model, run: Run) {
    const ref = pick(
      model.refs.filter((candidate) => !candidate.paidAtSim),
      this.ref,
    );
    expect((await simulator.act(ref.reference, 'pay')).status).toBe(200);
    ref.paidAtSim = true;
    const body = await chargeBody(ref.reference);
    if (this.against === 'release') await expireHolds([ref.orderId]);
    if (this.against === 'reconcile') await ageOpenPayments(model);
    const rival = async () => {
      if (this.against === 'release') await releaseExpiredReservations({ db, paystack });
      else if (this.against === 'reconcile') await reconcilePayments({ db, paystack, expectedDomain: 'test' });
      else {
        const result = await requestRefund(
          { db, paystack },
          { orderId: ref.orderId, reason: 'Model test refund', actor: { kind: 'admin', userId: adminId }, idempotencyKey: `model-${randomUUID()}` },
        );
        // Before the webhook there is nothing to refund; after it, possibly an earlier payment's money.
        if (result.ok) {
          const reference = (await db.select().from(payments).where(eq(payments.id, result.value.paymentId)))[0]!.reference;
          model.refunds.push({ id: result.value.id, gatewayRefundId: result.value.gatewayRefundId!, reference, settled: false });
        } else expect(['not_refundable', 'refund_exceeds_remaining'], JSON.stringify(result.error)).toContain(result.error.code);
      }
    };
    const [statuses] = await Promise.all([deliverCopies(body, 1, false), rival()]);
    expect(['processed', 'duplicate']).toContain(statuses[0]);
    expect(CAPTURED, 'the payment is on record whoever won').toContain((await paymentOf(ref.reference)).status);
    await checkInvariants(run, this.toString());
  }
  toString() {
    return `RaceWebhook(unpaid#${this.ref},against ${this.against})`;
  }
}

type RefundKind = 'part' | 'rest' | 'excess';

/** An admin refunds an order through the use case every door calls; the same key possibly sent twice at once. */
class Refund implements Cmd {
  constructor(
    /** `paid`: among orders with a reference paid at the simulator (most refunds should find money to give back). */
    readonly target: 'paid' | 'any',
    readonly order: number,
    readonly kind: RefundKind,
    readonly percent: number,
    readonly restock: boolean,
    readonly twice: boolean,
    /** The restocked unit is a shipped one that came back (returnedToStock), not one that never shipped. */
    readonly returned = false,
  ) {}
  check = (model: Model) => model.orders.length > 0;
  async run(model: Model, run: Run) {
    const paidOrders = model.orders.filter((id) => model.refs.some((ref) => ref.orderId === id && ref.paidAtSim));
    const orderId = pick(this.target === 'paid' && paidOrders.length > 0 ? paidOrders : model.orders, this.order);
    const pays = await db.select().from(payments).where(eq(payments.orderId, orderId));
    const before = await db.select().from(refunds).where(eq(refunds.orderId, orderId));
    const lost = await db.select().from(disputes).where(eq(disputes.orderId, orderId));
    const remaining = new Map(
      pays
        .filter((payment) => payment.status === 'paid' || payment.status === 'partially_refunded')
        .map((payment) => [
          payment.id,
          Math.max(
            0,
            payment.amount -
              sum(before.filter((refund) => refund.paymentId === payment.id && refund.status !== 'failed').map((refund) => refund.amount)) -
              sum(lost.filter((dispute) => dispute.paymentId === payment.id).map((dispute) => dispute.lossAmount)),
          ),
        ]),
    );
    const most = Math.max(0, ...remaining.values());
    const amount = this.kind === 'rest' ? undefined : this.kind === 'part' ? Math.max(1, Math.floor((most * this.percent) / 100)) : most + this.percent;
    const [item] = await db.select({ variantId: orderItems.variantId }).from(orderItems).where(eq(orderItems.orderId, orderId)).limit(1);
    const restock: RestockLine[] | undefined =
      this.restock && item
        ? [this.returned ? { variantId: item.variantId, quantity: 1, returnedToStock: true } : { variantId: item.variantId, quantity: 1 }]
        : undefined;
    const input = {
      orderId,
      amount,
      restock,
      reason: 'Model test refund',
      actor: { kind: 'admin' as const, userId: adminId },
      idempotencyKey: `model-${randomUUID()}`,
    };
    const answers = await Promise.all(Array.from({ length: this.twice ? 2 : 1 }, () => requestRefund({ db, paystack }, input)));
    const [result] = answers as [(typeof answers)[number], ...typeof answers];
    if (this.twice) expect(answers[1], 'the same key twice is the same answer').toEqual(result);
    const after = await db.select().from(refunds).where(eq(refunds.orderId, orderId));

    if (result.ok) {
      expect(this.kind, 'more than remains must be refused').not.toBe('excess');
      expect(result.value.status).toBe('pending');
      expect(result.value.amount.amount).toBeLessThanOrEqual(remaining.get(result.value.paymentId) ?? 0);
      expect(after.length).toBe(before.length + 1);
      const reference = pays.find((payment) => payment.id === result.value.paymentId)!.reference;
      model.refunds.push({ id: result.value.id, gatewayRefundId: result.value.gatewayRefundId!, reference, settled: false });
    } else {
      expect(after.length, 'a refused refund writes nothing').toBe(before.length);
      const error = result.error;
      switch (error.code) {
        case 'refund_exceeds_remaining':
          // "The rest" of nothing asks for 0; any other request was for more than remained.
          expect(error.requested > error.remaining || (amount === undefined && error.remaining === 0), JSON.stringify(error)).toBe(true);
          expect([...remaining.values()]).toContain(error.remaining);
          break;
        case 'not_refundable':
          expect(remaining.size, 'a refundable payment was refused').toBe(0);
          break;
        case 'invalid_input':
          expect(restock, error.message).toBeDefined();
          break;
        default:
          throw new Error(`unexpected refund answer ${JSON.stringify(error)}`);
      }
    }
    await checkInvariants(run, this.toString());
  }
  toString() {
    return `Refund(${this.target === 'paid' ? 'paid#' : 'o'}${this.order},${this.kind}${this.kind === 'rest' ? '' : ` ${this.percent}`}${this.restock ? `,restock 1${this.returned ? ' returned' : ''}` : ''}${this.twice ? ',key twice' : ''})`;
  }
}

/**
 * An admin ships a line of an order through the use case every door calls: `percent` of what is left to ship on it, or
 * one more than is left (`excess`), possibly by two admins at the same instant with their own keys. Whatever the order's
 * state, the answer must be the one its facts call for, and the invariants must hold after.
 */
class Ship implements Cmd {
  constructor(
    readonly order: number,
    readonly line: number,
    readonly percent: number,
    readonly excess: boolean,
    readonly twoAdmins: boolean,
  ) {}
  check = (model: Model) => model.orders.length > 0;
  async run(model: Model, run: Run) {
    const paidOrders = model.orders.filter((id) => model.refs.some((ref) => ref.orderId === id && ref.paidAtSim));
    const orderId = pick(paidOrders.length > 0 ? paidOrders : model.orders, this.order);
    const before = await orderOf(orderId);
    const facts = await loadLineFacts(db, orderId);
    const fact = pick(facts, this.line);
    const left = Math.max(0, fact.sold - fact.shipped - fact.cancelled);
    const quantity = this.excess ? left + 1 : Math.max(1, Math.ceil((left * this.percent) / 100));
    const ship = () =>
      shipOrder(db, {
        orderId,
        adminId,
        idempotencyKey: `model-ship-${randomUUID()}`,
        shipment: { lines: [{ orderItemId: fact.orderItemId, quantity }], carrier: 'Model Couriers', trackingNumber: `MC-${randomUUID().slice(0, 8)}` },
      });
    const answers = await Promise.all(Array.from({ length: this.twoAdmins ? 2 : 1 }, ship));
    const shippable = ['paid', 'partially_fulfilled', 'fulfilled', 'partially_refunded'].includes(before.status);
    const landed = answers.filter((answer) => answer.ok).length;
    for (const answer of answers) {
      if (answer.ok) continue;
      const { code } = answer.error;
      if (!shippable) expect(code, JSON.stringify(answer.error)).toBe('not_shippable');
      else expect(code, JSON.stringify(answer.error)).toBe('fulfillment_exceeds_remaining');
    }
    if (!shippable) expect(landed).toBe(0);
    else if (quantity > left) expect(landed, 'more than is left never ships').toBe(0);
    else expect(landed, `${quantity} of ${left} left, ${answers.length} admin(s)`).toBe(Math.min(answers.length, Math.floor(left / quantity)));
    await checkInvariants(run, this.toString());
  }
  toString() {
    return `Ship(paid#${this.order},line ${this.line},${this.excess ? 'one too many' : `${this.percent}%`}${this.twoAdmins ? ',two admins at once' : ''})`;
  }
}

/** Paystack moves a refund it holds on (processing, processed or failed); its signed webhook comes through the route, maybe twice. */
class SettleRefund implements Cmd {
  constructor(
    readonly refund: number,
    /** `processing` is not final: the refund may settle again later. */
    readonly outcome: 'processing' | 'processed' | 'failed',
    readonly copies: number,
    readonly stalePending: boolean,
  ) {}
  check = (model: Model) => model.refunds.some((refund) => !refund.settled);
  async run(model: Model, run: Run) {
    const refund = pick(
      model.refunds.filter((candidate) => !candidate.settled),
      this.refund,
    );
    const [before] = await db.select({ status: refunds.status }).from(refunds).where(eq(refunds.id, refund.id));
    const settled = await simulator.settleRefund(Number(refund.gatewayRefundId), this.outcome);
    expect(settled.status, JSON.stringify(settled.body)).toBe(200);
    refund.settled = this.outcome !== 'processing';
    const statuses = await deliverCopies(await refundWebhook(refund.reference, `refund.${this.outcome}`, refund.gatewayRefundId), this.copies, true);
    // Once, unless this is the second `processing` of a refund (the same event, so a duplicate).
    expect(statuses.filter((status) => status === 'processed').length, `answers ${statuses}`).toBe(before!.status === this.outcome ? 0 : 1);
    // The refund.pending Paystack sent first, arriving after a later state: it changes nothing.
    if (this.stalePending) {
      const [stale] = await deliverCopies(await refundWebhook(refund.reference, 'refund.pending', refund.gatewayRefundId), 1, false);
      expect(['ignored', 'duplicate']).toContain(stale);
    }
    const [row] = await db.select({ status: refunds.status }).from(refunds).where(eq(refunds.id, refund.id));
    expect(row!.status).toBe(this.outcome);
    await checkInvariants(run, this.toString());
  }
  toString() {
    return `SettleRefund(unsettled#${this.refund},${this.outcome},×${this.copies}${this.stalePending ? ',stale pending' : ''})`;
  }
}

/**
 * A charge that does not match what the shop asked for: the shop's record of the payment is made to ask for ₦1 less
 * (stand-in for a changed price or a tampered amount; Paystack holds the real charge), then the shopper pays and the
 * signed webhook arrives. The payment is flagged for review, never paid.
 */
class FlaggedCharge implements Cmd {
  constructor(readonly ref: number) {}
  check = (model: Model) => model.refs.some((ref) => !ref.paidAtSim);
  async run(model: Model, run: Run) {
    const ref = pick(
      model.refs.filter((candidate) => !candidate.paidAtSim),
      this.ref,
    );
    await db
      .update(payments)
      .set({ amount: sql`${payments.amount} - 100` })
      .where(eq(payments.reference, ref.reference));
    expect((await simulator.act(ref.reference, 'pay')).status).toBe(200);
    ref.paidAtSim = true;
    const [status] = await deliverCopies(await chargeBody(ref.reference), 1, false);
    expect(status).toBe('processed');
    expect((await paymentOf(ref.reference)).status).toBe('needs_review');
    await checkInvariants(run, this.toString());
  }
  toString() {
    return `FlaggedCharge(unpaid#${this.ref})`;
  }
}

/** Resolves one flagged payment of this run as an admin: accept, refund, or both at once (exactly one may win). */
async function resolveFlagged(run: Run, model: Model, index: number, actions: ReadonlyArray<'accept' | 'refund'>): Promise<void> {
  const flagged = (await snapshot(run)).payments.filter((payment) => payment.status === 'needs_review');
  if (flagged.length === 0) return;
  const payment = pick(flagged, index);
  const results = await Promise.all(
    actions.map((action) =>
      resolveFlaggedPayment({ db, paystack, expectedDomain: 'test' }, { paymentId: payment.id, action, reason: 'Model test review', adminId }),
    ),
  );
  for (const result of results) {
    if (!result.ok) expect(['payment_not_flagged', 'payment_not_resolvable'], JSON.stringify(result.error)).toContain(result.error.code);
    else if (result.value.action === 'refund')
      model.refunds.push({ id: result.value.refund.id, gatewayRefundId: result.value.refund.gatewayRefundId!, reference: payment.reference, settled: false });
  }
  // A refund of a flagged payment is never refused by the shop, so when both race exactly one wins.
  if (actions.length > 1) expect(results.filter((result) => result.ok).length, JSON.stringify(results)).toBe(1);
}

class Resolve implements Cmd {
  constructor(
    readonly index: number,
    readonly how: 'accept' | 'refund' | 'race',
  ) {}
  check = () => true;
  async run(model: Model, run: Run) {
    await resolveFlagged(run, model, this.index, this.how === 'race' ? ['accept', 'refund'] : [this.how]);
    await checkInvariants(run, this.toString());
  }
  toString() {
    return `Resolve(flagged#${this.index},${this.how === 'race' ? 'accept racing refund' : this.how})`;
  }
}

type DisputeAnswer = 'none' | 'part' | 'all' | 'excess';

/**
 * A customer disputes a captured payment at Paystack (the simulator's signed charge.dispute.create, delivered through
 * the route once or twice at once); the admin then leaves it open, or — after sending evidence with a file (the refund
 * confirmation), which Paystack requires with every answer — accepts part, all that may go back, or more than that
 * (refused) through the use case the dispute page calls, and Paystack's signed charge.dispute.resolve follows.
 */
class DisputePayment implements Cmd {
  constructor(
    readonly ref: number,
    readonly disputedPercent: number,
    readonly answer: DisputeAnswer,
    readonly percent: number,
    readonly copies: number,
  ) {}
  check = (model: Model) => model.refs.some((ref) => ref.paidAtSim);
  async run(model: Model, run: Run) {
    const ref = pick(
      model.refs.filter((candidate) => candidate.paidAtSim),
      this.ref,
    );
    const payment = await paymentOf(ref.reference);
    if (!isCaptured(payment.status)) {
      await checkInvariants(run, `${this.toString()} (not captured in the shop yet: skipped)`);
      return;
    }
    const opened = await fetch(`${paystackEnv().baseUrl}/__simulator/transactions/${encodeURIComponent(ref.reference)}/dispute`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount: Math.max(1, Math.floor((payment.amount * this.disputedPercent) / 100)) }),
    });
    expect(opened.status).toBe(200);
    const gatewayId = ((await opened.json()) as { dispute: { id: number } }).dispute.id;
    const statuses = await deliverCopies(await disputeBody(ref.reference, 'charge.dispute.create', gatewayId), this.copies, true);
    expect(statuses.filter((status) => status === 'processed')).toHaveLength(1);
    const [row] = await db.select().from(disputes).where(eq(disputes.gatewayDisputeId, gatewayId));
    expect(row).toMatchObject({ status: 'awaiting_merchant_feedback', paymentId: payment.id, lossAmount: 0 });

    if (this.answer !== 'none') {
      const evidence = await addDisputeEvidence(
        { db, paystack },
        {
          disputeId: row!.id,
          adminId,
          evidence: { customerEmail: 'model@example.com', customerName: 'Model Customer', customerPhone: '08012345678', serviceDetails: 'Model test order' },
          file: { name: 'refund.pdf', contentType: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4 refund confirmation') },
        },
      );
      expect(evidence.ok, JSON.stringify(evidence)).toBe(true);
      const pays = await db.select().from(refunds).where(eq(refunds.paymentId, payment.id));
      const others = await db.select().from(disputes).where(eq(disputes.paymentId, payment.id));
      const left = Math.min(
        row!.amount,
        payment.amount -
          sum(pays.filter((refund) => refund.status !== 'failed').map((refund) => refund.amount)) -
          sum(others.map((dispute) => dispute.lossAmount)),
      );
      const amount = this.answer === 'all' ? undefined : this.answer === 'part' ? Math.max(1, Math.floor((left * this.percent) / 100)) : left + this.percent;
      const answered = await answerDispute(
        { db, paystack },
        { disputeId: row!.id, adminId, answer: 'accept', message: 'Model test acceptance', refundAmount: amount },
      );
      if (left <= 0 || this.answer === 'excess') {
        expect(answered.ok, JSON.stringify(answered)).toBe(false);
        if (!answered.ok) expect(answered.error).toMatchObject({ code: 'refund_exceeds_remaining', remaining: Math.max(0, left) });
      } else {
        expect(answered.ok, JSON.stringify(answered)).toBe(true);
        if (answered.ok) expect(answered.value).toMatchObject({ status: 'lost', lossAmount: amount ?? left });
        const [resolved] = await deliverCopies(await disputeBody(ref.reference, 'charge.dispute.resolve', gatewayId), 1, false);
        expect(resolved).toBe('processed');
      }
    }
    await checkInvariants(run, this.toString());
  }
  toString() {
    return `Dispute(paid#${this.ref},${this.disputedPercent}%,${this.answer}${this.answer === 'part' || this.answer === 'excess' ? ` ${this.percent}` : ''},×${this.copies})`;
  }
}

/** The body of the dispute webhook the simulator signed (and, by this run's knob, kept to itself). */
async function disputeBody(reference: string, event: string, gatewayId: number): Promise<string> {
  const delivery = (await simulator.deliveries(reference)).find(
    (candidate) => candidate.event === event && (JSON.parse(candidate.body) as { data: { id: number } }).data.id === gatewayId,
  );
  if (!delivery) throw new Error(`the simulator logged no ${event} for dispute ${gatewayId}`);
  return delivery.body;
}

/**
 * A signed-in shopper pays in one click with a saved card (lib/cards/charge-saved-card.ts through the checkout use
 * case): Paystack charges it (the commit runs at once, under the webhook's key: its charge.success, delivered at the
 * end of the run, must be a duplicate), declines it, or pauses it for an OTP (the shopper falls back to a hosted-page
 * intent of the same order, which later steps may pay). Stood in: the card saved earlier — a real simulator
 * authorization for the shopper's email, sealed with the test stack's vault key and written as the saved card row.
 */
class OneClickPurchase implements Cmd {
  constructor(
    readonly lines: ReadonlyArray<{ variant: number; quantity: number }>,
    readonly outcome: 'success' | 'failed' | 'send_otp',
  ) {}
  check = () => true;
  async run(model: Model, run: Run) {
    const [user] = await db
      .insert(users)
      .values({ email: `model-card-${randomUUID().slice(0, 8)}@example.test`, name: 'Model Card', passwordHash: 'not-a-real-hash' })
      .returning();
    const cardId = await savedCardFor(user!.id, user!.email);
    const owner: CartOwner = { kind: 'user', userId: user!.id };
    for (const line of this.lines) {
      const added = await addToCart({ db, redis }, owner, { variantId: pick(run.variants, line.variant).id, quantity: line.quantity });
      if (!added.ok) expect(added.error.code).toBe('out_of_stock');
    }
    const oneClick = uniqueReference('model-1c');
    const hosted = uniqueReference('model-1c-h');
    await simulator.setKnobs(oneClick, { dropWebhooks: true, refundAutoProcessMs: null, chargeAuthorizationOutcome: this.outcome });
    await simulator.setKnobs(hosted, { dropWebhooks: true, refundAutoProcessMs: null });
    const queue = [oneClick, hosted];
    const result = await checkout(
      { db, redis, paystack, callbackUrl, expectedDomain: 'test', newReference: () => queue.shift() ?? uniqueReference('model-1c-x') },
      {
        owner,
        userId: user!.id,
        clientAddress: newIp(),
        input: { email: user!.email, shippingAddress: testAddress, deliveryOption: 'pickup', savedCardId: cardId },
      },
    );
    if (!result.ok) {
      expect(['out_of_stock', 'cart_empty'], JSON.stringify(result.error)).toContain(result.error.code);
    } else {
      const { order, payment } = result.value;
      model.orders.push(order.id);
      if (this.outcome === 'success') {
        expect(payment).toMatchObject({ state: 'paid', reference: oneClick });
        expect((await orderOf(order.id)).status).toBe('paid');
        model.refs.push({ reference: oneClick, orderId: order.id, paidAtSim: true });
      } else {
        expect(payment).toMatchObject({ state: 'action_required', reference: hosted });
        expect((await paymentOf(oneClick)).status).toBe('failed');
        expect((await orderOf(order.id)).status).toBe('pending_payment');
        model.refs.push({ reference: hosted, orderId: order.id, paidAtSim: false });
      }
    }
    await checkInvariants(run, this.toString());
  }
  toString() {
    return `OneClickPurchase([${this.lines.map((line) => `v${line.variant}×${line.quantity}`).join(',')}],${this.outcome})`;
  }
}

/** A real reusable authorization from the simulator (a paid transaction for this email), kept as a saved card row. */
async function savedCardFor(userId: string, email: string): Promise<string> {
  const reference = uniqueReference('model-card');
  await simulator.setKnobs(reference, { dropWebhooks: true });
  const initialized = await paystackApi('POST', '/transaction/initialize', { body: { email, amount: 10_000, reference } });
  expect(initialized.status).toBe(200);
  await simulator.act(reference, 'pay');
  const sent = JSON.parse(await chargeBody(reference)) as { data: { authorization: { authorization_code: string; signature: string } } };
  const sealed = cardVault.seal(sent.data.authorization.authorization_code);
  const [card] = await db
    .insert(savedCards)
    .values({
      userId,
      signature: sent.data.authorization.signature,
      brand: 'visa',
      last4: '4081',
      expMonth: 12,
      expYear: new Date().getFullYear() + 5,
      sealedAuthorization: sealed.sealed,
      keyId: sealed.keyId,
    })
    .returning({ id: savedCards.id });
  return card!.id;
}

const commandArbs: Array<fc.Arbitrary<Cmd>> = [];
const settle = fc
  .record({
    refund: fc.nat({ max: 7 }),
    outcome: fc.constantFrom<'processing' | 'processed' | 'failed'>('processing', 'processed', 'failed'),
    copies: fc.integer({ min: 1, max: 2 }),
    stale: fc.boolean(),
  })
  .map(({ refund: index, outcome, copies, stale }) => new SettleRefund(index, outcome, copies, stale));
const place = fc
  .tuple(
    fc.array(fc.record({ variant: fc.nat({ max: 1 }), quantity: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 2 }),
    fc.constantFrom('pickup', 'standard'),
  )
  .map(([lines, delivery]) => new PlaceOrder(lines, delivery as 'pickup' | 'standard'));
const pay = fc.nat({ max: 7 }).map((ref) => new PayAtSimulator(ref));
const payAndDeliver = fc.tuple(fc.nat({ max: 7 }), fc.integer({ min: 1, max: 3 })).map(([ref, copies]) => new PayAndDeliver(ref, copies));
const deliverCharge = fc
  .record({ ref: fc.nat({ max: 7 }), copies: fc.integer({ min: 1, max: 3 }), concurrent: fc.boolean() })
  .map(({ ref, copies, concurrent }) => new DeliverCharge(ref, copies, concurrent));
const refund = fc
  .record({
    target: fc.constantFrom<'paid' | 'any'>('paid', 'paid', 'any'),
    order: fc.nat({ max: 7 }),
    kind: fc.constantFrom<RefundKind>('part', 'rest', 'excess'),
    percent: fc.integer({ min: 1, max: 99 }),
    restock: fc.boolean(),
    twice: fc.boolean(),
    returned: fc.boolean(),
  })
  .map(({ target, order, kind, percent, restock, twice, returned }) => new Refund(target, order, kind, percent, restock, twice, returned));
const ship = fc
  .record({ order: fc.nat({ max: 7 }), line: fc.nat({ max: 1 }), percent: fc.integer({ min: 1, max: 100 }), excess: fc.boolean(), twoAdmins: fc.boolean() })
  .map(({ order, line, percent, excess, twoAdmins }) => new Ship(order, line, percent, excess, twoAdmins));
// Weights by repetition: placing, paying, delivering and refunding are what the invariants are mostly about.
commandArbs.push(
  place,
  place,
  fc.tuple(fc.nat({ max: 7 }), fc.boolean()).map(([shopper, changed]) => new Resubmit(shopper, changed)),
  pay,
  payAndDeliver,
  payAndDeliver,
  fc.nat({ max: 7 }).map((ref) => new DeclineAtSimulator(ref)),
  fc.nat({ max: 7 }).map((shopper) => new DeclineAndRetry(shopper)),
  deliverCharge,
  fc.nat({ max: 7 }).map((order) => new ExpireHolds(order)),
  fc.constant(null).map(() => new ReleaseJob()),
  fc.constant(null).map(() => new Reconcile()),
  fc.tuple(fc.nat({ max: 7 }), fc.boolean()).map(([ref, rival]) => new LateCharge(ref, rival)),
  fc.tuple(fc.nat({ max: 7 }), fc.constantFrom<RaceKind>('release', 'reconcile', 'refund')).map(([ref, against]) => new RaceWebhook(ref, against)),
  refund,
  refund,
  settle,
  settle,
  fc.nat({ max: 7 }).map((ref) => new FlaggedCharge(ref)),
  fc.tuple(fc.nat({ max: 7 }), fc.constantFrom<'accept' | 'refund' | 'race'>('accept', 'refund', 'race')).map(([index, how]) => new Resolve(index, how)),
  fc
    .record({
      ref: fc.nat({ max: 7 }),
      disputed: fc.integer({ min: 10, max: 100 }),
      answer: fc.constantFrom<DisputeAnswer>('none', 'part', 'all', 'excess'),
      percent: fc.integer({ min: 1, max: 99 }),
      copies: fc.integer({ min: 1, max: 2 }),
    })
    .map(({ ref, disputed, answer, percent, copies }) => new DisputePayment(ref, disputed, answer, percent, copies)),
  ship,
  ship,
  fc
    .tuple(
      fc.array(fc.record({ variant: fc.nat({ max: 1 }), quantity: fc.integer({ min: 1, max: 2 }) }), { minLength: 1, maxLength: 2 }),
      fc.constantFrom<'success' | 'failed' | 'send_otp'>('success', 'success', 'failed', 'send_otp'),
    )
    .map(([lines, outcome]) => new OneClickPurchase(lines, outcome)),
);
commandArbs.push(commandArbs.at(-1)!);

// ---------------------------------------------------------------------------------------------------------------
// One run: fresh variants, the commands, then the end of the story — every hold runs out, the release job and
// reconciliation run, and every charge the simulator took is delivered (Paystack retries for 72 hours). Then nothing
// may be held or awaiting payment, and every such charge is on record.

/** What the runs reached, printed with MODEL_DEBUG=1 (to see that the generator explores the interesting paths). */
const coverage = new Map<string, number>();

async function runSequence(stocks: readonly number[], commands: Iterable<Cmd>): Promise<{ model: Model; run: Run }> {
  const variants = await createTestVariants(
    db,
    stocks.map((stock) => ({ stock })),
  );
  const run: Run = { variants: variants.map((variant) => ({ id: variant.id, initial: variant.stockOnHand })), steps: [] };
  const model: Model = { shoppers: [], orders: [], refs: [], refunds: [] };
  await fc.asyncModelRun(() => ({ model, real: run }), commands);

  // A person settles every charge still flagged (its stock is held until then): the money goes back.
  for (let left = 10; left > 0 && (await snapshot(run)).payments.some((payment) => payment.status === 'needs_review'); left--) {
    await resolveFlagged(run, model, 0, ['refund']);
  }
  const orderIds = await orderIdsOf(run);
  await expireHolds(orderIds);
  await releaseExpiredReservations({ db, paystack });
  await ageOpenPayments(model);
  await reconcilePayments({ db, paystack, expectedDomain: 'test' });
  for (const ref of model.refs.filter((candidate) => candidate.paidAtSim)) {
    const statuses = await deliverCopies(await chargeBody(ref.reference), 1, false);
    expect(['processed', 'duplicate']).toContain(statuses[0]);
  }
  const snap = await checkInvariants(run, 'end: holds ran out, release, reconcile, every charge delivered');
  const stuck: string[] = [];
  for (const row of snap.variants) if (row.reserved !== 0) stuck.push(`variant ${row.id} still reserves ${row.reserved}`);
  for (const order of snap.orders) if (order.status === 'pending_payment') stuck.push(`order ${order.number} still awaits payment`);
  for (const ref of model.refs.filter((candidate) => candidate.paidAtSim)) {
    const payment = snap.payments.find((candidate) => candidate.reference === ref.reference);
    if (!payment || !isCaptured(payment.status)) stuck.push(`${ref.reference} was paid at Paystack, yet is ${payment?.status}`);
  }
  if (stuck.length > 0) throw new Error(`after the end of the run:\n  - ${stuck.join('\n  - ')}\nsteps: ${run.steps.join(' → ')}`);
  if (process.env.MODEL_DEBUG) {
    const count = (key: string, n = 1) => coverage.set(key, (coverage.get(key) ?? 0) + n);
    count('runs');
    count('steps', run.steps.length - 1);
    for (const step of run.steps) count(`step ${step.replace(/\(.*$/, '')}`);
    for (const order of snap.orders) count(`order ${order.status}`);
    count('late paid orders', snap.audits.filter((row) => row.action === 'order.paid_late').length);
    count('surplus payments', snap.audits.filter((row) => row.action === 'payment.unexpected').length);
    for (const refund of snap.refunds) count(`refund ${refund.status}${refund.restockedAt ? ' restocked' : ''}`);
    for (const dispute of snap.disputes) count(`dispute ${dispute.status}`);
  }
  return { model, run };
}

const NUM_RUNS = Number(process.env.MODEL_RUNS ?? 25);
const TIME_BUDGET_MS = 150_000;

class RolledBack extends Error {}

describe('money and stock invariants under random sequences of the real use cases', () => {
  it(
    'hold after every step of random sequences of checkout, payment, webhooks, expiry, release, reconciliation and refunds',
    async () => {
      const seed = process.env.MODEL_SEED === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.MODEL_SEED);
      const path = process.env.MODEL_PATH;
      const property = fc.asyncProperty(
        fc.array(fc.integer({ min: 2, max: 4 }), { minLength: 1, maxLength: 2 }),
        // Every run opens with one or two checkouts, so the random steps after them have orders to act on.
        fc.array(place, { minLength: 1, maxLength: 2 }),
        fc.commands(commandArbs, { maxCommands: 10, size: 'max', replayPath: process.env.MODEL_REPLAY }),
        async (stocks, opening, commands) => {
          await runSequence(stocks, [...opening, ...commands]);
        },
      );
      await fc.assert(property, {
        numRuns: NUM_RUNS,
        seed,
        ...(path === undefined ? {} : { path }),
        // Shrinking re-runs sequences against the database: stop in time to report the smallest found so far.
        interruptAfterTimeLimit: TIME_BUDGET_MS,
        markInterruptAsFailure: false,
        reporter: (details) => {
          if (!details.failed) {
            if (details.interrupted) console.warn(`model-invariants: time budget reached after ${details.numRuns} of ${NUM_RUNS} runs (seed ${details.seed})`);
            return;
          }
          const cause = details.errorInstance;
          throw new Error(
            `Replay with MODEL_SEED=${details.seed} MODEL_PATH=${details.counterexamplePath ?? ''} MODEL_REPLAY=<replayPath of the counterexample>\n${fc.defaultReportMessage(details)}\n\nThe shrunk sequence failed with: ${cause instanceof Error ? cause.message : String(cause)}`,
            { cause },
          );
        },
      });
    },
    TIME_BUDGET_MS + 60_000,
  );
  afterAll(() => {
    if (process.env.MODEL_DEBUG) console.info([...coverage].map(([key, n]) => `${key}: ${n}`).join('\n'));
  });

  it('regression: a late payment whose stock was resold, a reconciled payment, duplicates, refunds too large and a failed refund', async () => {
    const { model, run } = await runSequence(
      [2],
      [
        new PlaceOrder([{ variant: 0, quantity: 2 }], 'pickup'), // A holds the last two units
        new PlaceOrder([{ variant: 0, quantity: 1 }], 'pickup'), // sold out: the cart stays empty
        new ExpireHolds(0),
        new ReleaseJob(), // A expires, its units go back on sale
        new PlaceOrder([{ variant: 0, quantity: 2 }], 'standard'), // C takes them
        new PayAtSimulator(0), // A is paid after all…
        new DeliverCharge(0, 3, true), // …and its webhook arrives three times at once: flagged, refund queued
        new PayAtSimulator(0), // C is paid; its webhook never comes
        new Reconcile(), // reconciliation finds it
        new DeliverCharge(1, 2, false), // the webhook after all: duplicates
        new Refund('any', 1, 'part', 50, true, true), // half of C back, one unit back on the shelf, the key sent twice
        new Refund('any', 1, 'excess', 1, false, false), // more than remains: refused
        new SettleRefund(0, 'failed', 2, true), // Paystack fails it: the balance is refundable again
        new Refund('any', 1, 'rest', 1, false, false),
        new Refund('any', 0, 'rest', 1, false, false), // A's money goes back too
      ],
    );
    const [a, c] = await Promise.all(model.orders.map(orderOf));
    expect(a).toMatchObject({ status: 'refunded', refundedAmount: a!.totalAmount });
    expect(c).toMatchObject({ status: 'refunded', refundedAmount: c!.totalAmount });
    const [variant] = await db.select().from(productVariants).where(eq(productVariants.id, run.variants[0]!.id));
    // Two sold to C, one restocked by the refund that later failed (the goods came back either way).
    expect(variant).toMatchObject({ stockOnHand: 1, reserved: 0 });
    expect(run.steps).toHaveLength(16);
  });

  it('regression: two mismatched charges on two attempts of one order are both applied and flagged', async () => {
    // fast-check's shrunk counterexample (seed 414815559): the second flagged charge tried to move the order from
    // paid_needs_attention to itself, and its webhook failed on every attempt. Each FlaggedCharge asserts its webhook
    // was processed and its payment flagged needs_review; the invariants are checked after every step.
    const { run } = await runSequence(
      [2],
      [new PlaceOrder([{ variant: 0, quantity: 1 }], 'pickup'), new DeclineAndRetry(0), new FlaggedCharge(0), new FlaggedCharge(0)],
    );
    expect(run.steps).toHaveLength(5);
  });

  it('disputes: accepted part, refunds of what is left, a second dispute with nothing left, copies of every webhook', async () => {
    const { model } = await runSequence(
      [3],
      [
        new PlaceOrder([{ variant: 0, quantity: 2 }], 'pickup'),
        new PayAndDeliver(0, 1),
        new DisputePayment(0, 100, 'part', 40, 2), // 40 % of the payment accepted; the create arrives twice at once
        new Refund('paid', 0, 'excess', 1, false, false), // more than the dispute left: refused
        new Refund('paid', 0, 'rest', 1, false, true), // the rest, the key twice
        new DisputePayment(0, 50, 'all', 1, 1), // nothing left to give back: refused
        new DisputePayment(0, 30, 'none', 1, 2), // stays open, costs nothing
      ],
    );
    const [order] = await Promise.all(model.orders.map(orderOf));
    const rows = await db.select().from(disputes).where(eq(disputes.orderId, order!.id));
    expect(rows.map((row) => row.status).sort()).toEqual(['awaiting_merchant_feedback', 'awaiting_merchant_feedback', 'lost']);
    const [payment] = await db.select().from(payments).where(eq(payments.orderId, order!.id));
    const refunded = sum((await db.select().from(refunds).where(eq(refunds.paymentId, payment!.id))).map((row) => row.amount));
    expect(refunded + sum(rows.map((row) => row.lossAmount))).toBe(payment!.amount);
  });

  it('regression: shipments by two admins, a returned unit refunded and its refund failed, the rest shipped, an unshipped restock refused', async () => {
    const { model } = await runSequence(
      [3],
      [
        new PlaceOrder([{ variant: 0, quantity: 3 }], 'pickup'),
        new PayAndDeliver(0, 1),
        new Ship(0, 0, 34, false, true), // one unit each, two admins at once: both land (2 of 3 shipped)
        new Refund('paid', 0, 'part', 10, true, false, true), // a shipped unit came back: restocked
        new SettleRefund(0, 'failed', 1, false), // Paystack fails it: the order goes back to partly shipped
        new Ship(0, 0, 100, false, false), // the last unit: shipped in full
        new Refund('paid', 0, 'part', 10, true, false, false), // an unshipped unit back on the shelf: none is left
        new Ship(0, 0, 1, true, false), // one too many: refused
      ],
    );
    expect(await orderOf(model.orders[0]!)).toMatchObject({ status: 'fulfilled', refundedAmount: 0 });
  });

  it('regression: a declined then retried checkout paid by a flagged charge and a matching one, then refunded in part', async () => {
    // The matching charge pays the order the flagged one left waiting (its stock sold then, not refunded as surplus).
    const { model } = await runSequence(
      [2],
      [
        new PlaceOrder([{ variant: 0, quantity: 1 }], 'pickup'),
        new DeclineAndRetry(0),
        new FlaggedCharge(0),
        new PayAndDeliver(0, 1),
        new Refund('paid', 0, 'part', 1, false, false),
      ],
    );
    expect(await orderOf(model.orders[0]!)).toMatchObject({ status: 'partially_refunded' });
    const holds = await db.select().from(inventoryReservations).where(eq(inventoryReservations.orderId, model.orders[0]!));
    expect(holds.map((hold) => hold.status)).toEqual(['committed']);
  });

  it('one-click: paid by a saved card (its webhook later a duplicate), refunded; a declined one paid on the hosted page; a paused one left to expire', async () => {
    const { model } = await runSequence(
      [4],
      [
        new OneClickPurchase([{ variant: 0, quantity: 1 }], 'success'),
        new OneClickPurchase([{ variant: 0, quantity: 1 }], 'failed'),
        new OneClickPurchase([{ variant: 0, quantity: 1 }], 'send_otp'),
        new PayAndDeliver(0, 2),
        new Refund('paid', 0, 'rest', 1, true, false),
      ],
    );
    const statuses = await Promise.all(model.orders.map(async (orderId) => (await orderOf(orderId)).status));
    // Refund picks among the paid orders: one of the two paid ones is refunded, the paused one expired at the end.
    expect(statuses.filter((status) => status === 'refunded')).toHaveLength(1);
    expect(statuses.filter((status) => status === 'paid')).toHaveLength(1);
    expect(statuses.filter((status) => status === 'expired')).toHaveLength(1);
  });

  it('are not vacuous: each kind of corruption, made in a transaction that is rolled back, is reported', async () => {
    const { model, run } = await runSequence(
      [4],
      [
        new PlaceOrder([{ variant: 0, quantity: 1 }], 'pickup'),
        new PayAndDeliver(0, 1),
        new Refund('any', 0, 'part', 40, false, false),
        new SettleRefund(0, 'processed', 1, false),
        new PlaceOrder([{ variant: 0, quantity: 1 }], 'pickup'),
        new DisputePayment(0, 100, 'none', 1, 1),
      ],
    );
    const [paidOrder, otherOrder] = model.orders as [string, string];
    const variantId = run.variants[0]!.id;
    const payment = (await db.select().from(payments).where(eq(payments.orderId, paidOrder)))[0]!;
    const refundId = model.refunds[0]!.id;
    const corruptions: Array<[RegExp, (tx: Tx) => Promise<unknown>]> = [
      [
        /stock_on_hand 2 \+ sold 1 − restocked 0 ≠ initial 4/,
        (tx) => tx.update(productVariants).set({ stockOnHand: 2 }).where(eq(productVariants.id, variantId)),
      ],
      [/reserved 1 ≠ Σ active holds 0/, (tx) => tx.update(productVariants).set({ reserved: 1 }).where(eq(productVariants.id, variantId))],
      [/says 1 shipped, its shipments hold 0/, (tx) => tx.update(orderItems).set({ shippedQuantity: 1 }).where(eq(orderItems.orderId, paidOrder))],
      [
        /captured by 2 commits/,
        (tx) => tx.insert(auditLogs).values({ actorType: 'webhook', actorId: 'paystack', action: 'payment.paid', entityType: 'payment', entityId: payment.id }),
      ],
      [/refunded_amount 0 ≠ Σ accepted refunds/, (tx) => tx.update(payments).set({ refundedAmount: 0 }).where(eq(payments.id, payment.id))],
      [/no payment paid it/, (tx) => tx.update(orders).set({ status: 'paid' }).where(eq(orders.id, otherOrder))],
      [/holds .* ≠ lines/, (tx) => tx.update(inventoryReservations).set({ quantity: 2 }).where(eq(inventoryReservations.orderId, paidOrder))],
      [
        /charge event charge\.success:\d+ is ignored/,
        (tx) =>
          tx
            .update(webhookEvents)
            .set({ status: 'ignored' })
            .where(eq(webhookEvents.eventKey, `charge.success:${payment.gatewayTransactionId}`)),
      ],
      [
        /refunds \d+ \+ dispute losses \d+ exceed the capture/,
        (tx) => tx.update(disputes).set({ lossAmount: payment.amount }).where(eq(disputes.paymentId, payment.id)),
      ],
      [
        /refund event refund:.*:processed processed with 0 matching move/,
        (tx) => tx.delete(auditLogs).where(and(eq(auditLogs.entityId, refundId), eq(auditLogs.action, 'refund.processed'))),
      ],
    ];
    for (const [expected, corrupt] of corruptions) {
      let reported: string[] = [];
      await db
        .transaction(async (tx) => {
          await corrupt(tx);
          reported = violations(run, await snapshot(run, tx));
          throw new RolledBack();
        })
        .catch((error: unknown) => {
          if (!(error instanceof RolledBack)) throw error;
        });
      expect(reported.join('\n')).toMatch(expected);
    }
    expect(violations(run, await snapshot(run))).toEqual([]);
  });
});
