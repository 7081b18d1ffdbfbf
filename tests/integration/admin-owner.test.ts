// What a shop owner looks for, against real rows: orders found by the customer's name (on the order or the account)
// and phone (however it is typed) as well as number, email and reference — in the list and `GET /api/admin/orders?q=`;
// internal notes on orders and customers (admins only, audited, never in the shopper's order page or API); guests under
// Customers, grouped by email with their orders; the CSV's phone, delivery, address and items with the list's customer
// label; and the audit log's entries read in words. Stood in: who is signed in, through the doors' own seam.
import { randomInt, randomUUID } from 'node:crypto';
import { and, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AdminCustomerGuestPage from '@/app/(admin)/admin/customers/guest/page';
import { addCustomerNoteAction } from '@/app/(admin)/admin/customers/actions';
import AdminOrderPage from '@/app/(admin)/admin/orders/[id]/page';
import { addOrderNoteAction } from '@/app/(admin)/admin/orders/[id]/note-actions';
import ShopperOrderPage from '@/app/(shop)/orders/[id]/page';
import { GET as auditRoute } from '@/app/api/admin/audit/route';
import { GET as customersRoute } from '@/app/api/admin/customers/route';
import { GET as notesGet, POST as notesPost } from '@/app/api/admin/orders/[id]/notes/route';
import { GET as exportRoute } from '@/app/api/admin/orders/export.csv/route';
import { GET as ordersRoute } from '@/app/api/admin/orders/route';
import { GET as shopperOrderRoute } from '@/app/api/orders/[id]/route';
import { getAdminGuestCustomer, listCustomersForAdmin } from '@/db/queries/admin-customers';
import { listCustomerNotes } from '@/db/queries/admin-notes';
import { listOrdersForAdmin } from '@/db/queries/admin-order-list';
import { auditLogs, customerNotes, orderItems, users } from '@/db/schema';
import { changeLines, describeChange } from '@/lib/admin/audit-change';
import { customerListQuerySchema } from '@/lib/admin/customer-list-query';
import { orderCustomerLabel, orderListQuerySchema } from '@/lib/admin/order-list-query';
import { recordAudit } from '@/lib/audit/record-audit';
import type { SessionUser } from '@/lib/server/deps/door-deps';
import { withDoorDeps } from '@/lib/server/deps/door-deps';
import { deleteTaggedOrders, fixtureTag, type InsertedOrder, insertOrders } from '../support/admin-order-fixtures';
import { cartTestClients, createFixtureCatalogue } from '../support/cart-fixtures';
import { request } from '../support/checkout-api-fixtures';
import { signedInAs, through } from '../support/doors';
import { textsIn } from '../support/element-text';

const { db, sql: client } = cartTestClients();
const tag = fixtureTag('owner');
// A phone no other test uses: the search is not scoped to this file's rows.
const phoneTail = String(randomInt(1_000_000, 9_999_999));
const ngoziPhone = { stored: `+234809${phoneTail}`, local: `0809${phoneTail}` };
const email = (name: string) => `${name}.${tag}@example.test`;

let admin: SessionUser;
let shopper: SessionUser;
let stranger: SessionUser;
let ngozi1: InsertedOrder;
let ngozi2: InsertedOrder;
let tunde: InsertedOrder;
let chiamakaOrder: InsertedOrder;
let catalogue: Awaited<ReturnType<typeof createFixtureCatalogue>>;
const userIds: string[] = [];

async function user(name: string, role: 'customer' | 'admin', address: string) {
  const [row] = await db.insert(users).values({ email: address, name, passwordHash: 'not-a-real-hash', role }).returning();
  userIds.push(row!.id);
  return { id: row!.id, email: row!.email, name: row!.name, role } satisfies SessionUser;
}

beforeAll(async () => {
  admin = await user('Owner Admin', 'admin', `admin-${randomUUID().slice(0, 8)}@example.test`);
  shopper = await user(`Chiamaka Obi ${tag}`, 'customer', email('chiamaka'));
  stranger = await user('Stranger', 'customer', `stranger-${randomUUID().slice(0, 8)}@example.test`);
  catalogue = await createFixtureCatalogue(db, 'owner', [
    { stock: 10, priceAmount: 150_000 },
    { stock: 10, priceAmount: 90_000 },
  ]);
  [ngozi1, ngozi2, tunde, chiamakaOrder] = (await insertOrders(db, [
    { email: email('ngozi'), status: 'paid', total: 30_000_00, daysAgo: 3, address: { fullName: `Ngozi Eze ${tag}`, phone: ngoziPhone.stored } },
    {
      email: email('ngozi'),
      status: 'partially_refunded',
      total: 10_000_00,
      refunded: 2_000_00,
      daysAgo: 1,
      deliveryOption: 'pickup',
      address: { fullName: `Ngozi E. ${tag}`, phone: ngoziPhone.local },
    },
    { email: email('tunde'), status: 'pending_payment', total: 5_000_00, address: { fullName: `Tunde Bello ${tag}`, phone: '07035550123' } },
    // An account's order, shipped to someone else: the account's name is the customer.
    { email: email('chiamaka'), userId: shopper.id, status: 'paid', total: 12_000_00, address: { fullName: `Gift Recipient ${tag}`, phone: '08120009999' } },
    // A guest checkout with the account's email: it belongs to the account's page, not a guest row of its own.
    { email: email('chiamaka'), status: 'paid', total: 7_000_00 },
  ])) as [InsertedOrder, InsertedOrder, InsertedOrder, InsertedOrder];
  const [v0, v1] = catalogue.variants as [(typeof catalogue.variants)[0], (typeof catalogue.variants)[0]];
  await db.insert(orderItems).values([
    {
      orderId: ngozi1.id,
      variantId: v0.id,
      productTitle: catalogue.product.title,
      variantTitle: v0.title,
      sku: v0.sku,
      unitPriceAmount: 150_000,
      quantity: 2,
      lineTotalAmount: 300_000,
    },
    {
      orderId: ngozi1.id,
      variantId: v1.id,
      productTitle: catalogue.product.title,
      variantTitle: v1.title,
      sku: v1.sku,
      unitPriceAmount: 90_000,
      quantity: 1,
      lineTotalAmount: 90_000,
    },
  ]);
});

afterAll(async () => {
  await deleteTaggedOrders(db, tag);
  await catalogue.cleanup();
  await db.delete(customerNotes).where(like(customerNotes.customerEmail, `%${tag}%`));
  await db.delete(users).where(inArray(users.id, userIds));
  await client.end();
});

const session = (as: SessionUser | null) => ({ ...signedInAs(as), requestHeaders: async () => new Headers() });
const numbers = async (q: string) =>
  (await listOrdersForAdmin(db, orderListQuerySchema.parse({ q, sort: 'created', dir: 'asc' }))).rows.map((row) => row.number);
const orderContext = (id: string) => ({ params: Promise.resolve({ id }) });

describe('order search', () => {
  it('finds orders by the name on the order or on the account, and by phone however it is typed', async () => {
    expect(await numbers(`Ngozi Eze ${tag}`)).toEqual([ngozi1.number]);
    expect(await numbers(`ngozi e`)).toEqual(expect.arrayContaining([ngozi1.number, ngozi2.number]));
    expect(await numbers(`Chiamaka Obi ${tag}`)).toEqual([chiamakaOrder.number]);
    expect(await numbers(`Gift Recipient ${tag}`)).toEqual([chiamakaOrder.number]);
    // Stored once as +234…, once as 0…; typed with spaces, as +234, or without the prefix.
    for (const typed of [`0809 ${phoneTail.slice(0, 3)} ${phoneTail.slice(3)}`, ngoziPhone.stored, `809-${phoneTail}`, `234809${phoneTail}`]) {
      expect(await numbers(typed), typed).toEqual([ngozi1.number, ngozi2.number]);
    }
    // Still by number, email and payment reference.
    expect(await numbers(tunde.number)).toEqual([tunde.number]);
    expect(await numbers(email('tunde'))).toEqual([tunde.number]);
    expect(await numbers(tunde.reference!)).toEqual([tunde.number]);
  });

  it('GET /api/admin/orders?q= searches the same way for an admin, with each row’s customer label and phone; 401, 403 otherwise', async () => {
    const get = (as: SessionUser | null, q: string) =>
      through(ordersRoute, () => signedInAs(as))(request('GET', `/api/admin/orders?${new URLSearchParams({ q })}`));
    const response = await get(admin, `0809${phoneTail}`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as {
      total: number;
      rows: Array<{ number: string; phone: string; shippingName: string; customerName: string | null }>;
    };
    expect(page.total).toBe(2);
    expect(page.rows.map((row) => [row.number, orderCustomerLabel(row), row.phone])).toEqual([
      [ngozi2.number, `Ngozi E. ${tag}`, ngoziPhone.local],
      [ngozi1.number, `Ngozi Eze ${tag}`, ngoziPhone.stored],
    ]);
    const byName = (await (await get(admin, `Chiamaka Obi ${tag}`)).json()) as typeof page;
    expect(byName.rows.map((row) => orderCustomerLabel(row))).toEqual([`Chiamaka Obi ${tag}`]);
    expect((await get(null, tag)).status).toBe(401);
    expect((await get(stranger, tag)).status).toBe(403);
  });
});

describe('internal notes', () => {
  const post = (as: SessionUser | null, orderId: string, body: unknown) =>
    through(notesPost, () => signedInAs(as))(request('POST', `/api/admin/orders/${orderId}/notes`, { body }), orderContext(orderId));
  const list = (as: SessionUser | null, orderId: string) =>
    through(notesGet, () => signedInAs(as))(request('GET', `/api/admin/orders/${orderId}/notes`), orderContext(orderId));

  it('an admin adds notes to an order (newest first, audited); a customer gets 403, nobody signed in 401, and bad input says why', async () => {
    const first = await post(admin, chiamakaOrder.id, { body: `  Rang to confirm the gate code ${tag}  ` });
    expect(first.status).toBe(201);
    const { note } = (await first.json()) as { note: { id: string; body: string; authorName: string } };
    expect(note).toMatchObject({ body: `Rang to confirm the gate code ${tag}`, authorName: admin.name });
    expect((await post(admin, chiamakaOrder.id, { body: `Second note ${tag}` })).status).toBe(201);

    const listed = (await (await list(admin, chiamakaOrder.id)).json()) as { notes: Array<{ body: string }> };
    expect(listed.notes.map((one) => one.body)).toEqual([`Second note ${tag}`, `Rang to confirm the gate code ${tag}`]);

    expect((await post(shopper, chiamakaOrder.id, { body: 'sneaky' })).status).toBe(403);
    expect((await list(shopper, chiamakaOrder.id)).status).toBe(403);
    expect((await post(null, chiamakaOrder.id, { body: 'sneaky' })).status).toBe(401);
    const empty = await post(admin, chiamakaOrder.id, { body: '   ' });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: { code: 'invalid_input', message: 'body: Write the note' } });
    expect((await post(admin, chiamakaOrder.id, { body: 'x'.repeat(2001) })).status).toBe(400);
    expect((await post(admin, randomUUID(), { body: 'Lost' })).status).toBe(404);

    const audited = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.entityType, 'order'), eq(auditLogs.entityId, chiamakaOrder.id), eq(auditLogs.action, 'order.note_added')));
    expect(audited.map((entry) => [entry.actorType, entry.actorId, (entry.after as { note: string }).note]).sort()).toEqual(
      [
        ['admin', admin.id, `Rang to confirm the gate code ${tag}`],
        ['admin', admin.id, `Second note ${tag}`],
      ].sort(),
    );
  });

  it('the admin order page shows the notes; the shopper’s order page and order API never carry them', async () => {
    await post(admin, chiamakaOrder.id, { body: `Only staff read this ${tag}` });
    const adminPage = await withDoorDeps(session(admin), () => AdminOrderPage({ params: Promise.resolve({ id: chiamakaOrder.id }) }));
    expect(textsIn(adminPage)).toContain(`Only staff read this ${tag}`);

    const shopperApi = await through(shopperOrderRoute, () => signedInAs(shopper))(
      request('GET', `/api/orders/${chiamakaOrder.id}`),
      orderContext(chiamakaOrder.id),
    );
    expect(shopperApi.status).toBe(200);
    const json = await shopperApi.text();
    expect(json).toContain(chiamakaOrder.number);
    expect(json).not.toContain('Only staff read this');
    expect(json).not.toContain('Rang to confirm');

    const shopperPage = await withDoorDeps(session(shopper), () =>
      ShopperOrderPage({ params: Promise.resolve({ id: chiamakaOrder.id }), searchParams: Promise.resolve({}) }),
    );
    const shown = textsIn(shopperPage);
    expect(shown).toContain(chiamakaOrder.number);
    expect(shown.join(' ')).not.toContain('Only staff read this');
    expect(shown.join(' ')).not.toContain('Rang to confirm');
  });

  it('the page actions refuse a customer; a customer note is kept by email, audited, and shown on the guest’s page', async () => {
    const asCustomer = await withDoorDeps(session(shopper), () => addOrderNoteAction({ orderId: chiamakaOrder.id, body: 'sneaky' }));
    expect(asCustomer?.serverError).toMatchObject({ code: 'forbidden' });
    const customerAsCustomer = await withDoorDeps(session(shopper), () => addCustomerNoteAction({ email: email('ngozi'), body: 'sneaky' }));
    expect(customerAsCustomer?.serverError).toMatchObject({ code: 'forbidden' });

    const added = await withDoorDeps(session(admin), () => addCustomerNoteAction({ email: email('NGOZI'), body: `Prefers pickup on Saturdays ${tag}` }));
    expect(added?.data?.note).toMatchObject({ body: `Prefers pickup on Saturdays ${tag}`, authorName: admin.name });
    expect((await listCustomerNotes(db, email('ngozi'))).map((one) => one.body)).toEqual([`Prefers pickup on Saturdays ${tag}`]);

    const guestPage = await withDoorDeps(session(admin), () => AdminCustomerGuestPage({ searchParams: Promise.resolve({ email: email('ngozi') }) }));
    const texts = textsIn(guestPage);
    expect(texts).toContain(`Prefers pickup on Saturdays ${tag}`);
    expect(texts).toContain(`Ngozi E. ${tag}`);

    const [entry] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.entityType, 'customer'), eq(auditLogs.entityId, email('ngozi'))));
    expect(entry).toMatchObject({ action: 'customer.note_added', actorType: 'admin', actorId: admin.id });
  });
});

describe('guests under Customers', () => {
  const customers = (query: Record<string, string>) =>
    listCustomersForAdmin(db, customerListQuerySchema.parse({ q: tag, sort: 'email', dir: 'asc', ...query }));

  it('lists guests grouped by email with their orders and value; an email with an account stays the account’s', async () => {
    const guests = await customers({ role: 'guest' });
    expect(guests.rows).toEqual([
      {
        kind: 'guest',
        id: null,
        name: `Ngozi E. ${tag}`,
        email: email('ngozi'),
        role: 'guest',
        joinedAt: expect.stringMatching(/Z$/),
        orders: 2,
        lastOrderAt: expect.stringMatching(/Z$/),
        // 30,000 + (10,000 − 2,000) paid.
        lifetimeValue: [{ currency: 'NGN', amount: 38_000_00 }],
      },
      expect.objectContaining({ kind: 'guest', email: email('tunde'), name: `Tunde Bello ${tag}`, orders: 1, lifetimeValue: [] }),
    ]);
    const everyone = await customers({});
    expect(everyone.rows.map((row) => [row.kind, row.email])).toEqual([
      ['account', email('chiamaka')],
      ['guest', email('ngozi')],
      ['guest', email('tunde')],
    ]);
    expect(everyone.rows[0]).toMatchObject({ id: shopper.id, orders: 1, lifetimeValue: [{ currency: 'NGN', amount: 12_000_00 }] });
    expect((await customers({ sort: 'value', dir: 'desc' })).rows.map((row) => row.email)).toEqual([email('ngozi'), email('chiamaka'), email('tunde')]);
    expect((await customers({ role: 'customer' })).rows.map((row) => row.email)).toEqual([email('chiamaka')]);
  });

  it('opens a guest with their orders; the account’s email points at the account; the JSON route is admin-only', async () => {
    const found = await getAdminGuestCustomer(db, { email: email('Ngozi') });
    expect(found.kind).toBe('guest');
    if (found.kind !== 'guest') return;
    expect(found.guest).toMatchObject({ email: email('ngozi'), phone: ngoziPhone.local, orderCount: 2, paidOrderCount: 2 });
    expect(found.guest.orders.map((order) => order.number)).toEqual([ngozi2.number, ngozi1.number]);
    expect(await getAdminGuestCustomer(db, { email: email('chiamaka') })).toEqual({ kind: 'account', userId: shopper.id });
    expect(await getAdminGuestCustomer(db, { email: email('nobody') })).toEqual({ kind: 'none' });

    const get = (as: SessionUser | null) => through(customersRoute, () => signedInAs(as))(request('GET', `/api/admin/customers?q=${tag}&role=guest`));
    const response = await get(admin);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { rows: Array<{ email: string }> }).rows.map((row) => row.email).sort()).toEqual([email('ngozi'), email('tunde')]);
    expect((await get(shopper)).status).toBe(403);
  });
});

describe('orders CSV', () => {
  it('carries phone, delivery, address and items, naming the customer as the list does', async () => {
    const text = await (
      await through(exportRoute, () => signedInAs(admin))(request('GET', `/api/admin/orders/export.csv?q=${tag}&sort=created&dir=asc`))
    ).text();
    const [header, ...lines] = text
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean)
      .map(fieldsOf);
    const column = (name: string) => header!.indexOf(name);
    for (const name of ['Customer', 'Phone', 'Delivery', 'Ship to', 'Address', 'Items']) expect(column(name), name).toBeGreaterThan(0);
    const row = (number: string) => lines.find((line) => line[0] === number)!;
    const listed = (await listOrdersForAdmin(db, orderListQuerySchema.parse({ q: tag, pageSize: 100 }))).rows;
    for (const order of listed) expect(row(order.number)[column('Customer')], order.number).toBe(orderCustomerLabel(order));

    const first = row(ngozi1.number);
    // A leading + reads as a formula to a spreadsheet: neutralised like any formula-looking cell, so it stays text.
    expect(first[column('Phone')]).toBe(`'${ngoziPhone.stored}`);
    expect(row(ngozi2.number)[column('Phone')]).toBe(ngoziPhone.local);
    expect(first[column('Delivery')]).toBe('Standard delivery');
    expect(first[column('Address')]).toBe('1 Marina, Lagos Island, Lagos, Nigeria');
    const [v0, v1] = catalogue.variants as [(typeof catalogue.variants)[0], (typeof catalogue.variants)[0]];
    expect(first[column('Items')]).toBe(`2 × ${catalogue.product.title} – ${v0.title} (${v0.sku}); 1 × ${catalogue.product.title} – ${v1.title} (${v1.sku})`);
    expect(row(ngozi2.number)[column('Delivery')]).toBe('Pick up in Yaba, Lagos');
    expect(row(chiamakaOrder.number)[column('Customer')]).toBe(`Chiamaka Obi ${tag}`);
    expect(row(chiamakaOrder.number)[column('Ship to')]).toBe(`Gift Recipient ${tag}`);
    expect(row(tunde.number)[column('Items')]).toBe('');
  });
});

describe('audit log in words', () => {
  it('reads stored entries with amounts formatted, statuses in the console’s words and ids linked', async () => {
    await recordAudit(db, {
      actor: { type: 'admin', id: admin.id },
      action: 'order.refund_balance',
      entityType: 'order',
      entityId: ngozi2.id,
      before: { status: 'paid', refundedAmount: 0 },
      after: { status: 'partially_refunded', refundedAmount: 2_000_00, orderId: ngozi2.id },
    });
    const response = await through(auditRoute, () => signedInAs(admin))(request('GET', `/api/admin/audit?entityId=${ngozi2.id}`));
    expect(response.status).toBe(200);
    const { rows } = (await response.json()) as { rows: Array<{ action: string; entityType: string; entityHref: string; before: unknown; after: unknown }> };
    const entry = rows.find((one) => one.action === 'order.refund_balance')!;
    expect(entry.entityHref).toBe(`/admin/orders/${ngozi2.id}`);
    const lines = changeLines(entry.before, entry.after, { entityType: entry.entityType });
    expect(lines.map(describeChange)).toEqual([
      'Status: Paid → Partly refunded',
      'Refunded amount: ₦0.00 → ₦2,000.00',
      `Order: order ${ngozi2.id.slice(0, 8)}`,
    ]);
    expect(lines[2]?.after?.href).toBe(`/admin/orders/${ngozi2.id}`);

    // A customer note's entry links to the customer (by the email it is kept under).
    const noted = (await (await through(auditRoute, () => signedInAs(admin))(request('GET', `/api/admin/audit?entityId=${email('ngozi')}`))).json()) as {
      rows: Array<{ entityHref: string; before: unknown; after: unknown }>;
    };
    expect(noted.rows[0]?.entityHref).toBe(`/admin/customers/guest?${new URLSearchParams({ email: email('ngozi') })}`);
    expect(changeLines(noted.rows[0]?.before, noted.rows[0]?.after).map(describeChange)).toEqual([`Note: Prefers pickup on Saturdays ${tag}`]);
  });
});

/** One CSV record's fields, quoted fields unquoted (doubled quotes undone). */
function fieldsOf(record: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < record.length; index += 1) {
    const char = record[index]!;
    if (quoted) {
      if (char === '"' && record[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}
