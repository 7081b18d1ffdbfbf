// Everything the Paystack return page (callback_url) does, as one use case: confirm the reference with Paystack, run the
// after-commit effects if this visit committed the payment, show the order only to whoever may see it, and empty a
// guest's cart of what was bought. Request-bound pieces (session, cookies, cache) come in as functions.
import type { Redis } from '@upstash/redis';
import type { OrderDetail } from '../../db/queries/orders';
import { removePurchasedLines } from '../cart/remove-purchased-lines';
import type { CartOwner } from '../cart/types';
import { shopperOrderState, type ShopperOrderState } from '../orders/shopper-order-state';
import type { CommitEffects } from '../payments/commit-payment';
import type { ConfirmDeps } from '../payments/confirm-payment';
import { takeCheckoutAttempt } from './checkout-attempt';
import { confirmReturn } from './confirm-return';

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
  return { kind: 'order', order, state, accessToken, viewer, cartCleared, refreshCart: cartCleared || (state === 'paid' && viewer === 'owner'), link };
}
