// Checkout as ONE use case, shared by the checkout page's server action and POST /api/checkout: read the owner's
// cart from the server, reserve it as an order, then ask Paystack for an authorization URL. Prices and totals come
// from the database only. If the order was placed but Paystack failed, the order id comes back so the shopper pays
// for THAT order on retry — a retry never reserves the stock a second time.
import type { Redis } from '@upstash/redis';
import { findOrderSummary, type OrderSummary } from '../../db/queries/orders';
import { getCart } from '../cart/get-cart';
import type { CartNotice, CartOwner } from '../cart/types';
import { initializePayment, type InitializePaymentDeps, type InitializePaymentError, type PaymentIntent } from '../payments/initialize-payment';
import { type ChargeSavedCardError, chargeSavedCard, type SavedCardPayment } from '../cards/charge-saved-card';
import { err, ok, type Result } from '../core/result';
import { checkoutFingerprint, readCheckoutAttempt, recordCheckoutAttempt } from './checkout-attempt';
import type { CheckoutInput } from './checkout-input';
import { redisKeys, redisTtlSeconds } from '../redis-keys';
import { flushRedisWrites, type RedisWrite, type RedisWriteTarget } from '../redis-writes';
import type { TooManyOpenOrders } from './open-orders';
import { placeOrder } from './place-order';
import { supersedeOrder } from './supersede-order';
import type { PricingProblem } from './price-order';
import type { DiscountRefusal } from '../discounts/discount-rules';
import type { DeliveryRefusal } from '../settings/delivery-offers';

export type CheckoutDeps = InitializePaymentDeps &
  RedisWriteTarget & {
    redis: Redis;
    /** Needed only to pay with a saved card: the one-click charge commits the payment itself (lib/cards). */
    expectedDomain?: 'test' | 'live';
  };

/** A line the shopper cannot have as asked. `requested` is absent when the cart dropped a sold-out line by itself. */
export interface ShortCheckoutLine {
  variantId: string;
  title: string;
  requested?: number;
  available: number;
}

export interface CheckoutSuccess {
  order: OrderSummary;
  /** Where the payment stands: `action_required` with Paystack's page to send the shopper to, or paid by a saved card. */
  payment: CheckoutPayment;
  /** True when this continued the owner's remembered order instead of placing a new one. */
  continued: boolean;
}

export type CheckoutPayment =
  | (PaymentIntent & { state: 'action_required'; cardNotice?: { reason: string; message: string } })
  | { state: 'paid' | 'processing'; reference: string; authorizationUrl: null };

export type CheckoutError =
  | { code: 'cart_empty' }
  | { code: 'cart_unavailable' }
  /** Another submission of this owner's checkout is running right now (a double click, two tabs). */
  | { code: 'checkout_in_progress' }
  | { code: 'out_of_stock'; lines: ShortCheckoutLine[] }
  | { code: 'cart_invalid'; problems: PricingProblem[] }
  /** The discount code cannot be used on this order (unknown, paused, outside its window, below its minimum, used up…). */
  | { code: 'discount_refused'; refusal: DiscountRefusal }
  /** This email or client address already holds as many unpaid orders as one buyer may (open-orders.ts). */
  | TooManyOpenOrders
  /** The settings do not offer the chosen delivery option for the address's state (express to Kano, say). */
  | DeliveryRefusal
  /** The order exists and holds its stock; only the payment step failed. Retry payment for `order.id`. */
  | { code: 'payment_failed'; order: OrderSummary; cause: InitializePaymentError | ChargeSavedCardError }
  /** Saving or using a card needs an account: a guest sent `saveCard` or `savedCardId`. */
  | { code: 'unauthenticated' };

export interface CheckoutRequest {
  owner: CartOwner | null;
  userId: string | null;
  input: CheckoutInput;
  /** The caller's address as the doors read it (lib/server/doors/request-meta.ts): caps open orders per address. */
  clientAddress: string;
}

export async function checkout(deps: CheckoutDeps, request: CheckoutRequest): Promise<Result<CheckoutSuccess, CheckoutError>> {
  const { owner, userId, input, clientAddress } = request;
  if (!userId && (input.saveCard || input.savedCardId)) return err({ code: 'unauthenticated' });
  if (!owner) return err({ code: 'cart_empty' });
  // One checkout per owner at a time: without it, two simultaneous submissions both find no remembered attempt and
  // both reserve the stock. Redis trouble skips the lock rather than the sale (the worst case is that double hold).
  const lock = redisKeys.checkoutLock(owner.kind === 'guest' ? `session:${owner.sessionId}` : `user:${owner.userId}`);
  const locked = await deps.redis.set(lock, '1', { nx: true, ex: redisTtlSeconds.checkoutLock }).catch(() => 'OK');
  if (locked !== 'OK') return err({ code: 'checkout_in_progress' });
  // The remembered attempt and the lock's release leave in one round trip, in that order: the attempt is written
  // before the lock lets a second submission in.
  const redisWrites: RedisWrite[] = [];
  try {
    return await checkoutLocked({ ...deps, redisWrites }, { owner, userId, input, clientAddress });
  } finally {
    await flushRedisWrites(deps.redis, [...redisWrites, { kind: 'del', key: lock }]);
  }
}

async function checkoutLocked(deps: CheckoutDeps, request: CheckoutRequest & { owner: CartOwner }): Promise<Result<CheckoutSuccess, CheckoutError>> {
  const { owner, userId, input, clientAddress } = request;
  // Issued together so the Redis client sends both reads in the same tick. The cart's own-holds step (own-holds.ts)
  // needs the same remembered attempt: it gets this read instead of a GET of its own, one Redis round trip fewer per
  // checkout with the same answer. The key cannot change in between: it is written only by a checkout of this owner,
  // which our lock keeps out, and deleted only by the return page once the order is paid — and a paid order's
  // reservations count for no own hold either way (the hold query asks for a pending order's active reservations).
  const attemptRead = readCheckoutAttempt(deps.redis, owner);
  const [cart, remembered] = await Promise.all([getCart({ db: deps.db, redis: deps.redis, knownCheckoutAttempt: attemptRead }, owner), attemptRead]);
  if (!cart.ok) return err({ code: 'cart_unavailable' });
  // The cart corrected itself against live stock: the shopper must see what changed before paying for it.
  const short = shortLinesFrom(cart.value.notices);
  if (short.length > 0) return err({ code: 'out_of_stock', lines: short });
  if (cart.value.lines.length === 0) return err({ code: 'cart_empty' });

  const lines = cart.value.lines.map((line) => ({ variantId: line.variantId, quantity: line.quantity }));
  const fingerprint = checkoutFingerprint(userId, input, lines);

  if (remembered?.fingerprint === fingerprint) {
    const continued = await continueOrder(deps, remembered.orderId, userId, input);
    if (continued) return continued;
  } else if (remembered) {
    await supersedeOrder(deps, remembered.orderId, userId);
  }

  const placed = await placeOrder(deps, { ...input, userId, lines, clientAddress });
  if (!placed.ok) {
    const error = placed.error;
    if (error.code === 'out_of_stock') return err({ code: 'out_of_stock', lines: error.lines });
    if (error.code === 'invalid_lines') return err({ code: 'cart_invalid', problems: error.problems });
    return err(error);
  }
  await recordCheckoutAttempt(deps, owner, { orderId: placed.value.id, fingerprint });
  const { id, number, email, joinedUserId, currency, subtotalAmount, discountAmount, discountCode, shippingAmount, taxAmount, taxAddedAmount, totalAmount } =
    placed.value;
  const order: OrderSummary = {
    id,
    number,
    userId,
    joinedUserId,
    email,
    status: 'pending_payment',
    currency,
    subtotalAmount,
    discountAmount,
    discountCode,
    shippingAmount,
    taxAmount,
    taxAddedAmount,
    totalAmount,
    createdAt: new Date(),
    paidAt: null,
  };
  return pay(deps, order, false, { userId, input });
}

/** The remembered order, if it can still be paid; null means "place a new one" (paid, expired or gone). */
async function continueOrder(deps: CheckoutDeps, orderId: string, userId: string | null, input: CheckoutInput) {
  const order = await findOrderSummary(deps.db, orderId);
  if (!order || order.userId !== userId || order.status !== 'pending_payment') return null;
  const result = await pay(deps, order, true, { userId, input });
  if (
    !result.ok &&
    result.error.code === 'payment_failed' &&
    ['reservation_expired', 'order_not_payable', 'order_not_found'].includes(result.error.cause.code)
  ) {
    return null;
  }
  return result;
}

async function pay(
  deps: CheckoutDeps,
  order: OrderSummary,
  continued: boolean,
  how: { userId: string | null; input: CheckoutInput },
): Promise<Result<CheckoutSuccess, CheckoutError>> {
  const { userId, input } = how;
  if (userId && input.savedCardId) {
    if (!deps.expectedDomain) throw new Error('checkout with a saved card needs deps.expectedDomain');
    const charged = await chargeSavedCard({ ...deps, expectedDomain: deps.expectedDomain }, { orderId: order.id, userId, savedCardId: input.savedCardId });
    return charged.ok ? ok({ order, payment: savedCardPayment(charged.value), continued }) : err({ code: 'payment_failed', order, cause: charged.error });
  }
  const payment = await initializePayment(deps, order.id, { saveCard: Boolean(userId && input.saveCard) });
  return payment.ok
    ? ok({ order, payment: { ...payment.value, state: 'action_required' }, continued })
    : err({ code: 'payment_failed', order, cause: payment.error });
}

function savedCardPayment(result: SavedCardPayment): CheckoutPayment {
  if (result.state !== 'action_required') return { state: result.state, reference: result.reference, authorizationUrl: null };
  return { ...result.intent, state: 'action_required', cardNotice: { reason: result.reason, message: result.message } };
}

function shortLinesFrom(notices: CartNotice[]): ShortCheckoutLine[] {
  return notices.map((notice) =>
    notice.kind === 'clamped'
      ? { variantId: notice.variantId, title: notice.title, requested: notice.requested, available: notice.allowed }
      : { variantId: notice.variantId, title: notice.title, available: 0 },
  );
}
