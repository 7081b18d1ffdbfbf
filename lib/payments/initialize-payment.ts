// Stores the payment intent, then asks Paystack for an authorization URL. No transaction is held
// across the network call; a retry for the same order returns the live intent instead of creating a second one.
import { randomUUID } from 'node:crypto';
import { and, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { firstOrThrow } from '../../db/first';
import { inventoryReservations, orders, payments } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import type { OrderStatus } from '../orders/order-status';
import { err, ok, type Result } from '../core/result';
import { OPEN_PAYMENT_STATUSES, tryTransitionPayment } from './payment-status';
import type { PaystackClient } from './paystack/client';
import { describePaystackError } from './paystack/errors';
import type { PaystackCurrency } from './paystack/types';
import { newPaymentReference } from './reference';

export const PAYMENT_INTENT_MINUTES = 20;
/** Longer than the Paystack client's per-request timeout (15 s). */
const STALE_INTENT_MS = 30_000;

export interface PaymentIntent {
  reference: string;
  authorizationUrl: string;
  reused: boolean;
}

export type InitializePaymentError =
  | { code: 'order_not_found' }
  | { code: 'order_not_payable'; status: OrderStatus }
  | { code: 'reservation_expired' }
  | { code: 'payment_in_progress' }
  | { code: 'payment_unavailable'; message: string }
  | { code: 'payment_rejected'; message: string };

export interface InitializePaymentDeps {
  db: Database;
  paystack: PaystackClient;
  /** Where Paystack sends the shopper back: `${site}/checkout/return`. */
  callbackUrl: string;
  newReference?: () => string;
}

export interface InitializePaymentOptions {
  /** A signed-in shopper asked to keep the card if this payment succeeds (lib/cards/keep-card.ts). */
  saveCard?: boolean;
}

export async function initializePayment(
  deps: InitializePaymentDeps,
  orderId: string,
  options: InitializePaymentOptions = {},
): Promise<Result<PaymentIntent, InitializePaymentError>> {
  const claimed = await claimPaymentIntent(deps, orderId, options);
  if (!claimed.ok) return claimed;
  if (claimed.value.kind === 'live') {
    const { reference, authorizationUrl } = claimed.value;
    return ok({ reference, authorizationUrl, reused: true });
  }
  const { payment, order } = claimed.value;

  const reply = await deps.paystack.initializeTransaction({
    email: order.email,
    amount: payment.amount,
    currency: payment.currency as PaystackCurrency,
    reference: payment.reference,
    callbackUrl: deps.callbackUrl,
    metadata: { order_id: order.id, order_number: order.number, cancel_action: `${deps.callbackUrl}?reference=${payment.reference}` },
  });

  if (!reply.ok) {
    // The order stays payable: this intent is closed and the next attempt creates a fresh reference. An unknown
    // outcome (timeout) is safe too: nobody ever saw that transaction's authorization URL, so it cannot be paid.
    const message = describePaystackError(reply.error);
    await tryTransitionPayment(deps.db, payment.id, 'failed', { onlyFrom: ['initialized'], extra: { failureReason: `initialize: ${message}` } });
    return err(reply.error.kind === 'rejected' ? { code: 'payment_rejected', message: reply.error.message } : { code: 'payment_unavailable', message });
  }

  await deps.db.update(payments).set({ authorizationUrl: reply.value.authorizationUrl, accessCode: reply.value.accessCode }).where(eq(payments.id, payment.id));
  return ok({ reference: payment.reference, authorizationUrl: reply.value.authorizationUrl, reused: false });
}

type Claim =
  | { kind: 'live'; reference: string; authorizationUrl: string }
  | { kind: 'new'; payment: typeof payments.$inferSelect; order: typeof orders.$inferSelect };

/** Under the order's row lock: return the live intent, or record a new one (status `initialized`). */
async function claimPaymentIntent(
  deps: InitializePaymentDeps,
  orderId: string,
  options: InitializePaymentOptions,
): Promise<Result<Claim, InitializePaymentError>> {
  return deps.db.transaction(async (tx) => {
    // Sent together: the server runs them in order, so the two reads still start after the order's lock is held (each
    // statement takes its own snapshot), but the app pays one round trip instead of three.
    const [[order], [hold], [live]] = await Promise.all([
      tx.select().from(orders).where(eq(orders.id, orderId)).for('update'),
      tx
        .select({ id: inventoryReservations.id })
        .from(inventoryReservations)
        .where(and(eq(inventoryReservations.orderId, orderId), eq(inventoryReservations.status, 'active'), gt(inventoryReservations.reservedUntil, sql`now()`)))
        .limit(1),
      tx
        .select()
        .from(payments)
        .where(and(eq(payments.orderId, orderId), inArray(payments.status, OPEN_PAYMENT_STATUSES), gt(payments.expiresAt, sql`now()`)))
        .orderBy(desc(payments.createdAt))
        .limit(1),
    ]);
    if (!order) return err({ code: 'order_not_found' as const });
    if (order.status !== 'pending_payment') return err({ code: 'order_not_payable' as const, status: order.status });
    if (!hold) return err({ code: 'reservation_expired' as const });
    if (live?.authorizationUrl) {
      // The shopper's latest word on saving the card holds for the intent they are sent back to.
      if (options.saveCard !== undefined && live.saveCard !== options.saveCard) {
        await tx.update(payments).set({ saveCard: options.saveCard }).where(eq(payments.id, live.id));
      }
      return ok<Claim>({ kind: 'live', reference: live.reference, authorizationUrl: live.authorizationUrl });
    }
    if (live) {
      // Another request is talking to Paystack for this intent right now, unless it died doing so: an intent without
      // a URL older than the client's timeout will never get one, so it is closed (unless settled meanwhile) and replaced.
      const ageMs = Date.now() - live.createdAt.getTime();
      if (ageMs < STALE_INTENT_MS) return err({ code: 'payment_in_progress' as const });
      await tryTransitionPayment(tx, live.id, 'failed', { extra: { failureReason: 'initialize: no reply recorded (the request did not finish)' } });
    }

    const paymentId = randomUUID();
    const reference = (deps.newReference ?? newPaymentReference)();
    const [inserted] = await Promise.all([
      tx
        .insert(payments)
        .values({
          id: paymentId,
          orderId,
          reference,
          amount: order.totalAmount,
          currency: order.currency,
          status: 'initialized',
          saveCard: options.saveCard ?? false,
          expiresAt: sql`now() + make_interval(mins => ${PAYMENT_INTENT_MINUTES})`,
        })
        .returning(),
      recordAudit(tx, {
        actor: { type: 'system' },
        action: 'payment.initialized',
        entityType: 'payment',
        entityId: paymentId,
        after: { reference, amount: order.totalAmount, currency: order.currency, orderId },
      }),
    ]);
    const payment = firstOrThrow(inserted, 'the new payment intent');
    return ok<Claim>({ kind: 'new', payment, order });
  });
}
