// The customers pages' reads against real rows: lifetime value (paid orders' totals minus refunds, per currency;
// unpaid and flagged orders add nothing), the list's search, role filter and sorts, its JSON route behind the admin
// door, and the account page rendering for an admin. Stood in: who is signed in, through the doors' own seam.
import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AdminCustomerPage from '@/app/(admin)/admin/customers/[id]/page';
import { GET } from '@/app/api/admin/customers/route';
import { getAdminCustomer, listCustomersForAdmin } from '@/db/queries/admin-customers';
import { users } from '@/db/schema';
import { customerListQuerySchema } from '@/lib/admin/customer-list-query';
import type { SessionUser } from '@/lib/server/deps/door-deps';
import { withDoorDeps } from '@/lib/server/deps/door-deps';
import { deleteTaggedOrders, fixtureTag, insertOrders } from '../support/admin-order-fixtures';
import { cartTestClients } from '../support/cart-fixtures';
import { request } from '../support/checkout-api-fixtures';
import { signedInAs, through } from '../support/doors';
import { textsIn } from '../support/element-text';

const { db, sql: client } = cartTestClients();
const tag = fixtureTag('cust');
type Row = typeof users.$inferSelect;
let big: Row;
let small: Row;
let none: Row;
let boss: Row;
let admin: SessionUser;

async function account(name: string, role: 'customer' | 'admin' = 'customer') {
  const [row] = await db
    .insert(users)
    .values({ email: `${name.toLowerCase()}.${tag}@example.test`, name: `${name} ${tag}`, passwordHash: 'not-a-real-hash', role })
    .returning();
  return row!;
}

beforeAll(async () => {
  big = await account('Bisi');
  small = await account('Sade');
  none = await account('Nneka');
  boss = await account('Boss', 'admin');
  admin = { id: boss.id, email: boss.email, name: boss.name, role: 'admin' };
  const mine = (user: Row, n: number) => `${user.email.split('@')[0]}.order${n}.${tag}@example.test`;
  await insertOrders(db, [
    { userId: big.id, email: mine(big, 1), status: 'paid', total: 20_000_00 },
    { userId: big.id, email: mine(big, 2), status: 'partially_refunded', total: 50_000_00, refunded: 10_000_00 },
    { userId: big.id, email: mine(big, 3), status: 'refunded', total: 30_000_00, refunded: 30_000_00 },
    { userId: big.id, email: mine(big, 4), status: 'pending_payment', total: 99_000_00 },
    { userId: big.id, email: mine(big, 5), status: 'paid_needs_attention', total: 77_000_00 },
    { userId: big.id, email: mine(big, 6), status: 'fulfilled', total: 2_600_00, currency: 'USD' },
    { userId: small.id, email: mine(small, 1), status: 'paid', total: 5_000_00 },
    { userId: small.id, email: mine(small, 2), status: 'expired', total: 8_000_00 },
  ]);
});

afterAll(async () => {
  await deleteTaggedOrders(db, tag);
  await db.delete(users).where(inArray(users.id, [big.id, small.id, none.id, boss.id]));
  await client.end();
});

const list = (query: Record<string, string> = {}) => listCustomersForAdmin(db, customerListQuerySchema.parse({ q: tag, ...query }));
const names = async (query: Record<string, string> = {}) => (await list(query)).rows.map((row) => row.name.split(' ')[0]);

describe('getAdminCustomer', () => {
  it('sums paid orders minus refunds per currency; unpaid, expired and flagged orders add nothing', async () => {
    const customer = await getAdminCustomer(db, { userId: big.id });
    expect(customer).toMatchObject({
      id: big.id,
      email: big.email,
      role: 'customer',
      orderCount: 6,
      paidOrderCount: 4,
      // 20,000 + (50,000 − 10,000) + (30,000 − 30,000) in naira; the dollar order on its own.
      lifetimeValue: [
        { currency: 'NGN', amount: 60_000_00 },
        { currency: 'USD', amount: 2_600_00 },
      ],
    });
    expect(customer!.orders).toHaveLength(6);
    expect(customer!.orders[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(customer!.orders[5]!.createdAt.getTime());
    expect(await getAdminCustomer(db, { userId: none.id })).toMatchObject({ orderCount: 0, lifetimeValue: [], orders: [] });
    expect(await getAdminCustomer(db, { userId: randomUUID() })).toBeNull();
  });
});

describe('listCustomersForAdmin', () => {
  it('finds accounts by name or email, filters by role, and sorts by value, orders, name and joined', async () => {
    expect(await names({ q: `Sade ${tag}` })).toEqual(['Sade']);
    expect(await names({ q: `NNEKA.${tag}` })).toEqual(['Nneka']);
    expect(await names({ role: 'admin' })).toEqual(['Boss']);
    expect((await names({ sort: 'value', dir: 'desc' })).slice(0, 2)).toEqual(['Bisi', 'Sade']);
    expect((await names({ sort: 'orders', dir: 'desc' })).slice(0, 2)).toEqual(['Bisi', 'Sade']);
    expect(await names({ sort: 'name', dir: 'asc' })).toEqual(['Bisi', 'Boss', 'Nneka', 'Sade']);
    expect(await names({ sort: 'joined', dir: 'asc' })).toEqual(['Bisi', 'Sade', 'Nneka', 'Boss']);
    const [row] = (await list({ q: big.email })).rows;
    expect(row).toEqual({
      kind: 'account',
      id: big.id,
      name: big.name,
      email: big.email,
      role: 'customer',
      joinedAt: big.createdAt.toISOString(),
      orders: 6,
      lastOrderAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      lifetimeValue: [
        { currency: 'NGN', amount: 60_000_00 },
        { currency: 'USD', amount: 2_600_00 },
      ],
    });
  });
});

describe('GET /api/admin/customers and the account page', () => {
  const get = (as: SessionUser | null) => through(GET, () => signedInAs(as))(request('GET', `/api/admin/customers?q=${tag}&sort=name&dir=asc`));

  it('answers an admin with the list; 401 anonymous; 403 customer', async () => {
    const response = await get(admin);
    expect(response.status).toBe(200);
    expect((await response.json()).rows.map((row: { email: string }) => row.email)).toEqual([big.email, boss.email, none.email, small.email]);
    expect((await get(null)).status).toBe(401);
    expect((await get({ id: small.id, email: small.email, name: small.name, role: 'customer' })).status).toBe(403);
  });

  it('renders an account for an admin; an unknown id is a 404', async () => {
    const session = { ...signedInAs(admin), requestHeaders: async () => new Headers() };
    const page = await withDoorDeps(session, () => AdminCustomerPage({ params: Promise.resolve({ id: big.id }) }));
    expect(textsIn(page)).toContain(big.email);
    const missing = await withDoorDeps(session, () => AdminCustomerPage({ params: Promise.resolve({ id: randomUUID() }) })).catch(
      (error: { digest?: string }) => error.digest,
    );
    expect(missing).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404/);
  });
});
