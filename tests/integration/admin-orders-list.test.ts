// The admin orders list against real rows: search by number, email and payment reference; filters by status, refund
// state and placed-between days; each sort in both directions; pages; and its JSON route behind the admin door.
// Orders are written straight into the database (tests/support/admin-order-fixtures.ts): this is about finding them.
// Every query also searches this file's tag, so orders other test files make at the same time never show up here.
// Stood in: who is signed in, through the doors' own seam.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/admin/orders/route';
import { listOrdersForAdmin, orderExportBatch } from '@/db/queries/admin-order-list';
import { orderListQuerySchema } from '@/lib/admin/order-list-query';
import type { SessionUser } from '@/lib/server/deps/door-deps';
import { deleteTaggedOrders, fixtureTag, type InsertedOrder, insertOrders } from '../support/admin-order-fixtures';
import { cartTestClients, createFixtureUser, deleteFixtureUsers } from '../support/cart-fixtures';
import { request } from '../support/checkout-api-fixtures';
import { signedInAs, through } from '../support/doors';

const { db, sql: client, redis } = cartTestClients();
const tag = fixtureTag('olist');
const email = (name: string) => `${name}.${tag}@example.test`;
const userIds: string[] = [];
let admin: SessionUser;
let customer: SessionUser;
let made: Record<'ada' | 'bola' | 'chi' | 'dayo' | 'emeka' | 'funmi', InsertedOrder>;

const list = (query: Record<string, string> = {}) => listOrdersForAdmin(db, orderListQuerySchema.parse({ q: tag, pageSize: '100', ...query }));
const numbers = async (query: Record<string, string> = {}) => (await list(query)).rows.map((row) => row.number);

beforeAll(async () => {
  const [adminRow, customerRow] = [await createFixtureUser(db, 'admin'), await createFixtureUser(db, 'customer')];
  userIds.push(adminRow.id, customerRow.id);
  admin = { id: adminRow.id, email: adminRow.email, name: adminRow.name, role: 'admin' };
  customer = { id: customerRow.id, email: customerRow.email, name: customerRow.name, role: 'customer' };
  // Oldest first: ada placed 10 Lagos days ago … funmi today.
  const [ada, bola, chi, dayo, emeka, funmi] = await insertOrders(db, [
    { email: email('ada'), status: 'paid', total: 30_000_00, daysAgo: 10 },
    { email: email('bola'), status: 'pending_payment', total: 12_500_00, daysAgo: 6 },
    {
      email: email('chi'),
      status: 'partially_refunded',
      total: 50_000_00,
      refunded: 10_000_00,
      daysAgo: 4,
      refunds: [{ status: 'processed', amount: 10_000_00 }],
    },
    // A refund that failed and nothing since: needs a person.
    { email: email('dayo'), status: 'paid', total: 22_000_00, daysAgo: 3, refunds: [{ status: 'failed', amount: 5_000_00 }] },
    // A refund that failed, then a new one on its way: settled by the admin, but still in progress.
    {
      email: email('emeka'),
      status: 'paid',
      total: 41_000_00,
      daysAgo: 2,
      refunds: [
        { status: 'failed', amount: 5_000_00 },
        { status: 'pending', amount: 5_000_00 },
      ],
    },
    { email: email('funmi'), status: 'paid_needs_attention', total: 18_000_00, daysAgo: 0, refunds: [{ status: 'needs_attention', amount: 18_000_00 }] },
  ]);
  made = { ada: ada!, bola: bola!, chi: chi!, dayo: dayo!, emeka: emeka!, funmi: funmi! };
});

afterAll(async () => {
  await deleteTaggedOrders(db, tag);
  await deleteFixtureUsers(db, redis, userIds);
  await client.end();
});

describe('listOrdersForAdmin', () => {
  it('finds an order by part of its number, by email in any case, and by payment reference', async () => {
    const byNumber = await listOrdersForAdmin(db, orderListQuerySchema.parse({ q: made.chi.number.slice(-6) }));
    expect(byNumber.rows.map((row) => row.id)).toContain(made.chi.id);
    const byEmail = await listOrdersForAdmin(db, orderListQuerySchema.parse({ q: `BOLA.${tag.toUpperCase()}` }));
    expect(byEmail.rows.map((row) => row.id)).toEqual([made.bola.id]);
    const byReference = await listOrdersForAdmin(db, orderListQuerySchema.parse({ q: made.dayo.reference!.slice(4) }));
    expect(byReference.rows).toEqual([expect.objectContaining({ id: made.dayo.id, paymentReference: made.dayo.reference })]);
    // % and _ are literal characters, not patterns.
    expect((await listOrdersForAdmin(db, orderListQuerySchema.parse({ q: `${tag}%` }))).total).toBe(0);
  });

  it('answers each row with what the table shows, dates as ISO strings', async () => {
    const [row] = (await list({ q: made.chi.number })).rows;
    expect(row).toEqual({
      id: made.chi.id,
      number: made.chi.number,
      email: email('chi'),
      customerId: null,
      customerName: null,
      shippingName: 'Admin Fixture',
      phone: '08031234567',
      status: 'partially_refunded',
      currency: 'NGN',
      totalAmount: 50_000_00,
      refundedAmount: 10_000_00,
      paymentReference: made.chi.reference,
      refundAttention: false,
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
  });

  it('filters by status and by refund state', async () => {
    expect(await numbers({ status: 'paid' })).toEqual([made.emeka.number, made.dayo.number, made.ada.number]);
    expect(await numbers({ status: 'paid_needs_attention' })).toEqual([made.funmi.number]);
    // Needs a person: a needs_attention refund, or a failed one with no refund started after it (emeka's was retried).
    expect(await numbers({ refund: 'attention' })).toEqual([made.funmi.number, made.dayo.number]);
    expect(await list({ refund: 'attention' })).toMatchObject({ total: 2, rows: [{ refundAttention: true }, { refundAttention: true }] });
    expect(await numbers({ refund: 'in_progress' })).toEqual([made.emeka.number]);
    expect(await numbers({ refund: 'any' })).toEqual([made.funmi.number, made.emeka.number, made.dayo.number, made.chi.number]);
    expect(await numbers({ refund: 'none' })).toEqual([made.bola.number, made.ada.number]);
    expect(await numbers({ status: 'paid', refund: 'none' })).toEqual([made.ada.number]);
    // Unknown values are dropped, not an error: the list shows everything.
    expect(await numbers({ status: 'shipped', refund: 'maybe' })).toHaveLength(6);
  });

  it('filters by the Lagos days the orders were placed on, both ends inclusive', async () => {
    const day = async (daysAgo: number) =>
      (
        (await db.execute(sql`SELECT to_char((now() AT TIME ZONE 'Africa/Lagos')::date - ${daysAgo}::int, 'YYYY-MM-DD') AS day`)) as unknown as Array<{
          day: string;
        }>
      )[0]!.day;
    expect(await numbers({ from: await day(4), to: await day(2) })).toEqual([made.emeka.number, made.dayo.number, made.chi.number]);
    expect(await numbers({ from: await day(3) })).toEqual([made.funmi.number, made.emeka.number, made.dayo.number]);
    expect(await numbers({ to: await day(6) })).toEqual([made.bola.number, made.ada.number]);
    // A day that does not exist is ignored rather than refused by the database.
    expect(await numbers({ from: '2026-02-31' })).toHaveLength(6);
  });

  it('sorts by placed, total, number and status in both directions', async () => {
    const all = [made.ada, made.bola, made.chi, made.dayo, made.emeka, made.funmi].map((order) => order.number);
    expect(await numbers()).toEqual([...all].reverse());
    expect(await numbers({ sort: 'created', dir: 'asc' })).toEqual(all);
    expect(await numbers({ sort: 'total', dir: 'desc' })).toEqual([made.chi, made.emeka, made.ada, made.dayo, made.funmi, made.bola].map((o) => o.number));
    expect(await numbers({ sort: 'total', dir: 'asc' })).toEqual([made.bola, made.funmi, made.dayo, made.ada, made.emeka, made.chi].map((o) => o.number));
    expect(await numbers({ sort: 'number', dir: 'asc' })).toEqual([...all].sort());
    expect(await numbers({ sort: 'number', dir: 'desc' })).toEqual([...all].sort().reverse());
    // Statuses in lifecycle order (pending → paid → … → needs attention), newest first within one when descending.
    expect(await numbers({ sort: 'status', dir: 'asc' })).toEqual([made.bola, made.ada, made.dayo, made.emeka, made.chi, made.funmi].map((o) => o.number));
    expect(await numbers({ sort: 'status', dir: 'desc' })).toEqual([made.funmi, made.chi, made.emeka, made.dayo, made.ada, made.bola].map((o) => o.number));
  });

  it('is walked by the CSV export in the same order, batch after batch, for every sort and direction', async () => {
    for (const sort of ['created', 'total', 'number', 'status'] as const) {
      for (const dir of ['asc', 'desc'] as const) {
        const query = orderListQuerySchema.parse({ q: tag, sort, dir });
        const walked: string[] = [];
        let after: string[] | null = null;
        // Two rows a batch: every key type (timestamp, integer, text, enum, uuid) is read back and compared.
        for (let batch = 0; batch < 10; batch += 1) {
          const next: Awaited<ReturnType<typeof orderExportBatch>> = await orderExportBatch(db, query, after, 2);
          walked.push(...next.rows.map((row) => row.number));
          if (next.rows.length < 2) break;
          after = next.last;
        }
        expect(walked, `${sort} ${dir}`).toEqual(await numbers({ sort, dir }));
      }
    }
  });

  it('pages through the results; a page past the end is the last page', async () => {
    const first = await listOrdersForAdmin(db, orderListQuerySchema.parse({ q: tag, pageSize: '25' }));
    expect(first).toMatchObject({ total: 6, page: 1, pageSize: 25, pageCount: 1 });
    const past = await listOrdersForAdmin(db, orderListQuerySchema.parse({ q: tag, page: '9' }));
    expect(past.page).toBe(1);
    expect(past.rows).toHaveLength(6);
  });
});

describe('GET /api/admin/orders', () => {
  const get = (as: SessionUser | null, query: string) => through(GET, () => signedInAs(as))(request('GET', `/api/admin/orders?${query}`));

  it('answers an admin with the page the URL asks for', async () => {
    const response = await get(admin, new URLSearchParams({ q: tag, status: 'paid', sort: 'total', dir: 'asc' }).toString());
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = await response.json();
    expect(body).toMatchObject({ total: 3, page: 1, pageSize: 25, pageCount: 1 });
    expect(body.rows.map((row: { number: string }) => row.number)).toEqual([made.dayo.number, made.ada.number, made.emeka.number]);
  });

  it('answers 401 to an anonymous caller and 403 to a customer', async () => {
    const anonymous = await get(null, `q=${tag}`);
    expect(anonymous.status).toBe(401);
    const byCustomer = await get(customer, `q=${tag}`);
    expect(byCustomer.status).toBe(403);
    expect(await byCustomer.json()).toMatchObject({ error: { code: 'forbidden' } });
  });
});
