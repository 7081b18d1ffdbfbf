// Accounts for the admin console (read-only): the customers list (search by name or email, role, sort by joined,
// name, email, orders or lifetime value) and one account with its orders. Lifetime value is what the account's paid
// orders came to minus what was refunded on them, per currency. Callers authorise the admin first.
import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { type ListPage, type ListPaging, listPage } from '../../lib/core/list-query';
import type { UserRole } from '../schema/users';
import type { Money } from '../../lib/core/money';
import type { OrderStatus } from '../schema/orders';
import type { DbOrTx } from '../client';
import { orders, users } from '../schema';
import { likeContaining } from './admin-ops-sql';
import { PAID_ORDER_STATUSES } from './admin-order-list';

/** What this read takes from the list's URL query (parsed by lib/admin/customer-list-query.ts; its output must fit). */
export interface CustomerListParams extends ListPaging<'joined' | 'name' | 'email' | 'orders' | 'value'> {
  role?: UserRole | undefined;
}

/** One account in the list, as JSON. */
export interface CustomerListRow {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  joinedAt: string;
  /** Every order placed signed in to this account, paid or not. */
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

// Subqueries name the outer row literally (users.id): in a one-table select list Drizzle leaves a column unqualified,
// and inside `FROM orders o` a bare "id" would be the order's.
const orderCount = sql<number>`(SELECT count(*) FROM orders o WHERE o.user_id = users.id)::int`;
/** ISO 8601 in UTC, as the JSON route sends it. */
const lastOrderAt = sql<
  string | null
>`to_char((SELECT max(o.created_at) FROM orders o WHERE o.user_id = users.id) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const lifetimeValue = sql<Money[]>`(
  SELECT coalesce(jsonb_agg(jsonb_build_object('currency', v.currency, 'amount', v.amount) ORDER BY v.currency), '[]'::jsonb)
  FROM (
    SELECT o.currency, sum(o.total_amount - o.refunded_amount)::bigint AS amount
    FROM orders o WHERE o.user_id = users.id AND o.status IN (${paidStatuses})
    GROUP BY o.currency
  ) v
)`;
const valueForSort = sql`(
  SELECT coalesce(sum(o.total_amount - o.refunded_amount), 0) FROM orders o
  WHERE o.user_id = users.id AND o.status IN (${paidStatuses}) AND o.currency = ${SORT_CURRENCY}
)`;

const SORTS: Record<CustomerListParams['sort'], SQL> = {
  joined: sql`${users.createdAt}`,
  name: sql`lower(${users.name})`,
  email: sql`${users.email}`,
  orders: orderCount,
  value: valueForSort,
};

export async function listCustomersForAdmin(db: DbOrTx, query: CustomerListParams): Promise<ListPage<CustomerListRow>> {
  const conditions: SQL[] = [];
  if (query.q) conditions.push(or(ilike(users.name, likeContaining(query.q)), ilike(users.email, likeContaining(query.q))) as SQL);
  if (query.role) conditions.push(eq(users.role, query.role));
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const [counted] = await db.select({ total: count() }).from(users).where(where);
  const total = counted?.total ?? 0;
  const page = Math.min(query.page, Math.max(1, Math.ceil(total / query.pageSize)));
  const direction = query.dir === 'asc' ? asc : desc;
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      joinedAt: users.createdAt,
      orders: orderCount,
      lastOrderAt,
      lifetimeValue,
    })
    .from(users)
    .where(where)
    .orderBy(direction(SORTS[query.sort]), direction(users.id))
    .limit(query.pageSize)
    .offset((page - 1) * query.pageSize);
  return listPage(
    rows.map((row) => ({
      ...row,
      joinedAt: row.joinedAt.toISOString(),
      lifetimeValue: row.lifetimeValue.map((value) => ({ currency: value.currency, amount: Number(value.amount) })),
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
  role: CustomerListRow['role'];
  joinedAt: Date;
  lifetimeValue: Money[];
  orderCount: number;
  paidOrderCount: number;
  /** The newest orders, at most `orderLimit`. */
  orders: AdminCustomerOrder[];
}

/** One account with its newest orders; null when there is no such account. */
export async function getAdminCustomer(db: DbOrTx, params: { userId: string; orderLimit?: number }): Promise<AdminCustomer | null> {
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, joinedAt: users.createdAt, lifetimeValue })
    .from(users)
    .where(eq(users.id, params.userId));
  if (!user) return null;
  const [counts, recent] = await Promise.all([
    db
      .select({
        all: count(),
        paid: sql<number>`(count(*) FILTER (WHERE ${inArray(orders.status, [...PAID_ORDER_STATUSES])}))::int`,
      })
      .from(orders)
      .where(eq(orders.userId, user.id)),
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
      .where(eq(orders.userId, user.id))
      .orderBy(desc(orders.createdAt), desc(orders.id))
      .limit(Math.min(Math.max(params.orderLimit ?? 50, 1), 200)),
  ]);
  return {
    ...user,
    lifetimeValue: user.lifetimeValue.map((value) => ({ currency: value.currency, amount: Number(value.amount) })),
    orderCount: counts[0]?.all ?? 0,
    paidOrderCount: counts[0]?.paid ?? 0,
    orders: recent,
  };
}
