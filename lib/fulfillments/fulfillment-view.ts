// A fulfillment as every door shows it (the JSON API, the admin and shopper order pages, the shipping email, the
// packing slip): the parcel's carrier and tracking, and its lines as sold.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { fulfillmentLines, fulfillments, orderItems } from '../../db/schema';

export interface FulfillmentLineView {
  orderItemId: string;
  variantId: string;
  sku: string;
  productTitle: string;
  variantTitle: string;
  quantity: number;
}

export interface FulfillmentView {
  id: string;
  orderId: string;
  /** 1, 2, … in the order's shipping history. */
  sequence: number;
  carrier: string;
  trackingNumber: string;
  trackingUrl: string | null;
  lines: FulfillmentLineView[];
  createdBy: string | null;
  createdAt: string;
}

/** The order's fulfillments, oldest first; with `ids`, only those. */
export async function listFulfillments(db: DbOrTx, orderId: string, ids?: readonly string[]): Promise<FulfillmentView[]> {
  const rows = await db
    .select()
    .from(fulfillments)
    .where(and(eq(fulfillments.orderId, orderId), ids ? inArray(fulfillments.id, [...ids]) : undefined))
    .orderBy(asc(fulfillments.sequence));
  if (rows.length === 0) return [];
  const lines = await db
    .select({
      fulfillmentId: fulfillmentLines.fulfillmentId,
      orderItemId: fulfillmentLines.orderItemId,
      quantity: fulfillmentLines.quantity,
      variantId: orderItems.variantId,
      sku: orderItems.sku,
      productTitle: orderItems.productTitle,
      variantTitle: orderItems.variantTitle,
    })
    .from(fulfillmentLines)
    .innerJoin(orderItems, eq(orderItems.id, fulfillmentLines.orderItemId))
    .where(
      inArray(
        fulfillmentLines.fulfillmentId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(asc(orderItems.productTitle), asc(orderItems.variantTitle));
  return rows.map((row) => ({
    id: row.id,
    orderId: row.orderId,
    sequence: row.sequence,
    carrier: row.carrier,
    trackingNumber: row.trackingNumber,
    trackingUrl: row.trackingUrl,
    lines: lines.filter((line) => line.fulfillmentId === row.id).map(({ fulfillmentId: _, ...line }) => line),
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  }));
}

export async function loadFulfillment(db: DbOrTx, fulfillmentId: string): Promise<FulfillmentView | null> {
  const [row] = await db.select({ orderId: fulfillments.orderId }).from(fulfillments).where(eq(fulfillments.id, fulfillmentId));
  if (!row) return null;
  const [view] = await listFulfillments(db, row.orderId, [fulfillmentId]);
  return view ?? null;
}
