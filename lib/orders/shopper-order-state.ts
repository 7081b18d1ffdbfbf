// What a shopper is told about an order, derived only from database facts (order status, its newest payment, whether
// its hold is still live) — never from query parameters. Pure, shared by the return page, the order pages and the
// Store API's GET /api/orders/:id, so the browser's polling and the server's first render always agree.
import type { PaymentStatus } from '../payments/payment-status';
import type { OrderStatus } from './order-status';

export type ShopperOrderState =
  /** Money received and the order confirmed. */
  | 'paid'
  /** Open: a payment may still complete (or its webhook has not landed yet). */
  | 'awaiting_payment'
  /** The last attempt failed or was cancelled; the hold is still live, so the shopper can try again. */
  | 'payment_failed'
  /** The hold lapsed (or the order was cancelled) before any money came: the stock went back on sale. */
  | 'expired'
  /** Money arrived but needs a person (late payment with the stock gone, amount mismatch): a refund follows. */
  | 'needs_attention'
  | 'refunded';

export function shopperOrderState(
  order: { status: OrderStatus; holdLive: boolean },
  latestPayment: { status: PaymentStatus } | null | undefined,
): ShopperOrderState {
  switch (order.status) {
    case 'paid':
    case 'partially_fulfilled':
    case 'fulfilled':
    case 'partially_refunded':
      return 'paid';
    case 'refunded':
      return 'refunded';
    case 'paid_needs_attention':
      return 'needs_attention';
    case 'expired':
    case 'cancelled':
      return 'expired';
    case 'pending_payment':
      break;
  }
  if (latestPayment?.status === 'needs_review') return 'needs_attention';
  if (!latestPayment) return order.holdLive ? 'awaiting_payment' : 'expired';
  const open = latestPayment.status === 'initialized' || latestPayment.status === 'pending';
  // An open payment can still succeed after the hold lapsed (a late payment is honoured or refunded), so it stays
  // "awaiting" until the release job has asked Paystack; a failed attempt without a live hold cannot be retried.
  if (open) return 'awaiting_payment';
  return order.holdLive ? 'payment_failed' : 'expired';
}

/** Terminal for a page that polls: nothing a shopper waits for will change these by itself. */
export function isSettled(state: ShopperOrderState): boolean {
  return state !== 'awaiting_payment';
}

export const orderStatusLabels: Record<OrderStatus, string> = {
  pending_payment: 'Awaiting payment',
  paid: 'Paid',
  partially_fulfilled: 'Partly shipped',
  fulfilled: 'Shipped',
  partially_refunded: 'Partly refunded',
  refunded: 'Refunded',
  expired: 'Expired',
  cancelled: 'Cancelled',
  paid_needs_attention: 'Paid – being reviewed',
};
