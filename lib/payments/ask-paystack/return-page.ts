// Everything the Paystack return page (callback_url) does, as one use case: CONFIRM the reference with Paystack (a
// success committed exactly once; a declined or cancelled attempt CLOSED so the shopper sees it and a retry gets a fresh
// payment), run the after-commit effects if this visit committed the payment, show the order only to whoever may see
// it, and empty a guest's cart of what was bought. The reference in the URL is only a lookup key: what the page says
// comes from Paystack's verify and the database. Request-bound pieces (session, cookies, cache) come in as functions.
import type { Redis } from '@upstash/redis';
import { sql } from 'drizzle-orm';
import { findPaymentByReference, type OrderDetail } from '../../../db/queries/orders';
import { removePurchasedLines } from '../../cart/remove-purchased-lines';
import type { CartOwner } from '../../cart/types';
import { takeCheckoutAttempt } from '../../checkout/checkout-attempt';
import { shopperOrderState, type ShopperOrderState } from '../../orders/shopper-order-state';
import type { CommitEffects } from '../commit-payment';
import { isOpenPayment, tryTransitionPayment } from '../payment-status';
import { isInProgressTransaction } from '../paystack/types';
import { PAYMENT_REFERENCE_PATTERN } from '../reference';
import { confirmPayment, type ConfirmDeps } from './confirm';

export interface ViewableOrder {
  order: OrderDetail;
  /** For guest orders: the token that opens the order's page. */
  accessToken: string | null;
  viewer: 'owner' | 'guest';
}

export interface CompleteReturnDeps extends ConfirmDeps {
  redis: Redis;
  /** The shop's public origin, for the guest's private order link. */
  siteUrl: string;
  /** The order if this request may see it (its signed-in owner, or the guest's token), else null. */
  viewOrder: (orderId: string) => Promise<ViewableOrder | null>;
  /** This request's cart owner; asked only when a guest's cart is to be emptied. */
  cartOwner: () => Promise<CartOwner | null>;
  /** Clears mirrors and caches once THIS request committed the payment. */
  afterPaymentCommitted: (effects: CommitEffects) => Promise<void>;
}

export type ReturnView =
  | { kind: 'not_found' }
  /** The payment was checked, but this browser or account may not see the order. */
  | { kind: 'thank_you_private' }
  | {
      kind: 'order';
      order: OrderDetail;
      state: ShopperOrderState;
      accessToken: string | null;
      viewer: 'owner' | 'guest';
      /** This visit removed the bought lines from the guest's cart. */
      cartCleared: boolean;
      /** The header's cart badge must re-read the cart: it changed on the server. */
      refreshCart: boolean;
      /** The guest's private link to the order, when there is one worth keeping. */
      link: string | null;
      /** Still awaiting payment and Paystack says a bank transfer or USSD payment is in flight: "being confirmed". */
      confirmingTransfer: boolean;
    };

/** `reference` is only a lookup key: what the page says comes from Paystack's verify and the database, never the URL. */
export async function completeReturn(deps: CompleteReturnDeps, reference: string | undefined): Promise<ReturnView> {
  const outcome = reference ? await confirmReturn(deps, reference) : null;
  if (!outcome) return { kind: 'not_found' };
  if (outcome.committed) await deps.afterPaymentCommitted(outcome.committed);

  const found = await deps.viewOrder(outcome.orderId);
  if (!found) return { kind: 'thank_you_private' };
  const { order, accessToken, viewer } = found;
  const state = shopperOrderState(order, order.payments[0]);

  let cartCleared = false;
  if (state === 'paid' && viewer === 'guest') {
    // A signed-in buyer's cart is emptied by the payment commit itself; a guest's only this browser can name.
    const owner = await deps.cartOwner();
    if (owner?.kind === 'guest' && (await takeCheckoutAttempt(deps.redis, owner, order.id))) {
      cartCleared = (await removePurchasedLines({ db: deps.db, redis: deps.redis }, owner, order.items)).ok;
    }
  }
  const link =
    accessToken && state !== 'expired' ? new URL(`/orders/${order.id}?${new URLSearchParams({ token: accessToken })}`, deps.siteUrl).toString() : null;
  return {
    kind: 'order',
    order,
    state,
    accessToken,
    viewer,
    cartCleared,
    refreshCart: cartCleared || (state === 'paid' && viewer === 'owner'),
    link,
    confirmingTransfer: state === 'awaiting_payment' && outcome.inProgress,
  };
}

export interface ReturnOutcome {
  orderId: string;
  orderUserId: string | null;
  /** Set when THIS call committed the payment: the caller runs the after-commit effects. */
  committed: CommitEffects | null;
  /** False when Paystack could not be asked (outage): the page polls until the webhook lands. */
  verified: boolean;
  /** Paystack answered ongoing, pending, processing or queued: a bank transfer or USSD payment not yet final. */
  inProgress: boolean;
}

export async function confirmReturn(deps: ConfirmDeps, reference: string): Promise<ReturnOutcome | null> {
  if (reference.length > 100 || !PAYMENT_REFERENCE_PATTERN.test(reference)) return null;
  const payment = await findPaymentByReference(deps.db, reference);
  if (!payment) return null;
  const base = { orderId: payment.orderId, orderUserId: payment.orderUserId };
  // Settled payments need no call to Paystack: reloads of the page and late visitors read the database only.
  if (!isOpenPayment(payment.status)) return { ...base, committed: null, verified: true, inProgress: false };

  const confirmed = await confirmPayment(deps, reference, { type: 'job', id: 'checkout-return' });
  if (!confirmed.ok) return { ...base, committed: null, verified: false, inProgress: false };
  const { transaction, applied } = confirmed.value;

  const status = transaction.status;
  if (status === 'failed' || status === 'abandoned') {
    // Paystack redirects here only after the shopper paid or cancelled, so "abandoned" is an answer, not silence.
    // If the old link is paid after all, the commit accepts a closed payment: no money is ever ignored. A concurrent
    // visit or the webhook may have settled the payment first: then this is a no-op.
    await deps.db.transaction((tx) =>
      tryTransitionPayment(tx, payment.id, status, {
        extra: { failureReason: transaction.gatewayResponse ?? `Paystack: ${status}`, lastCheckedAt: sql`now()` },
        audit: {
          actor: { type: 'system', id: 'checkout-return' },
          before: { status: payment.status },
          after: { status, gatewayResponse: transaction.gatewayResponse },
        },
      }),
    );
  }
  const committed = applied?.kind === 'processed' && applied.effects ? applied.effects : null;
  return { ...base, committed, verified: true, inProgress: isInProgressTransaction(status) };
}
