// One-click payment: charge a signed-in shopper's saved card for an order already placed (with its hold, exactly as a
// hosted-page checkout places it), and apply Paystack's answer through the SAME exactly-once payment commit as the
// webhook and reconciliation (key `charge.success:<transaction id>`), so the `charge.success` webhook that follows is a
// duplicate. A refused or paused charge (insufficient funds, an OTP or 3-D Secure step) closes that attempt and sends
// the shopper to Paystack's hosted page with the reason; the order stays payable throughout.
//
// Never twice: the attempt is claimed under the order's row lock, and an order with a one-click attempt in flight
// answers `payment_in_progress`; a paid order is no longer payable. (One checkout per shopper at a time is the
// checkout use case's lock.) The authorization code is opened from the vault only for the call and never logged.
import { randomUUID } from 'node:crypto';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { inventoryReservations, orders, payments, savedCards, users } from '../../db/schema';
import type { AuditActor } from '../audit/record-audit';
import { recordAudit } from '../audit/record-audit';
import { err, ok, type Result } from '../core/result';
import { confirmPayment } from '../payments/ask-paystack/confirm';
import { commitPayment } from '../payments/commit-payment';
import {
  PAYMENT_INTENT_MINUTES,
  initializePayment,
  type InitializePaymentDeps,
  type InitializePaymentError,
  type PaymentIntent,
} from '../payments/initialize-payment';
import { OPEN_PAYMENT_STATUSES, tryTransitionPayment } from '../payments/payment-status';
import { describePaystackError, isOutcomeUnknown } from '../payments/paystack/errors';
import type { PaystackCurrency } from '../payments/paystack/types';
import { CHARGE_SUCCESS_EVENT, chargeEventKey } from '../payments/paystack/webhook-events';
import { newPaymentReference } from '../payments/reference';
import { applyOnce } from '../webhooks/apply-once';
import type { CardVault } from './card-vault';
import { isCardExpired } from './saved-cards';
import { cardVault } from './vault-from-env';

/** After the account's email changes its cards rest this long: a taken-over account cannot spend them at once. */
export const CARD_REST_AFTER_EMAIL_CHANGE_HOURS = 24;

export interface ChargeSavedCardDeps extends InitializePaymentDeps {
  expectedDomain: 'test' | 'live';
  cardVault?: CardVault | null;
}

/** Why the shopper goes to the hosted page instead. */
export type CardFallbackReason = 'card_declined' | 'card_needs_verification' | 'card_unreachable';

export type SavedCardPayment =
  | { state: 'paid'; reference: string }
  /** Paystack took the money but the shop has not recorded it yet (the webhook or reconciliation will): poll the order. */
  | { state: 'processing'; reference: string }
  | { state: 'action_required'; reason: CardFallbackReason; message: string; intent: PaymentIntent };

export type ChargeSavedCardError = InitializePaymentError | { code: 'card_not_found' } | { code: 'card_expired' } | { code: 'card_resting' };

const ACTOR: AuditActor = { type: 'system', id: 'one-click' };

export async function chargeSavedCard(
  deps: ChargeSavedCardDeps,
  request: { orderId: string; userId: string; savedCardId: string },
): Promise<Result<SavedCardPayment, ChargeSavedCardError>> {
  const vault = deps.cardVault === undefined ? cardVault() : deps.cardVault;
  const claimed = await claimOneClickAttempt(deps, request, vault);
  if (!claimed.ok) return claimed;
  const { payment, email, authorizationCode, orderNumber } = claimed.value;

  const reply = await deps.paystack.chargeAuthorization({
    email,
    amount: payment.amount,
    currency: payment.currency as PaystackCurrency,
    reference: payment.reference,
    authorizationCode,
    metadata: { order_id: request.orderId, order_number: orderNumber, one_click: true },
  });

  if (!reply.ok) {
    if (isOutcomeUnknown(reply.error)) {
      // The card may have been charged: ask Paystack before anything else is tried, and commit it if it was.
      const confirmed = await confirmPayment(deps, payment.reference, ACTOR);
      if (!confirmed.ok) return ok({ state: 'processing', reference: payment.reference });
      if (confirmed.value.transaction.charge) return settled(deps, payment.reference);
      if (!['failed', 'abandoned', 'reversed'].includes(confirmed.value.transaction.status)) return ok({ state: 'processing', reference: payment.reference });
    }
    return fallBack(deps, request.orderId, payment.id, 'card_unreachable', describePaystackError(reply.error));
  }

  const answer = reply.value;
  switch (answer.outcome) {
    case 'success': {
      // Whatever the outcome (applied now, a duplicate of a webhook that won, or failed and left for the retry), the
      // payment row says where the money stands.
      await applyOnce(
        deps.db,
        {
          eventKey: chargeEventKey(answer.charge.gatewayTransactionId),
          type: CHARGE_SUCCESS_EVENT,
          payload: { source: 'one-click', reference: answer.charge.reference, id: answer.charge.gatewayTransactionId },
        },
        (tx) => commitPayment(tx, answer.charge, { expectedDomain: deps.expectedDomain, actor: ACTOR, cardVault: vault }),
      );
      return settled(deps, payment.reference);
    }
    case 'failed':
      return fallBack(deps, request.orderId, payment.id, 'card_declined', answer.reason);
    case 'paused':
      return fallBack(deps, request.orderId, payment.id, 'card_needs_verification', `${answer.status}: ${answer.reason}`);
  }
}

/** Paid when the payment row says so (the commit, or a webhook that won the race, recorded it). */
async function settled(deps: ChargeSavedCardDeps, reference: string): Promise<Result<SavedCardPayment, ChargeSavedCardError>> {
  const [row] = await deps.db.select({ status: payments.status }).from(payments).where(eq(payments.reference, reference));
  if (row?.status === 'paid') return ok({ state: 'paid', reference });
  // A charge the commit flagged (needs_review) or could not apply yet: the order page tells the shopper what happens.
  return ok({ state: 'processing', reference });
}

const FALLBACK_WORDS: Record<CardFallbackReason, string> = {
  card_declined: 'Your bank declined the saved card',
  card_needs_verification: 'Your bank wants to confirm this payment with you',
  card_unreachable: 'We could not charge the saved card just now',
};

/** Closes the one-click attempt and opens a hosted-page intent for the same order (a fresh reference). */
async function fallBack(
  deps: ChargeSavedCardDeps,
  orderId: string,
  paymentId: string,
  reason: CardFallbackReason,
  detail: string,
): Promise<Result<SavedCardPayment, ChargeSavedCardError>> {
  await tryTransitionPayment(deps.db, paymentId, 'failed', {
    onlyFrom: OPEN_PAYMENT_STATUSES,
    extra: { failureReason: `charge_authorization: ${detail}`.slice(0, 500), lastCheckedAt: sql`now()` },
  });
  const intent = await initializePayment(deps, orderId);
  if (!intent.ok) return intent;
  return ok({ state: 'action_required', reason, message: `${FALLBACK_WORDS[reason]}. Please pay on Paystack's page instead.`, intent: intent.value });
}

interface Claimed {
  payment: typeof payments.$inferSelect;
  email: string;
  authorizationCode: string;
  orderNumber: string;
}

/** Under the order's row lock (then the card's): checks everything, records the attempt, commits before Paystack is called. */
async function claimOneClickAttempt(
  deps: ChargeSavedCardDeps,
  request: { orderId: string; userId: string; savedCardId: string },
  vault: CardVault | null,
): Promise<Result<Claimed, ChargeSavedCardError>> {
  return deps.db.transaction(async (tx) => {
    const [[order], [hold], open] = await Promise.all([
      tx.select().from(orders).where(eq(orders.id, request.orderId)).for('update'),
      tx
        .select({ id: inventoryReservations.id })
        .from(inventoryReservations)
        .where(
          and(
            eq(inventoryReservations.orderId, request.orderId),
            eq(inventoryReservations.status, 'active'),
            gt(inventoryReservations.reservedUntil, sql`now()`),
          ),
        )
        .limit(1),
      tx
        .select({ id: payments.id, savedCardId: payments.savedCardId })
        .from(payments)
        .where(and(eq(payments.orderId, request.orderId), inArray(payments.status, OPEN_PAYMENT_STATUSES), gt(payments.expiresAt, sql`now()`))),
    ]);
    if (!order || order.userId !== request.userId) return err({ code: 'order_not_found' as const });
    if (order.status !== 'pending_payment') return err({ code: 'order_not_payable' as const, status: order.status });
    if (!hold) return err({ code: 'reservation_expired' as const });
    if (open.some((attempt) => attempt.savedCardId !== null)) return err({ code: 'payment_in_progress' as const });

    const [card] = await tx
      .select({
        id: savedCards.id,
        expMonth: savedCards.expMonth,
        expYear: savedCards.expYear,
        sealedAuthorization: savedCards.sealedAuthorization,
        keyId: savedCards.keyId,
        email: users.email,
        resting: sql<boolean>`coalesce(${users.emailChangedAt} > now() - make_interval(hours => ${CARD_REST_AFTER_EMAIL_CHANGE_HOURS}), false)`,
      })
      .from(savedCards)
      .innerJoin(users, eq(users.id, savedCards.userId))
      .where(and(eq(savedCards.id, request.savedCardId), eq(savedCards.userId, request.userId)))
      // A removal waits for this attempt to be recorded; one that came first leaves nothing to find.
      .for('share', { of: savedCards });
    if (!card) return err({ code: 'card_not_found' as const });
    if (isCardExpired(card, new Date())) return err({ code: 'card_expired' as const });
    if (card.resting) return err({ code: 'card_resting' as const });
    const authorizationCode = vault?.open({ sealed: card.sealedAuthorization, keyId: card.keyId }) ?? null;
    // Sealed with a key this process does not hold (or tampered with): as good as no card.
    if (!authorizationCode) return err({ code: 'card_not_found' as const });

    // One live attempt per order: a hosted-page intent still open is closed (money that lands on it anyway is found by
    // reconciliation and given back, as for any second payment).
    for (const attempt of open) {
      await tryTransitionPayment(tx, attempt.id, 'failed', { onlyFrom: OPEN_PAYMENT_STATUSES, extra: { failureReason: 'superseded by a one-click payment' } });
    }
    const paymentId = randomUUID();
    const reference = (deps.newReference ?? newPaymentReference)();
    const [[inserted]] = await Promise.all([
      tx
        .insert(payments)
        .values({
          id: paymentId,
          orderId: order.id,
          reference,
          amount: order.totalAmount,
          currency: order.currency,
          status: 'initialized',
          channel: 'card',
          savedCardId: card.id,
          expiresAt: sql`now() + make_interval(mins => ${PAYMENT_INTENT_MINUTES})`,
        })
        .returning(),
      recordAudit(tx, {
        actor: { type: 'user', id: request.userId },
        action: 'payment.initialized',
        entityType: 'payment',
        entityId: paymentId,
        after: { reference, amount: order.totalAmount, currency: order.currency, orderId: order.id, savedCardId: card.id },
      }),
      tx.update(savedCards).set({ lastUsedAt: sql`now()` }).where(eq(savedCards.id, card.id)),
    ]);
    if (!inserted) throw new Error('the one-click payment row was not written');
    return ok({ payment: inserted, email: card.email, authorizationCode, orderNumber: order.number });
  });
}
