// A customer's orders on the admin customer pages (an account's or a guest's): number (opens the order), placed, status
// and total with what was refunded, newest first.
import Link from 'next/link';
import { OrderStatusBadge } from '@/components/orders/order-status-badge';
import { TableHead } from '@/components/ui/table-head';
import type { AdminCustomerOrder } from '@/db/queries/admin-customers';
import { formatDateTime } from '@/lib/core/format-date';
import { formatMoney } from '@/lib/core/money';

export function CustomerOrders({
  orders,
  orderCount,
  limit,
  emptyMessage,
}: {
  orders: AdminCustomerOrder[];
  orderCount: number;
  limit: number;
  emptyMessage: string;
}) {
  return (
    <section aria-labelledby="customer-orders-heading" className="min-w-0 rounded-xl border border-stone-200 bg-white text-sm">
      <h2 id="customer-orders-heading" className="px-6 pt-5 text-lg font-semibold">
        Orders
        {orderCount > limit ? <span className="ml-2 text-sm font-normal text-stone-500">(newest {limit})</span> : null}
      </h2>
      {orders.length === 0 ? (
        <p className="px-6 py-8 text-stone-500" data-testid="no-orders">
          {emptyMessage}
        </p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left" data-testid="customer-orders">
            <TableHead
              className="border-y border-stone-200 bg-stone-50"
              cellClassName="py-2"
              columns={[
                { label: 'Order', className: 'px-6' },
                { label: 'Placed', className: 'px-4' },
                { label: 'Status', className: 'px-4' },
                { label: 'Total', className: 'px-6 text-right' },
              ]}
            />
            <tbody className="divide-y divide-stone-100">
              {orders.map((order) => (
                <tr key={order.id} className="hover:bg-stone-50">
                  <td className="px-6 py-3">
                    <Link href={`/admin/orders/${order.id}`} className="whitespace-nowrap font-medium text-brand-700 underline-offset-2 hover:underline">
                      {order.number}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 text-stone-600">{formatDateTime(order.createdAt)}</td>
                  <td className="px-4 py-3">
                    <OrderStatusBadge status={order.status} />
                  </td>
                  <td className="whitespace-nowrap px-6 py-3 text-right tabular-nums">
                    {formatMoney({ amount: order.totalAmount, currency: order.currency })}
                    {order.refundedAmount > 0 ? (
                      <span className="block text-xs text-sky-900">−{formatMoney({ amount: order.refundedAmount, currency: order.currency })} refunded</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
