// Customers for the admin console: the list — accounts and guests (orders placed signed out, grouped by email) together,
// searched by name or email, filtered by role or to guests, sorted by joined, name, email, orders or lifetime value —
// one account with its orders, and one guest with theirs. Lifetime value is what the account's paid
// orders came to minus what was refunded on them, per currency. Callers authorise the admin first.
import { and, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { type ListPage, type ListPaging, listPage } from '../../lib/core/list-query';
import type { UserRole } from '../schema/users';
import type { Money } from '../../lib/core/money';
import type { OrderStatus } from '../schema/orders';
import type { DbOrTx } from '../client';
import { orders, users } from '../schema';
import { likeContaining } from './admin-ops-sql';
import { PAID_ORDER_STATUSES } from './admin-order-list';

/** Who a row of the list is: an account, or the guest checkouts placed with one email that has no account. */
export type CustomerKind = 'account' | 'guest';
/** The role filter: an account's role, or `guest`. */
export type CustomerListRole = UserRole | 'guest';

/** What this read takes from the list's URL query (parsed by lib/admin/customer-list-query.ts; its output must fit). */
export interface CustomerListParams extends ListPaging<'joined' | 'name' | 'email' | 'orders' | 'value'> {
  role?: CustomerListRole | undefined;
}

/** One customer in the list, as JSON: an account, or a guest grouped by the email their orders were placed with. */
export interface CustomerListRow {
  kind: CustomerKind;
  /** The account's id; null for a guest (a guest is known by email). */
  id: string | null;
  /** The account's name; for a guest, the name on their newest order. */
  name: string;
  email: string;
  role: CustomerListRole;
  /** When the account was made; for a guest, their first order. */
  joinedAt: string;
  /** Every order placed signed in to this account (or, for a guest, as a guest with this email), paid or not. */
  orders: number;
  lastOrderAt: string | null;
  /** Paid orders' totals minus what was refunded, per currency (usually one; none when nothing was bought). */
  lifetimeValue: Money[];
}

/** The shop's currency: sorting by value compares amounts in it (amounts in different currencies cannot be compared). */
const SORT_CURRENCY = 'NGN';

const paidStatuses = sql.join(
  PAID_ORDER_STATUSES.map((status) => sql`${status}`),
  sql`, `,
);

/** ISO 8601 in UTC, as the JSON route sends it. */
const iso = (expr: SQL) => sql`to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Lifetime value per currency of the orders `which` selects (a condition on `o`). */
const lifetimeValueOf = (which: SQL) => sql`(
  SELECT coalesce(jsonb_agg(jsonb_build_object('currency', v.currency, 'amount', v.amount) ORDER BY v.currency), '[]'::jsonb)
  FROM (
    SELECT o.currency, sum(o.total_amount - o.refunded_amount)::bigint AS amount
    FROM orders o WHERE ${which} AND o.status IN (${paidStatuses})
    GROUP BY o.currency
  ) v
)`;
const valueForSortOf = (which: SQL) => sql`(
  SELECT coalesce(sum(o.total_amount - o.refunded_amount), 0) FROM orders o
  WHERE ${which} AND o.status IN (${paidStatuses}) AND o.currency = ${SORT_CURRENCY}
)`;

// Subqueries name the outer row literally (users.id): in a one-table select list Drizzle leaves a column unqualified,
// and inside `FROM orders o` a bare "id" would be the order's.
const ofAccount = sql`o.user_id = users.id`;
const lifetimeValue = sql<Money[]>`${lifetimeValueOf(ofAccount)}`;

/**
 * Guests: orders placed signed out, grouped by email, when no account has that email (an account's own page links to
 * every order placed with its email, guest checkouts included). Emails are stored lower-cased by checkout; lower()
 * here keeps older rows together too.
 */
const ofGuest = sql`o.user_id IS NULL AND lower(o.email) = g.email`;
const customersUnion = sql`(
  SELECT 'account' AS kind, users.id::text AS id, users.name, users.email, users.role::text AS role, users.created_at AS joined_at,
    (SELECT count(*) FROM orders o WHERE ${ofAccount})::int AS orders,
    (SELECT max(o.created_at) FROM orders o WHERE ${ofAccount}) AS last_order_at,
    ${lifetimeValueOf(ofAccount)} AS lifetime_value,
    ${valueForSortOf(ofAccount)} AS sort_value
  FROM users
  UNION ALL
  SELECT 'guest', NULL, g.name, g.email, 'guest', g.joined_at, g.orders, g.last_order_at,
    ${lifetimeValueOf(ofGuest)}, ${valueForSortOf(ofGuest)}
  FROM (
    SELECT lower(o.email) AS email, (array_agg(o.shipping_address ->> 'fullName' ORDER BY o.created_at DESC))[1] AS name,
      min(o.created_at) AS joined_at, count(*)::int AS orders, max(o.created_at) AS last_order_at
    FROM orders o
    WHERE o.user_id IS NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE lower(u.email) = lower(o.email))
    GROUP BY lower(o.email)
  ) g
)`;

const SORTS: Record<CustomerListParams['sort'], SQL> = {
  joined: sql`c.joined_at`,
  name: sql`lower(c.name)`,
  email: sql`c.email`,
  orders: sql`c.orders`,
  value: sql`c.sort_value`,
};

interface RawCustomerRow {
  kind: CustomerKind;
  id: string | null;
  name: string;
  email: string;
  role: CustomerListRole;
  joined_at: string;
  orders: number;
  last_order_at: string | null;
  lifetime_value: Array<{ currency: Money['currency']; amount: number | string }>;
  total: number;
}

/** One page of accounts and guests together, searched by name or email, filtered by role (or guests), sorted. */
export async function listCustomersForAdmin(db: DbOrTx, query: CustomerListParams): Promise<ListPage<CustomerListRow>> {
  const conditions: SQL[] = [];
  if (query.q) conditions.push(sql`(c.name ILIKE ${likeContaining(query.q)} OR c.email ILIKE ${likeContaining(query.q)})`);
  if (query.role) conditions.push(sql`c.role = ${query.role}`);
  const where = conditions.length > 0 ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
  const direction = query.dir === 'asc' ? sql`ASC` : sql`DESC`;
  const [counted] = await db.execute<{ total: number }>(sql`SELECT count(*)::int AS total FROM ${customersUnion} c ${where}`);
  const total = counted?.total ?? 0;
  const page = Math.min(query.page, Math.max(1, Math.ceil(total / query.pageSize)));
  const rows = await db.execute<Omit<RawCustomerRow, 'total'>>(sql`
    SELECT c.kind, c.id, c.name, c.email, c.role, ${iso(sql`c.joined_at`)} AS joined_at, c.orders,
      ${iso(sql`c.last_order_at`)} AS last_order_at, c.lifetime_value
    FROM ${customersUnion} c ${where}
    ORDER BY ${SORTS[query.sort]} ${direction}, c.kind ${direction}, c.id ${direction}, c.email ${direction}
    LIMIT ${query.pageSize} OFFSET ${(page - 1) * query.pageSize}
  `);
  return listPage(
    [...rows].map((row) => ({
      kind: row.kind,
      id: row.id,
      name: row.name,
      email: row.email,
      role: row.role,
      joinedAt: row.joined_at,
      orders: Number(row.orders),
      lastOrderAt: row.last_order_at,
      lifetimeValue: row.lifetime_value.map((value) => ({ currency: value.currency, amount: Number(value.amount) })),
    })),
    total,
    { page, pageSize: query.pageSize },
  );
}

export interface AdminCustomerOrder {
  id: string;
  number: string;
  status: OrderStatus;
  currency: Money['currency'];
  totalAmount: number;
  refundedAmount: number;
  createdAt: Date;
  paidAt: Date | null;
}

export interface AdminCustomer {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  joinedAt: Date;
  lifetimeValue: Money[];
  orderCount: number;
  paidOrderCount: number;
  /** The newest orders, at most `orderLimit`. */
  orders: AdminCustomerOrder[];
}

/** Counts and the newest orders of the orders `where` selects. */
async function ordersOf(db: DbOrTx, where: SQL | undefined, orderLimit: number | undefined) {
  const [counts, recent] = await Promise.all([
    db
      .select({
        all: count(),
        paid: sql<number>`(count(*) FILTER (WHERE ${inArray(orders.status, [...PAID_ORDER_STATUSES])}))::int`,
      })
      .from(orders)
      .where(where),
    db
      .select({
        id: orders.id,
        number: orders.number,
        status: orders.status,
        currency: orders.currency,
        totalAmount: orders.totalAmount,
        refundedAmount: orders.refundedAmount,
        createdAt: orders.createdAt,
        paidAt: orders.paidAt,
      })
      .from(orders)
      .where(where)
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(Math.min(Math.max(orderLimit ?? 50, 1), 200)),
  ]);
  return { orderCount: counts[0]?.all ?? 0, paidOrderCount: counts[0]?.paid ?? 0, orders: recent };
}

const moneyList = (values: Array<{ currency: Money['currency']; amount: number | string }>): Money[] =>
  values.map((value) => ({ currency: value.currency, amount: Number(value.amount) }));

/** One account with its newest orders; null when there is no such account. */
export async function getAdminCustomer(db: DbOrTx, params: { userId: string; orderLimit?: number }): Promise<AdminCustomer | null> {
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, joinedAt: users.createdAt, lifetimeValue })
    .from(users)
    .where(eq(users.id, params.userId));
  if (!user) return null;
  return { ...user, lifetimeValue: moneyList(user.lifetimeValue), ...(await ordersOf(db, eq(orders.userId, user.id), params.orderLimit)) };
}

export interface AdminGuestCustomer {
  email: string;
  /** The name on their newest order. */
  name: string;
  phone: string | null;
  firstOrderAt: Date;
  lifetimeValue: Money[];
  orderCount: number;
  paidOrderCount: number;
  orders: AdminCustomerOrder[];
}

export type GuestLookup = { kind: 'guest'; guest: AdminGuestCustomer } | { kind: 'account'; userId: string } | { kind: 'none' };

/**
 * A guest known by the email their orders were placed with (signed out). An email that belongs to an account is that
 * account's (`kind: 'account'`: the page sends the admin there); an email with no guest order is `none`.
 */
export async function getAdminGuestCustomer(db: DbOrTx, params: { email: string; orderLimit?: number }): Promise<GuestLookup> {
  const email = params.email.toLowerCase();
  const [account] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
  if (account) return { kind: 'account', userId: account.id };
  const guestOrders = and(isNull(orders.userId), sql`lower(${orders.email}) = ${email}`);
  const [summary] = await db
    .select({
      name: sql<string>`(array_agg(${orders.shippingAddress} ->> 'fullName' ORDER BY ${orders.createdAt} DESC))[1]`,
      phone: sql<string | null>`(array_agg(${orders.shippingAddress} ->> 'phone' ORDER BY ${orders.createdAt} DESC))[1]`,
      firstOrderAt: sql<string>`${iso(sql`min(${orders.createdAt})`)}`,
      count: count(),
    })
    .from(orders)
    .where(guestOrders);
  if (!summary || summary.count === 0) return { kind: 'none' };
  const [value] = await db.execute<{ lifetime_value: Array<{ currency: Money['currency']; amount: number | string }> }>(
    sql`SELECT ${lifetimeValueOf(sql`o.user_id IS NULL AND lower(o.email) = g.email`)} AS lifetime_value FROM (SELECT ${email}::text AS email) g`,
  );
  return {
    kind: 'guest',
    guest: {
      email,
      name: summary.name,
      phone: summary.phone,
      firstOrderAt: new Date(summary.firstOrderAt),
      lifetimeValue: moneyList(value?.lifetime_value ?? []),
      ...(await ordersOf(db, guestOrders, params.orderLimit)),
    },
  };
}
