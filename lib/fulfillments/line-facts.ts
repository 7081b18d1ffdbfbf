// What each line of an order has done so far — sold, shipped, cancelled before shipping, returned after — read from
// the rows that record it (order_items.shipped_quantity, the committed holds, the refunds' restock lines). Callers that
// decide on these facts (shipping, refunding with restock) hold the order's row lock: every writer of them takes it
// first, so the facts cannot move underneath.
import { and, eq, isNotNull, ne, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { inventoryReservations, orderItems, refunds } from '../../db/schema';
import type { LineFacts } from './fulfillment-rules';

export async function loadLineFacts(db: DbOrTx, orderId: string): Promise<LineFacts[]> {
  const [items, sold, restocks] = await Promise.all([
    db
      .select({ id: orderItems.id, variantId: orderItems.variantId, quantity: orderItems.quantity, shipped: orderItems.shippedQuantity })
      .from(orderItems)
      .where(eq(orderItems.orderId, orderId)),
    db
      .select({ variantId: inventoryReservations.variantId, quantity: inventoryReservations.quantity })
      .from(inventoryReservations)
      .where(and(eq(inventoryReservations.orderId, orderId), eq(inventoryReservations.status, 'committed'))),
    // The refund use case's counting: a refund Paystack refused never restocked; one that failed later did.
    db
      .select({ lines: refunds.restockLines })
      .from(refunds)
      .where(and(eq(refunds.orderId, orderId), or(ne(refunds.status, 'failed'), isNotNull(refunds.restockedAt)))),
  ]);
  const soldBy = new Map(sold.map((row) => [row.variantId, row.quantity]));
  const cancelled = new Map<string, number>();
  const returned = new Map<string, number>();
  for (const line of restocks.flatMap((row) => row.lines)) {
    const into = line.returnedToStock ? returned : cancelled;
    into.set(line.variantId, (into.get(line.variantId) ?? 0) + line.quantity);
  }
  return items.map((item) => ({
    orderItemId: item.id,
    variantId: item.variantId,
    ordered: item.quantity,
    sold: soldBy.get(item.variantId) ?? 0,
    shipped: item.shipped,
    cancelled: cancelled.get(item.variantId) ?? 0,
    returned: returned.get(item.variantId) ?? 0,
  }));
}
