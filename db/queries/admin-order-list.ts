// The admin orders list and its CSV export: one filter (search by number, email, customer name, phone or payment
// reference; status; refund state; placed between two Lagos days) and one order per sort, so the export holds exactly the rows the list shows.
// Both read in keyset order (the sort column, then placed-at, then id — all in the chosen direction), which lets the
// export walk the whole result in short batches without holding a connection or the result in memory.
// Callers authorise the admin first; these reads are not scoped to a user.
import { and, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { type ListPage, type ListPaging, listPage } from '../../lib/core/list-query';
import { SHOP_TIME_ZONE } from '../../lib/core/format-date';
import type { CurrencyCode } from '../../lib/core/money';
import type { OrderSettingsSnapshot, OrderStatus, ShippingAddress } from '../schema/orders';
import type { DbOrTx } from '../client';
import { orders, users } from '../schema';
import { fromDay, likeContaining, toDay } from './admin-ops-sql';

/** What this read takes from the list's URL query (parsed by lib/admin/order-list-query.ts; its output must fit). */
export interface OrderListParams extends ListPaging<'created' | 'total' | 'number' | 'status'> {
  status?: OrderStatus | undefined;
  refund?: 'any' | 'in_progress' | 'attention' | 'none' | undefined;
  ship?: 'to_ship' | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** One row of the list, as JSON (dates as ISO strings, so the server-rendered page and the JSON route agree). */
export interface OrderListRow {
  id: string;
  number: string;
  email: string;
  customerId: string | null;
  /** The account's name; null for a guest checkout. */
  customerName: string | null;
  /** The name the order was placed under (its delivery address). */
  shippingName: string;
  phone: string;
  status: OrderStatus;
  currency: CurrencyCode;
  totalAmount: number;
  refundedAmount: number;
  /** The newest payment attempt's reference, if the order got as far as paying. */
  paymentReference: string | null;
  refundAttention: boolean;
  createdAt: string;
}

/** Orders whose money the shop took and kept an order for: what revenue and lifetime value count. */
export const PAID_ORDER_STATUSES = ['paid', 'partially_fulfilled', 'fulfilled', 'partially_refunded', 'refunded'] as const satisfies readonly OrderStatus[];

// Subqueries name the outer row literally (orders.id): in a one-table select list Drizzle leaves a column unqualified,
// and inside `FROM refunds r` a bare "id" would be the refund's.

/**
 * An order needs a person about its refunds when one is flagged `needs_attention` by Paystack, or one failed and no
 * refund was started after it (a new refund after a failure is how an admin settles it).
 */
export const refundNeedsAttention = sql<boolean>`EXISTS (
  SELECT 1 FROM refunds r WHERE r.order_id = orders.id AND (
    r.status = 'needs_attention'
    OR (r.status = 'failed' AND NOT EXISTS (
      SELECT 1 FROM refunds later WHERE later.order_id = r.order_id AND later.status <> 'failed' AND later.created_at > r.created_at
    ))
  )
)`;

const refundCondition: Record<NonNullable<OrderListParams['refund']>, SQL> = {
  any: sql`EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = orders.id)`,
  in_progress: sql`EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = orders.id AND r.status IN ('requested', 'pending', 'processing'))`,
  attention: refundNeedsAttention,
  none: sql`NOT EXISTS (SELECT 1 FROM refunds r WHERE r.order_id = orders.id)`,
};

/**
 * To ship: paid, not wholly refunded or flagged, and a line with units still to ship — sold (its committed hold) minus
 * shipped minus what refunds cancelled before shipping (restock lines without returnedToStock, from refunds that did
 * not fail or that restocked anyway): the shipping use case's rule (lib/fulfillments/fulfillment-rules.ts).
 */
export const toShip = sql<boolean>`(orders.status IN ('paid', 'partially_fulfilled', 'partially_refunded') AND EXISTS (
  SELECT 1 FROM order_items i
  JOIN inventory_reservations h ON h.order_id = i.order_id AND h.variant_id = i.variant_id AND h.status = 'committed'
  WHERE i.order_id = orders.id
    AND h.quantity - i.shipped_quantity - coalesce((
      SELECT sum((l ->> 'quantity')::int) FROM refunds r, jsonb_array_elements(r.restock_lines) l
      WHERE r.order_id = orders.id AND (r.status <> 'failed' OR r.restocked_at IS NOT NULL)
        AND l ->> 'variantId' = i.variant_id::text AND coalesce((l ->> 'returnedToStock')::boolean, false) = false
    ), 0) > 0
))`;

export type OrderListFilter = Pick<OrderListParams, 'q' | 'status' | 'refund' | 'ship' | 'from' | 'to'>;

/**
 * The digits a phone search looks for, or null when the text is not a phone number (or too little of one): a Nigerian
 * number without its +234 or 0 prefix, so "0803 123 4567", "+2348031234567" and "803-123-4567" find the same orders
 * whichever way checkout stored it.
 */
export function phoneSearchDigits(text: string): string | null {
  if (!/^[+\d\s().-]+$/.test(text)) return null;
  let digits = text.replace(/\D/g, '');
  if (digits.length >= 12 && digits.startsWith('234')) digits = digits.slice(3);
  else if (digits.startsWith('0')) digits = digits.slice(1);
  return digits.length >= 4 ? digits : null;
}

/** The order's phone as digits without the country prefix (the shape phoneSearchDigits looks for). */
const phoneDigitsSql = sql`regexp_replace(regexp_replace(${orders.shippingAddress} ->> 'phone', '[^0-9]', '', 'g'), '^(234|0)', '')`;

/**
 * Search: part of the number, the checkout email, the name on the order or on its account, the phone, or a payment
 * reference. Plain ILIKE over the rows the other filters leave (no trigram index: pg_trgm needs an extension the
 * generated migrations cannot create); at this shop's size a scan of orders answers in milliseconds.
 */
function searchCondition(q: string): SQL {
  const pattern = likeContaining(q);
  const digits = phoneSearchDigits(q);
  return or(
    ilike(orders.number, pattern),
    ilike(orders.email, pattern),
    sql`${orders.shippingAddress} ->> 'fullName' ILIKE ${pattern}`,
    sql`EXISTS (SELECT 1 FROM users u WHERE u.id = orders.user_id AND u.name ILIKE ${pattern})`,
    sql`EXISTS (SELECT 1 FROM payments p WHERE p.order_id = orders.id AND p.reference ILIKE ${pattern})`,
    ...(digits ? [sql`${phoneDigitsSql} LIKE ${`%${digits}%`}`] : []),
  ) as SQL;
}

export function orderListWhere(filter: OrderListFilter): SQL | undefined {
  const conditions: SQL[] = [];
  if (filter.q) conditions.push(searchCondition(filter.q));
  if (filter.status) conditions.push(eq(orders.status, filter.status));
  if (filter.refund) conditions.push(refundCondition[filter.refund]);
  if (filter.ship === 'to_ship') conditions.push(toShip);
  if (filter.from) conditions.push(fromDay(orders.createdAt, filter.from));
  if (filter.to) conditions.push(toDay(orders.createdAt, filter.to));
  return conditions.length > 0 ? and(...conditions) : undefined;
}

/** The ordering of each sort as keyset columns (each unique in combination), with the type to read a key back as. */
const KEYS: Record<OrderListParams['sort'], Array<{ expr: SQL; type: string }>> = {
  created: [
    { expr: sql`${orders.createdAt}`, type: 'timestamptz' },
    { expr: sql`${orders.id}`, type: 'uuid' },
  ],
  total: [
    { expr: sql`${orders.totalAmount}`, type: 'integer' },
    { expr: sql`${orders.createdAt}`, type: 'timestamptz' },
    { expr: sql`${orders.id}`, type: 'uuid' },
  ],
  // Numbers are SO-<sequence>: shorter is older, so length first keeps SO-999999 before SO-1000000.
  number: [
    { expr: sql`length(${orders.number})`, type: 'integer' },
    { expr: sql`${orders.number}`, type: 'text' },
    { expr: sql`${orders.id}`, type: 'uuid' },
  ],
  // In the order of the lifecycle (the enum's order), newest first within a status when descending.
  status: [
    { expr: sql`${orders.status}`, type: 'order_status' },
    { expr: sql`${orders.createdAt}`, type: 'timestamptz' },
    { expr: sql`${orders.id}`, type: 'uuid' },
  ],
};

function orderBy(sort: OrderListParams['sort'], dir: OrderListParams['dir']): SQL[] {
  return KEYS[sort].map((key) => (dir === 'asc' ? sql`${key.expr} ASC` : sql`${key.expr} DESC`));
}

const paymentReference = sql<string | null>`(
  SELECT p.reference FROM payments p WHERE p.order_id = orders.id ORDER BY p.created_at DESC, p.id DESC LIMIT 1
)`;

/** One page of the list; a page past the end is the last page. */
export async function listOrdersForAdmin(db: DbOrTx, query: OrderListParams): Promise<ListPage<OrderListRow>> {
  const where = orderListWhere(query);
  const [counted] = await db.select({ total: count() }).from(orders).where(where);
  const total = counted?.total ?? 0;
  const page = Math.min(query.page, Math.max(1, Math.ceil(total / query.pageSize)));
  const rows = await db
    .select({
      id: orders.id,
      number: orders.number,
      email: orders.email,
      customerId: orders.userId,
      customerName: users.name,
      shippingName: sql<string>`${orders.shippingAddress} ->> 'fullName'`,
      phone: sql<string>`${orders.shippingAddress} ->> 'phone'`,
      status: orders.status,
      currency: orders.currency,
      totalAmount: orders.totalAmount,
      refundedAmount: orders.refundedAmount,
      paymentReference,
      refundAttention: refundNeedsAttention,
      createdAt: orders.createdAt,
    })
    .from(orders)
    .leftJoin(users, eq(users.id, orders.userId))
    .where(where)
    .orderBy(...orderBy(query.sort, query.dir))
    .limit(query.pageSize)
    .offset((page - 1) * query.pageSize);
  return listPage(
    rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
    total,
    { page, pageSize: query.pageSize },
  );
}

/** One line of the CSV export: times already in Lagos wall-clock time, money in minor units. */
export interface OrderExportRow {
  number: string;
  placedAt: string;
  paidAt: string | null;
  status: OrderStatus;
  email: string;
  customerName: string | null;
  shippingName: string;
  deliveryOption: string;
  /** The settings in force when it was placed: the delivery option's words as sold. */
  settingsSnapshot: OrderSettingsSnapshot | null;
  shippingAddress: ShippingAddress;
  /** "2 × Product – Variant (SKU)" per line, joined by "; ". */
  items: string;
  paymentReference: string | null;
  currency: CurrencyCode;
  subtotalAmount: number;
  shippingAmount: number;
  totalAmount: number;
  refundedAmount: number;
}

/** The order's lines as one cell, in a stable order (order_items has no position of its own). */
const orderItemsText = sql<string | null>`(
  SELECT string_agg(i.quantity || ' × ' || i.product_title || ' – ' || i.variant_title || ' (' || i.sku || ')', '; '
    ORDER BY i.product_title, i.variant_title, i.sku)
  FROM order_items i WHERE i.order_id = orders.id
)`;

/** Where the previous batch ended: its last row's keys, as text. */
export type ExportPosition = string[];

const lagosTime = <T extends string | null = string>(column: SQL) => sql<T>`to_char(${column} AT TIME ZONE ${SHOP_TIME_ZONE}, 'YYYY-MM-DD HH24:MI:SS')`;

/**
 * The next `limit` rows of the export after `after` (null: from the start), in the list's order. Keys are read back
 * as text (a timestamptz keeps microseconds a JS Date would lose) and compared as a row, so a batch is one index-
 * friendly query and no row is skipped or repeated between batches.
 */
export async function orderExportBatch(
  db: DbOrTx,
  query: OrderListParams,
  after: ExportPosition | null,
  limit: number,
): Promise<{ rows: OrderExportRow[]; last: ExportPosition | null }> {
  const keys = KEYS[query.sort];
  const conditions = [orderListWhere(query)];
  if (after) {
    const columns = sql.join(
      keys.map((key) => key.expr),
      sql`, `,
    );
    const values = sql.join(
      keys.map((key, index) => sql`${after[index]}::${sql.raw(key.type)}`),
      sql`, `,
    );
    conditions.push(query.dir === 'asc' ? sql`(${columns}) > (${values})` : sql`(${columns}) < (${values})`);
  }
  const keyFields = Object.fromEntries(keys.map((key, index) => [`key${index}`, sql<string>`(${key.expr})::text`]));
  const rows = await db
    .select({
      number: orders.number,
      placedAt: lagosTime<string>(sql`${orders.createdAt}`),
      paidAt: lagosTime<string | null>(sql`${orders.paidAt}`),
      status: orders.status,
      email: orders.email,
      customerName: users.name,
      shippingName: sql<string>`${orders.shippingAddress} ->> 'fullName'`,
      deliveryOption: orders.deliveryOption,
      settingsSnapshot: orders.settingsSnapshot,
      shippingAddress: orders.shippingAddress,
      items: orderItemsText,
      paymentReference,
      currency: orders.currency,
      subtotalAmount: orders.subtotalAmount,
      shippingAmount: orders.shippingAmount,
      totalAmount: orders.totalAmount,
      refundedAmount: orders.refundedAmount,
      ...keyFields,
    })
    .from(orders)
    .leftJoin(users, eq(users.id, orders.userId))
    .where(and(...conditions))
    .orderBy(...orderBy(query.sort, query.dir))
    .limit(limit);
  const lastRow = rows.at(-1) as Record<string, unknown> | undefined;
  return {
    rows: rows.map(
      ({
        number,
        placedAt,
        paidAt,
        status,
        email,
        customerName,
        shippingName,
        deliveryOption,
        settingsSnapshot,
        shippingAddress,
        items,
        paymentReference,
        currency,
        ...amounts
      }) => ({
        number,
        placedAt,
        paidAt,
        status,
        email,
        customerName,
        shippingName,
        deliveryOption,
        settingsSnapshot,
        shippingAddress,
        items: items ?? '',
        paymentReference,
        currency,
        subtotalAmount: amounts.subtotalAmount,
        shippingAmount: amounts.shippingAmount,
        totalAmount: amounts.totalAmount,
        refundedAmount: amounts.refundedAmount,
      }),
    ),
    last: lastRow ? keys.map((_, index) => String(lastRow[`key${index}`])) : null,
  };
}
