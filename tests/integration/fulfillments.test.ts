// Shipping, against the real Postgres and the Paystack simulator: the JSON API (route handlers called with real
// Requests), the admin page's server action, the shipping email through its job to the mail catcher, the packing slip
// read back with pdftotext, and how refunds treat shipped lines. Orders are really paid (placed, paid at the simulator,
// its signed charge.success applied). Stood in: who is signed in, through the doors' own seam — and nothing else.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shipOrderAction } from '@/app/(admin)/admin/orders/[id]/ship-actions';
import { GET as packingSlip } from '@/app/api/admin/orders/[id]/fulfillments/[fulfillmentId]/packing-slip/route';
import { GET, POST } from '@/app/api/admin/orders/[id]/fulfillments/route';
import { listOrdersForAdmin } from '@/db/queries/admin-order-list';
import { auditLogs, fulfillments, orderItems, orders, outbox, productVariants } from '@/db/schema';
import { definitionFor } from '@/lib/jobs/definitions';
import { requestRefund } from '@/lib/refunds/request-refund';
import type { SessionUser } from '@/lib/server/deps/door-deps';
import { withDoorDeps } from '@/lib/server/deps/door-deps';
import { cartTestClients, createFixtureUser } from '../support/cart-fixtures';
import { closeCheckoutApiClients, request } from '../support/checkout-api-fixtures';
import { orderAwaitingPayment } from '../support/checkout-fixtures';
import { signedInAs, through } from '../support/doors';
import { mailTo } from '../support/inbox';
import { testJobDeps } from '../support/job-deps';
import { paidOrder, uniqueEmail } from '../support/paid-order-fixtures';
import { refundDeps } from '../support/refund-fixtures';
import { simulator } from '../support/paystack-sim';

const clients = cartTestClients();
const { db } = clients;
const jobs = testJobDeps(2);
const userIds: string[] = [];
let admin: SessionUser;
let otherAdmin: SessionUser;
let customer: SessionUser;

beforeAll(async () => {
  const rows = [await createFixtureUser(db, 'admin'), await createFixtureUser(db, 'admin'), await createFixtureUser(db, 'customer')];
  userIds.push(...rows.map((row) => row.id));
  [admin, otherAdmin, customer] = rows.map((row) => ({ id: row.id, email: row.email, name: row.name, role: row.role })) as [
    SessionUser,
    SessionUser,
    SessionUser,
  ];
});
afterAll(async () => {
  await jobs.close();
  await closeCheckoutApiClients(clients, userIds);
});

const path = (orderId: string) => `/api/admin/orders/${orderId}/fulfillments`;
const context = (orderId: string) => ({ params: Promise.resolve({ id: orderId }) });

function post(as: SessionUser | null, orderId: string, body: unknown, options: { key?: string | null; headers?: Record<string, string> } = {}) {
  const key = options.key === undefined ? randomUUID() : options.key;
  const headers = { ...(key === null ? {} : { 'idempotency-key': key }), ...options.headers };
  return through(POST, () => signedInAs(as))(request('POST', path(orderId), { body, headers }), context(orderId));
}
const get = (as: SessionUser | null, orderId: string) => through(GET, () => signedInAs(as))(request('GET', path(orderId)), context(orderId));

/** A paid order with one line of `quantity` units; its refunds stay pending at Paystack. */
async function paid(quantity = 3, email = uniqueEmail('ship')) {
  const made = await paidOrder(db, { quantity, email });
  await simulator.setKnobs(made.payment.reference, { refundAutoProcessMs: null });
  const [item] = await db.select().from(orderItems).where(eq(orderItems.orderId, made.order.id));
  return { ...made, item: item! };
}

const shipment = (orderItemId: string, quantity: number, extra: Record<string, unknown> = {}) => ({
  lines: [{ orderItemId, quantity }],
  carrier: 'GIG Logistics',
  trackingNumber: `GIG-${randomUUID().slice(0, 8)}`,
  trackingUrl: 'https://track.example.test/parcel',
  ...extra,
});

const statusOf = async (orderId: string) => (await db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)))[0]!.status;
const shippedOf = async (itemId: string) =>
  (await db.select({ shipped: orderItems.shippedQuantity }).from(orderItems).where(eq(orderItems.id, itemId)))[0]!.shipped;

function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('pdftotext', ['-layout', '-', '-'], { encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    child.stdin?.end(pdf);
  });
}

describe('POST /api/admin/orders/:id/fulfillments', () => {
  it('answers 401 anonymous, 403 to a customer or cross-site, 400 without an Idempotency-Key, shipping nothing', async () => {
    const { order, item } = await paid();
    const body = shipment(item.id, 1);
    expect((await post(null, order.id, body)).status).toBe(401);
    expect((await post(customer, order.id, body)).status).toBe(403);
    expect((await post(admin, order.id, body, { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    const keyless = await post(admin, order.id, body, { key: null });
    expect(keyless.status).toBe(400);
    expect(await keyless.json()).toMatchObject({ error: { code: 'idempotency_key_required' } });
    expect(await db.$count(fulfillments, eq(fulfillments.orderId, order.id))).toBe(0);
  });

  it('answers 422 for a shipment it cannot take: no carrier, a line of another order, a tracking link that is not a web address', async () => {
    const { order, item } = await paid();
    const other = await paid(1);
    for (const body of [
      shipment(item.id, 1, { carrier: '' }),
      shipment(item.id, 0),
      shipment(other.item.id, 1),
      shipment(item.id, 1, { trackingUrl: 'javascript:alert(1)' }),
      { lines: 'all', carrier: 'DHL' },
    ]) {
      const response = await post(admin, order.id, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(await response.json()).toMatchObject({ error: { code: 'fulfillment_invalid' } });
    }
    expect(await db.$count(fulfillments, eq(fulfillments.orderId, order.id))).toBe(0);
    expect(await statusOf(order.id)).toBe('paid');
  });

  it('ships part then the rest: 201 with the id, paid → partially_fulfilled → fulfilled (audited), a replay is the same shipment, more is 409', async () => {
    const { order, item } = await paid(3);
    const key = randomUUID();
    const first = await post(admin, order.id, shipment(item.id, 2), { key });
    expect(first.status).toBe(201);
    const { fulfillment } = (await first.json()) as { fulfillment: { id: string; sequence: number; lines: Array<{ quantity: number }> } };
    expect(fulfillment).toMatchObject({ sequence: 1, lines: [{ quantity: 2 }] });
    expect(await statusOf(order.id)).toBe('partially_fulfilled');

    const replay = await post(admin, order.id, shipment(item.id, 2, { trackingNumber: 'different' }), { key });
    expect(replay.status, 'the same key with another shipment').toBe(422);
    const [row] = await db.select().from(fulfillments).where(eq(fulfillments.id, fulfillment.id));
    const same = await post(admin, order.id, shipment(item.id, 2, { trackingNumber: row!.trackingNumber }), { key });
    expect(same.status).toBe(200);
    expect(same.headers.get('idempotent-replayed')).toBe('true');
    expect(((await same.json()) as { fulfillment: { id: string } }).fulfillment.id).toBe(fulfillment.id);
    expect(await shippedOf(item.id)).toBe(2);

    const tooMany = await post(admin, order.id, shipment(item.id, 2));
    expect(tooMany.status).toBe(409);
    expect(await tooMany.json()).toMatchObject({ error: { code: 'fulfillment_exceeds_remaining', remaining: 1, requested: 2 } });
    expect((await post(admin, order.id, shipment(item.id, 1))).status).toBe(201);
    expect(await statusOf(order.id)).toBe('fulfilled');
    expect((await post(admin, order.id, shipment(item.id, 1))).status).toBe(409);

    const listed = (await (await get(admin, order.id)).json()) as { fulfillments: Array<{ sequence: number; carrier: string }> };
    expect(listed.fulfillments.map((entry) => entry.sequence)).toEqual([1, 2]);
    expect((await get(customer, order.id)).status).toBe(403);
    const audits = await db
      .select({ action: auditLogs.action })
      .from(auditLogs)
      .where(and(eq(auditLogs.entityType, 'order'), eq(auditLogs.entityId, order.id)));
    expect(audits.map((entry) => entry.action)).toEqual(expect.arrayContaining(['order.shipped', 'order.partially_fulfilled', 'order.fulfilled']));
    expect(await db.$count(outbox, and(eq(outbox.event, 'order/shipped'), eq(outbox.dedupeKey, fulfillment.id)))).toBe(1);
  });

  it('refuses an order that is not paid or was refunded in full (409), shipping nothing', async () => {
    const unpaid = await orderAwaitingPayment(db);
    const [unpaidItem] = await db.select().from(orderItems).where(eq(orderItems.orderId, unpaid.order.id));
    const refused = await post(admin, unpaid.order.id, shipment(unpaidItem!.id, 1));
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: 'not_shippable' } });

    const { order, item } = await paid(2);
    const refund = await requestRefund(refundDeps(db), {
      orderId: order.id,
      reason: 'Changed mind',
      actor: { kind: 'admin', userId: admin.id },
      idempotencyKey: randomUUID(),
    });
    expect(refund.ok).toBe(true);
    expect(await statusOf(order.id)).toBe('refunded');
    expect((await post(admin, order.id, shipment(item.id, 1))).status).toBe(409);
  });

  it('two admins shipping the same line at once: one shipment, every other answer 409, never more shipped than ordered', async () => {
    const { order, item } = await paid(3);
    const attempts = Array.from({ length: 12 }, (_, index) => post(index % 2 === 0 ? admin : otherAdmin, order.id, shipment(item.id, 3)));
    const statuses = (await Promise.all(attempts)).map((response) => response.status).sort();
    expect(statuses).toEqual([201, ...Array(11).fill(409)]);
    expect(await shippedOf(item.id)).toBe(3);
    expect(await db.$count(fulfillments, eq(fulfillments.orderId, order.id))).toBe(1);
    expect(await statusOf(order.id)).toBe('fulfilled');

    // Many one-unit shipments of a three-unit line at once: exactly three land.
    const second = await paid(3);
    const ones = await Promise.all(Array.from({ length: 10 }, () => post(admin, second.order.id, shipment(second.item.id, 1))));
    expect(ones.filter((response) => response.status === 201)).toHaveLength(3);
    expect(ones.filter((response) => response.status === 409)).toHaveLength(7);
    expect(await shippedOf(second.item.id)).toBe(3);
  });
});

describe('the shopper and the paperwork', () => {
  it('emails the shopper the tracking link through the job, once, and the admin downloads a packing slip', async () => {
    const email = uniqueEmail('parcel');
    const { order, item } = await paid(2, email);
    const response = await post(
      admin,
      order.id,
      shipment(item.id, 2, { trackingNumber: 'GIG-TRACK-777', trackingUrl: 'https://track.example.test/GIG-TRACK-777' }),
    );
    const { fulfillment } = (await response.json()) as { fulfillment: { id: string } };
    const run = definitionFor('order/shipped')!.steps[0]!.run;
    await run(jobs.deps, { orderId: order.id, fulfillmentId: fulfillment.id });
    expect(await run(jobs.deps, { orderId: order.id, fulfillmentId: fulfillment.id })).toMatchObject({ status: 'already_sent' });
    const [mail] = await mailTo(email, 1, (candidate) => candidate.subject.includes('has shipped'));
    expect(mail!.html).toContain('href="https://track.example.test/GIG-TRACK-777"');
    expect(mail!.text).toContain('GIG-TRACK-777');
    expect(mail!.text).toContain('GIG Logistics');

    const slipContext = { params: Promise.resolve({ id: order.id, fulfillmentId: fulfillment.id }) };
    const slipPath = `/api/admin/orders/${order.id}/fulfillments/${fulfillment.id}/packing-slip`;
    expect((await through(packingSlip, () => signedInAs(customer))(request('GET', slipPath), slipContext)).status).toBe(403);
    const slip = await through(packingSlip, () => signedInAs(admin))(request('GET', slipPath), slipContext);
    expect(slip.status).toBe(200);
    expect(slip.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(Buffer.from(await slip.arrayBuffer()));
    expect(text).toContain('PACKING SLIP');
    expect(text).toContain(order.number);
    expect(text).toContain('GIG-TRACK-777');
    expect(text).toContain(item.sku);
  });

  it('the admin page action refuses a customer before parsing anything; the list filters orders to ship', async () => {
    const { order, item } = await paid(2);
    const session = (user: SessionUser) => ({ ...signedInAs(user), requestHeaders: async () => new Headers() });
    const asCustomer = await withDoorDeps(session(customer), () =>
      shipOrderAction({ orderId: order.id, idempotencyKey: randomUUID(), ...shipment(item.id, 1) }),
    );
    expect(asCustomer?.serverError).toMatchObject({ code: 'forbidden' });
    expect(await shippedOf(item.id)).toBe(0);
    const toShip = async () => (await listOrdersForAdmin(db, { page: 1, pageSize: 100, sort: 'created', dir: 'desc', q: order.number, ship: 'to_ship' })).rows;
    expect((await toShip()).map((row) => row.id)).toEqual([order.id]);
    expect((await post(admin, order.id, shipment(item.id, 1))).status).toBe(201);
    expect(
      (await toShip()).map((row) => row.id),
      'one unit still to ship',
    ).toEqual([order.id]);
    expect((await post(admin, order.id, shipment(item.id, 1))).status).toBe(201);
    expect(await toShip()).toEqual([]);
  });
});

describe('refunds of shipped lines', () => {
  it('restock only what came back: unshipped units restock as before; shipped units only with returnedToStock', async () => {
    const { order, item } = await paid(3);
    const variantBefore = async () =>
      (await db.select({ onHand: productVariants.stockOnHand }).from(productVariants).where(eq(productVariants.id, item.variantId)))[0]!.onHand;
    expect((await post(admin, order.id, shipment(item.id, 2))).status).toBe(201);
    const onHand = await variantBefore();
    const refund = (restock: Array<{ variantId: string; quantity: number; returnedToStock?: boolean }>) =>
      requestRefund(refundDeps(db), {
        orderId: order.id,
        amount: 1_000_00,
        reason: 'Test',
        restock,
        actor: { kind: 'admin', userId: admin.id },
        idempotencyKey: randomUUID(),
      });

    // Two units asked back on the shelf without saying they came back: only one never shipped.
    const refused = await refund([{ variantId: item.variantId, quantity: 2 }]);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.code).toBe('invalid_input');
    // A shipped unit that came back, and the unshipped one cancelled.
    const ok = await refund([
      { variantId: item.variantId, quantity: 1, returnedToStock: true },
      { variantId: item.variantId, quantity: 1 },
    ]);
    expect(ok.ok).toBe(true);
    expect(await variantBefore()).toBe(onHand + 2);
    // The cancelled unit never ships; the order is partly refunded and nothing is left to ship.
    const more = await post(admin, order.id, shipment(item.id, 1));
    expect(more.status).toBe(409);
    expect(await statusOf(order.id)).toBe('partially_refunded');
    // A money-only refund of a shipped line restocks nothing.
    expect((await refund([])).ok).toBe(true);
    expect(await variantBefore()).toBe(onHand + 2);
  });
});
