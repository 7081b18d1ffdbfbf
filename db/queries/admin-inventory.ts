// Stock reads for the admin console: every variant's on hand, reserved, available and low-stock threshold (searchable,
// sortable, filterable to low stock), and one variant's active holds and stock history. Callers authorise the admin
// first. Rows are plain JSON (ISO dates) because the list is also served by GET /api/admin/inventory.
import { and, asc, count, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { listPage, listQuerySchema, type ListPage, urlEnum } from '../../lib/core/list-query';
import type { DbOrTx } from '../client';
import { auditLogs, inventoryReservations, orders, products, productVariants, users } from '../schema';

export const inventoryListQuery = listQuerySchema({
  sorts: ['product', 'sku', 'onHand', 'reserved', 'available', 'threshold'],
  defaultSort: 'product',
  defaultDir: 'asc',
  filters: { filter: urlEnum(['low-stock']) },
});

export type InventoryListQuery = ReturnType<typeof inventoryListQuery.parse>;

type ProductStatus = (typeof products.$inferSelect)['status'];

export interface InventoryRow {
  variantId: string;
  productId: string;
  productTitle: string;
  productStatus: ProductStatus;
  variantTitle: string;
  sku: string;
  stockOnHand: number;
  reserved: number;
  available: number;
  lowStockThreshold: number;
  archived: boolean;
  /** Low on stock now: lowStockCondition, computed by the database (the one definition). */
  low: boolean;
  /** Active holds (reservations of unpaid orders) and the soonest of their deadlines. */
  holds: number;
  nextExpiry: string | null;
}

const available = sql<number>`(${productVariants.stockOnHand} - ${productVariants.reserved})::int`;

/**
 * Low on stock: a variant a shopper can buy (active product, variant not archived) whose availability is at or below
 * its own threshold. The one definition: the console's filter, the dashboard tile and the `low` flag every row carries
 * (the inventory table's and the variant page's "Low" badge) are all this condition; no page recomputes it.
 */
export const lowStockCondition = and(
  eq(products.status, 'active'),
  isNull(productVariants.archivedAt),
  sql`${productVariants.stockOnHand} - ${productVariants.reserved} <= ${productVariants.lowStockThreshold}`,
) as SQL;

const isLow = sql<boolean>`coalesce(${lowStockCondition}, false)`;

const isoTime = (column: SQL) => sql<string | null>`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const activeHold = sql`${inventoryReservations.variantId} = ${productVariants.id} AND ${inventoryReservations.status} = 'active'`;

/** `%` and `_` typed in the search box are literal characters, not patterns. */
const likeContaining = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

const sortColumns = {
  product: [products.title, productVariants.position],
  sku: [productVariants.sku],
  onHand: [productVariants.stockOnHand],
  reserved: [productVariants.reserved],
  available: [available],
  threshold: [productVariants.lowStockThreshold],
} as const;

function inventoryWhere(query: Pick<InventoryListQuery, 'q' | 'filter'>): SQL | undefined {
  const conditions: SQL[] = [];
  if (query.q) {
    const pattern = likeContaining(query.q);
    conditions.push(or(ilike(products.title, pattern), ilike(productVariants.title, pattern), ilike(productVariants.sku, pattern)) as SQL);
  }
  if (query.filter === 'low-stock') conditions.push(lowStockCondition);
  return conditions.length > 0 ? and(...conditions) : undefined;
}

export async function listInventory(db: DbOrTx, query: InventoryListQuery): Promise<ListPage<InventoryRow>> {
  const where = inventoryWhere(query);
  const [counted] = await db.select({ total: count() }).from(productVariants).innerJoin(products, eq(products.id, productVariants.productId)).where(where);
  const direction = query.dir === 'asc' ? asc : desc;
  const rows = await db
    .select({
      variantId: productVariants.id,
      productId: products.id,
      productTitle: products.title,
      productStatus: products.status,
      variantTitle: productVariants.title,
      sku: productVariants.sku,
      stockOnHand: productVariants.stockOnHand,
      reserved: productVariants.reserved,
      available,
      lowStockThreshold: productVariants.lowStockThreshold,
      archived: sql<boolean>`${productVariants.archivedAt} IS NOT NULL`,
      low: isLow,
      holds: sql<number>`(SELECT count(*)::int FROM ${inventoryReservations} WHERE ${activeHold})`,
      nextExpiry: isoTime(sql`(SELECT min(${inventoryReservations.reservedUntil}) FROM ${inventoryReservations} WHERE ${activeHold})`),
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(where)
    // The SKU is unique: it ends every order so pages never overlap or skip a row.
    .orderBy(...sortColumns[query.sort].map((column) => direction(column)), asc(productVariants.sku))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return listPage(rows, counted?.total ?? 0, query);
}

/** Variants low on stock right now (see lowStockCondition). */
export async function countLowStock(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(productVariants).innerJoin(products, eq(products.id, productVariants.productId)).where(lowStockCondition);
  return row?.n ?? 0;
}

export async function getInventoryVariant(db: DbOrTx, variantId: string) {
  const [row] = await db
    .select({
      variantId: productVariants.id,
      productId: products.id,
      productTitle: products.title,
      productSlug: products.slug,
      productStatus: products.status,
      variantTitle: productVariants.title,
      sku: productVariants.sku,
      stockOnHand: productVariants.stockOnHand,
      reserved: productVariants.reserved,
      available,
      version: productVariants.version,
      lowStockThreshold: productVariants.lowStockThreshold,
      archivedAt: productVariants.archivedAt,
      low: isLow,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(eq(productVariants.id, variantId));
  return row ?? null;
}

export type InventoryVariant = NonNullable<Awaited<ReturnType<typeof getInventoryVariant>>>;

/** Units held for unpaid orders, soonest deadline first. A hold past its deadline waits for the release job. */
export async function activeHolds(db: DbOrTx, variantId: string) {
  return db
    .select({
      reservationId: inventoryReservations.id,
      orderId: orders.id,
      orderNumber: orders.number,
      orderStatus: orders.status,
      email: orders.email,
      quantity: inventoryReservations.quantity,
      reservedUntil: inventoryReservations.reservedUntil,
      createdAt: inventoryReservations.createdAt,
    })
    .from(inventoryReservations)
    .innerJoin(orders, eq(orders.id, inventoryReservations.orderId))
    .where(and(eq(inventoryReservations.variantId, variantId), eq(inventoryReservations.status, 'active')))
    .orderBy(asc(inventoryReservations.reservedUntil), asc(inventoryReservations.id));
}

export type ActiveHold = Awaited<ReturnType<typeof activeHolds>>[number];

/** The variant's latest stock entries in the audit log (adjustments, sales, restocks, threshold changes), newest first. */
export async function stockHistory(db: DbOrTx, variantId: string, limit = 20) {
  const rows = await db
    .select({
      id: auditLogs.id,
      action: auditLogs.action,
      actorType: auditLogs.actorType,
      actorId: auditLogs.actorId,
      before: auditLogs.before,
      after: auditLogs.after,
      metadata: auditLogs.metadata,
      createdAt: auditLogs.createdAt,
    })
    .from(auditLogs)
    .where(and(eq(auditLogs.entityType, 'variant'), eq(auditLogs.entityId, variantId)))
    .orderBy(desc(auditLogs.id))
    .limit(limit);
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const adminIds = [...new Set(rows.flatMap((row) => (row.actorType === 'admin' && row.actorId && uuid.test(row.actorId) ? [row.actorId] : [])))];
  const names = adminIds.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, adminIds)) : [];
  const nameOf = new Map(names.map((user) => [user.id, user.name]));
  return rows.map((row) => ({ ...row, actorName: row.actorId ? (nameOf.get(row.actorId) ?? null) : null }));
}

export type StockHistoryEntry = Awaited<ReturnType<typeof stockHistory>>[number];
