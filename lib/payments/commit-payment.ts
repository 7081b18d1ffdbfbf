// A confirmed charge marks the payment and order paid and commits the held stock, all in
// the caller's transaction (the webhook's or reconciliation's, wrapped by applyOnce). Returns what must happen
// after COMMIT (Redis keys to clear, cache tags to revalidate).
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { inventoryReservations, orders, payments } from '../../db/schema';
import { type AuditActor, recordAudit } from '../audit/record-audit';
import { subtractUserCartLines } from '../cart/cart-postgres';
import { commitReservedStock, crossedLowStock, type StockAfterSale, sellFromAvailable } from '../inventory/commit-stock';
import { commitReservations } from '../inventory/reservation-status';
import { transitionLockedOrder, transitionOrder } from '../orders/order-status';
import { enqueue } from '../outbox/enqueue';
import type { CardVault } from '../cards/card-vault';
import { keepChargedCard } from '../cards/keep-card';
import { cardVault } from '../cards/vault-from-env';
import { reclaimRedemption } from '../discounts/release-redemptions';
import type { Applied } from '../webhooks/apply-once';
import type { ConfirmedCharge } from './confirmed-charge';
import { CHARGEABLE_PAYMENT_STATUSES, type PaymentStatus, transitionPayment } from './payment-status';

export type { ConfirmedCharge } from './confirmed-charge';

export interface CommitEffects {
  orderId: string;
  userId: string | null;
  reference: string;
}

export interface CommitContext {
  /** The domain our secret key belongs to: a live charge must never pay a test order, or the reverse. */
  expectedDomain: 'test' | 'live';
  /** Who confirmed the charge: Paystack's webhook, a job (reconciliation, the return page) or an admin who asked Paystack. */
  actor: AuditActor;
  /** Seals a card the shopper asked to save; defaults to this process's vault (CARD_VAULT_KEY). */
  cardVault?: CardVault | null;
  /** Test-only fault injection: throw after stock was committed, to prove the whole transaction rolls back. */
  afterStockCommitted?: () => void;
}

/**
 * An order flagged because a charge did not match what the shop asked for (its holds kept, nothing sold) is still
 * unpaid: a matching charge on another of its attempts pays it as any first payment would, and the flagged one stays
 * for a person to refund. Money that arrives after the order was paid through another attempt is not this case.
 */
async function awaitsOnlyAFlaggedCharge(tx: Tx, order: { id: string; status: string }): Promise<boolean> {
  if (order.status !== 'paid_needs_attention') return false;
  const accepted = await tx
    .select({ id: payments.id })
    .from(payments)
    .where(and(eq(payments.orderId, order.id), inArray(payments.status, ['paid', 'partially_refunded', 'refunded'])))
    .limit(1);
  return accepted.length === 0;
}

export async function commitPayment(tx: Tx, charge: ConfirmedCharge, ctx: CommitContext): Promise<Applied<CommitEffects>> {
  // Lock order: order → payment → reservations → variants (ascending), the same as every other writer of an
  // existing order, so the webhook, reconciliation and the release job serialise on the order row and never deadlock.
  // The order is found through its payment and locked in the same statement.
  // Both locks are sent together; the server takes them in that order.
  const [[order], [payment]] = await Promise.all([
    tx
      .select()
      .from(orders)
      .where(inArray(orders.id, tx.select({ orderId: payments.orderId }).from(payments).where(eq(payments.reference, charge.reference))))
      .for('update'),
    tx.select().from(payments).where(eq(payments.reference, charge.reference)).for('update'),
  ]);
  if (!order) return { status: 'ignored', outcome: `no payment with reference ${charge.reference}` };
  if (!payment) throw new Error(`Payment ${charge.reference} vanished under its order's lock`);
  if (!(CHARGEABLE_PAYMENT_STATUSES as readonly PaymentStatus[]).includes(payment.status)) {
    return { status: 'ignored', outcome: `payment already ${payment.status}` };
  }
  const problems = mismatches(charge, payment, ctx.expectedDomain);
  if (!['pending_payment', 'expired'].includes(order.status) && !(await awaitsOnlyAFlaggedCharge(tx, order))) {
    // Money for an order that can no longer take it (paid through another attempt, cancelled, refunded): the order
    // stays as it is, but the money is recorded, never silently dropped — given back when it matches the payment,
    // flagged for a person when it does not (a wrong amount or currency is not something to refund blindly).
    if (problems.length > 0) return flagMismatch(tx, charge, payment, order, [...problems, `order already ${order.status}`], ctx, { moveOrder: false });
    return recordUnexpectedPayment(tx, charge, payment, order, ctx);
  }
  // A second mismatched charge on an order already flagged (another of its attempts): the payment is flagged too, the
  // order is already where a person will look (paid_needs_attention cannot move to itself).
  if (problems.length > 0) return flagMismatch(tx, charge, payment, order, problems, ctx, { moveOrder: order.status !== 'paid_needs_attention' });

  const holds = await tx
    .select({
      id: inventoryReservations.id,
      variantId: inventoryReservations.variantId,
      quantity: inventoryReservations.quantity,
      status: inventoryReservations.status,
    })
    .from(inventoryReservations)
    .where(eq(inventoryReservations.orderId, order.id))
    .orderBy(asc(inventoryReservations.variantId))
    .for('update', { of: inventoryReservations });

  const late = holds.some((hold) => hold.status !== 'active');
  // A late payment must know first whether the stock is still there. An on-time one commits its stock LAST: on a
  // popular variant every paying order queues on that row's lock, so the lock is taken just before COMMIT.
  const lateSales = late ? await resellLatePayment(tx, holds) : null;
  const honoured = !late || lateSales !== null;

  const orderStatus = honoured ? 'paid' : 'paid_needs_attention';
  // The writes below touch different rows and none needs another's answer: sent together (one round trip), run by
  // the server in this order. transitionPayment throws unless the row moved, which rolls everything back. Each move
  // writes its audit entry in its own statement, so auditing adds no round trip.
  await Promise.all([
    transitionPayment(tx, payment.id, 'paid', {
      extra: { gatewayTransactionId: charge.gatewayTransactionId, channel: charge.channel, feesAmount: charge.feesAmount, paidAt: charge.paidAt ?? sql`now()` },
      audit: {
        actor: ctx.actor,
        action: 'payment.paid',
        before: { status: payment.status },
        after: { status: 'paid', amount: charge.amount, gatewayTransactionId: charge.gatewayTransactionId },
      },
    }),
    transitionLockedOrder(tx, order, orderStatus, {
      extra: { paidAt: charge.paidAt ?? new Date() },
      audit: { actor: ctx.actor, action: late ? 'order.paid_late' : 'order.paid', before: { status: order.status }, after: { status: orderStatus } },
    }),
    // A late payment honoured at the discounted total the order was placed with: its code's use counts again.
    late && honoured ? reclaimRedemption(tx, order.id) : null,
    honoured
      ? commitReservations(
          tx,
          holds.map((hold) => ({ ...hold, orderId: order.id })),
          ctx.actor,
          { extra: { committedAt: sql`now()` } },
        )
      : null,
    honoured
      ? recordAudit(
          tx,
          holds.map((hold) => ({
            actor: ctx.actor,
            action: 'stock.committed',
            entityType: 'variant' as const,
            entityId: hold.variantId,
            after: { quantity: hold.quantity, orderId: order.id },
          })),
        )
      : null,
    enqueue(
      tx,
      honoured
        ? [
            // One job for everything a paid order sets off: invoice, confirmation and receipt (steps of one function).
            { event: 'order/paid', payload: { orderId: order.id, paymentId: payment.id }, dedupeKey: payment.id },
          ]
        : [
            {
              event: 'refund/requested',
              payload: {
                orderId: order.id,
                paymentId: payment.id,
                amount: charge.amount,
                // Equal to the charge's: a charge in another currency never gets this far (mismatch).
                currency: payment.currency,
                reason: 'Paid after the reservation expired and the stock was sold',
              },
              dedupeKey: payment.id,
            },
            {
              event: 'payment/needs-attention',
              payload: {
                orderId: order.id,
                paymentId: payment.id,
                problems: ['paid after the reservation expired and the stock was sold: a full refund is queued'],
              },
              dedupeKey: payment.id,
            },
          ],
    ),
    // The buyer's cart gives up what was bought in the same transaction (signed-in carts live in Postgres; a guest's
    // only the return page can name).
    honoured && order.userId ? subtractUserCartLines(tx, order.userId, holds) : null,
    // "Save this card for next time": kept (sealed) with the payment that proved it, only for the account that asked.
    honoured && order.userId && payment.saveCard
      ? keepChargedCard(tx, {
          userId: order.userId,
          card: charge.card,
          customerEmail: charge.customerEmail,
          vault: ctx.cardVault === undefined ? cardVault() : ctx.cardVault,
          actor: ctx.actor,
          paymentId: payment.id,
        })
      : null,
  ]);
  const sales = late ? (lateSales ?? []) : await commitHolds(tx, holds);
  ctx.afterStockCommitted?.();
  // Rare, so the common path adds no statement after the hot rows: a digest job when a sale crossed a threshold.
  const lowStock = crossedLowStock(sales);
  if (lowStock.length > 0) await enqueue(tx, [{ event: 'inventory/low-stock', payload: { variantIds: lowStock, saleId: payment.id }, dedupeKey: payment.id }]);

  return {
    status: 'processed',
    outcome: honoured ? (late ? 'late payment honoured from available stock' : 'paid') : 'late payment: stock gone, refund queued',
    effects: {
      orderId: order.id,
      userId: order.userId,
      reference: payment.reference,
    },
  };
}

async function recordUnexpectedPayment(
  tx: Tx,
  charge: ConfirmedCharge,
  payment: typeof payments.$inferSelect,
  order: typeof orders.$inferSelect,
  ctx: CommitContext,
): Promise<Applied<CommitEffects>> {
  const reason = `Order was already ${order.status} when this payment arrived`;
  await transitionPayment(tx, payment.id, 'paid', {
    extra: {
      gatewayTransactionId: charge.gatewayTransactionId,
      channel: charge.channel,
      feesAmount: charge.feesAmount,
      paidAt: charge.paidAt ?? sql`now()`,
      failureReason: reason,
    },
    audit: {
      actor: ctx.actor,
      action: 'payment.unexpected',
      before: { status: payment.status },
      after: { status: 'paid', amount: charge.amount },
      metadata: { orderId: order.id, orderStatus: order.status },
    },
  });
  await enqueue(tx, [
    {
      event: 'refund/requested',
      // The charge matched the payment (its caller checked), so the payment's currency is the charge's.
      payload: { orderId: order.id, paymentId: payment.id, amount: charge.amount, currency: payment.currency, reason },
      dedupeKey: payment.id,
    },
  ]);
  return { status: 'processed', outcome: `order already ${order.status}: payment recorded, full refund queued` };
}

function mismatches(charge: ConfirmedCharge, payment: typeof payments.$inferSelect, expectedDomain: string): string[] {
  const problems: string[] = [];
  // The shop's request against the shop's record: when the customer bears Paystack's fee, the card is charged more
  // (`amount`) than was asked (`requestedAmount`), and that is not a mismatch. Charged less than asked always is.
  if (charge.requestedAmount !== payment.amount) problems.push(`amount ${charge.requestedAmount} ≠ expected ${payment.amount}`);
  else if (charge.amount < charge.requestedAmount) problems.push(`amount ${charge.amount} ≠ expected ${payment.amount} (charged less than requested)`);
  if (charge.currency !== payment.currency) problems.push(`currency ${charge.currency} ≠ expected ${payment.currency}`);
  if (charge.domain !== expectedDomain) problems.push(`domain ${charge.domain} ≠ expected ${expectedDomain}`);
  return problems;
}

export async function commitHolds(tx: Tx, holds: Array<{ variantId: string; quantity: number }>): Promise<StockAfterSale[]> {
  const sales: StockAfterSale[] = [];
  for (const hold of holds) sales.push(await commitReservedStock(tx, hold.variantId, hold.quantity));
  return sales;
}

/**
 * A late payment's stock (all lines or none; null when some line has no stock left): held lines are committed, the
 * rest sold from what is available. A savepoint undoes the lines already sold when a later one has no stock left.
 */
export async function resellLatePayment(tx: Tx, holds: Array<{ variantId: string; quantity: number; status: string }>): Promise<StockAfterSale[] | null> {
  const stillHeld = holds.filter((hold) => hold.status === 'active');
  try {
    return await tx.transaction(async (savepoint) => {
      const sales: StockAfterSale[] = [];
      for (const hold of holds) {
        const sale = stillHeld.includes(hold)
          ? await commitReservedStock(savepoint, hold.variantId, hold.quantity)
          : await sellFromAvailable(savepoint, hold.variantId, hold.quantity);
        if (!sale) throw new StockGone();
        sales.push(sale);
      }
      return sales;
    });
  } catch (error) {
    if (error instanceof StockGone) return null;
    throw error;
  }
}

class StockGone extends Error {}

async function flagMismatch(
  tx: Tx,
  charge: ConfirmedCharge,
  payment: typeof payments.$inferSelect,
  order: typeof orders.$inferSelect,
  problems: string[],
  ctx: CommitContext,
  opts: { moveOrder: boolean } = { moveOrder: true },
): Promise<Applied<CommitEffects>> {
  await transitionPayment(tx, payment.id, 'needs_review', {
    extra: { gatewayTransactionId: charge.gatewayTransactionId, failureReason: problems.join('; ') },
    audit: {
      actor: ctx.actor,
      action: 'payment.mismatch',
      before: { status: payment.status, amount: payment.amount, currency: payment.currency },
      after: { status: 'needs_review', charged: { amount: charge.amount, currency: charge.currency, domain: charge.domain } },
      metadata: { problems },
    },
  });
  if (opts.moveOrder) await transitionOrder(tx, order.id, 'paid_needs_attention');
  await enqueue(tx, [{ event: 'payment/needs-attention', payload: { orderId: order.id, paymentId: payment.id, problems }, dedupeKey: payment.id }]);
  return { status: 'processed', outcome: `mismatch: ${problems.join('; ')}` };
}
