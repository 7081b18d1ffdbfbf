// An order's status as a coloured badge (text, not colour alone, carries the meaning).
import { orderStatusLabels } from '@/lib/orders/shopper-order-state';
import type { OrderStatus } from '@/lib/orders/order-status';

const tones: Record<OrderStatus, string> = {
  pending_payment: 'bg-amber-50 text-amber-900 ring-amber-300',
  paid: 'bg-brand-50 text-brand-700 ring-brand-600/40',
  partially_fulfilled: 'bg-brand-50 text-brand-700 ring-brand-600/40',
  fulfilled: 'bg-brand-50 text-brand-700 ring-brand-600/40',
  partially_refunded: 'bg-sky-50 text-sky-900 ring-sky-300',
  refunded: 'bg-sky-50 text-sky-900 ring-sky-300',
  expired: 'bg-stone-100 text-stone-700 ring-stone-300',
  cancelled: 'bg-stone-100 text-stone-700 ring-stone-300',
  paid_needs_attention: 'bg-red-50 text-red-800 ring-red-300',
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[status]}`} data-testid="order-status">
      {orderStatusLabels[status]}
    </span>
  );
}
