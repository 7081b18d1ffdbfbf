// The refund's entry points, against the real Postgres and the Paystack simulator: the JSON API (route handlers called
// with real Requests), the admin order page's server action and the page itself. Orders are really paid (placed, paid
// at the simulator, its signed charge.success applied). Stood in: who is signed in, through the doors' own seam
// (there is no browser session outside a request) — and nothing else.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refundOrderAction } from '@/app/(admin)/admin/orders/[id]/actions';
import AdminOrderPage from '@/app/(admin)/admin/orders/[id]/page';
import { GET, POST } from '@/app/api/admin/orders/[id]/refunds/route';
import { getAdminOrder, orderTimeline } from '@/db/queries/admin-orders';
import { orderItems, payments, productVariants, refunds } from '@/db/schema';
import type { SessionUser } from '@/lib/server/deps/door-deps';
import { withDoorDeps } from '@/lib/server/deps/door-deps';
import { cartTestClients, createFixtureUser } from '../support/cart-fixtures';
import { closeCheckoutApiClients, request } from '../support/checkout-api-fixtures';
import { orderAwaitingPayment } from '../support/checkout-fixtures';
import { signedInAs, through } from '../support/doors';
import { paidOrder } from '../support/paid-order-fixtures';
import { simulator } from '../support/paystack-sim';
import { textsIn } from '../support/element-text';

const clients = cartTestClients();
const { db } = clients;
const userIds: string[] = [];
let admin: SessionUser;
let customer: SessionUser;

beforeAll(async () => {
  const [adminRow, customerRow] = [await createFixtureUser(db, 'admin'), await createFixtureUser(db, 'customer')];
  userIds.push(adminRow.id, customerRow.id);
  admin = { id: adminRow.id, email: adminRow.email, name: adminRow.name, role: 'admin' };
  customer = { id: customerRow.id, email: customerRow.email, name: customerRow.name, role: 'customer' };
});
// Refunds reference their admin (ON DELETE SET NULL), so the users can go; the orders stay, as paid orders do.
afterAll(() => closeCheckoutApiClients(clients, userIds));

/** A paid order whose refunds stay `pending` at Paystack (no auto-settling), so what a test sees is what it did. */
async function paid(quantity = 2) {
  const made = await paidOrder(db, { quantity });
  await simulator.setKnobs(made.payment.reference, { refundAutoProcessMs: null });
  const [line] = await db.select({ variantId: orderItems.variantId }).from(orderItems).where(eq(orderItems.orderId, made.order.id));
  return { ...made, variantId: line!.variantId };
}

const path = (orderId: string) => `/api/admin/orders/${orderId}/refunds`;
const context = (orderId: string) => ({ params: Promise.resolve({ id: orderId }) });

function post(as: SessionUser | null, orderId: string, body: unknown, options: { key?: string | null; headers?: Record<string, string> } = {}) {
  const key = options.key === undefined ? randomUUID() : options.key;
  const headers = { ...(key === null ? {} : { 'idempotency-key': key }), ...options.headers };
  return through(POST, () => signedInAs(as))(request('POST', path(orderId), { body, headers }), context(orderId));
}

function get(as: SessionUser | null, orderId: string) {
  return through(GET, () => signedInAs(as))(request('GET', path(orderId)), context(orderId));
}

const refundCount = async (orderId: string) => db.$count(refunds, eq(refunds.orderId, orderId));

describe('POST /api/admin/orders/:id/refunds', () => {
  it('answers 401 to an anonymous caller and 403 to a customer or a cross-site request, refunding nothing', async () => {
    const { order } = await paid();
    const body = { amount: 1_000_00, reason: 'Damaged in transit' };
    const anonymous = await post(null, order.id, body);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    const byCustomer = await post(customer, order.id, body);
    expect(byCustomer.status).toBe(403);
    expect(await byCustomer.json()).toMatchObject({ error: { code: 'forbidden' } });
    const crossSite = await post(admin, order.id, body, { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toMatchObject({ error: { code: 'cross_site_request' } });
    expect(await refundCount(order.id)).toBe(0);
  });

  it('requires an Idempotency-Key header (400), before anything is refunded', async () => {
    const { order } = await paid();
    const missing = await post(admin, order.id, { amount: 1_000_00, reason: 'Late delivery' }, { key: null });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: { code: 'idempotency_key_required' } });
    const blank = await post(admin, order.id, { amount: 1_000_00, reason: 'Late delivery' }, { key: '  ' });
    expect(blank.status).toBe(400);
    expect(await refundCount(order.id)).toBe(0);
  });

  it('refunds part of a paid order with a line back on the shelf (201); a replay of the key is the same refund (200)', async () => {
    const { order, payment, variantId } = await paid(2);
    const [stockBefore] = await db.select({ onHand: productVariants.stockOnHand }).from(productVariants).where(eq(productVariants.id, variantId));
    const key = randomUUID();
    const body = { amount: 5_000_00, reason: 'One item returned', restock: [{ variantId, quantity: 1 }] };

    const created = await post(admin, order.id, body, { key });
    expect(created.status).toBe(201);
    expect(created.headers.get('idempotent-replayed')).toBeNull();
    const { refund } = (await created.json()) as { refund: { id: string; status: string } };
    expect(refund).toMatchObject({
      orderId: order.id,
      paymentId: payment.id,
      amount: { amount: 5_000_00, currency: 'NGN' },
      status: 'pending',
      reason: 'One item returned',
      restock: [{ variantId, quantity: 1 }],
      requestedBy: admin.id,
      origin: 'admin',
    });

    const replay = await post(admin, order.id, body, { key });
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(((await replay.json()) as { refund: { id: string } }).refund.id).toBe(refund.id);

    // One refund, the money and the stock moved once.
    expect(await refundCount(order.id)).toBe(1);
    const [paymentAfter] = await db.select().from(payments).where(eq(payments.id, payment.id));
    expect(paymentAfter).toMatchObject({ status: 'partially_refunded', refundedAmount: 5_000_00 });
    const [stockAfter] = await db.select({ onHand: productVariants.stockOnHand }).from(productVariants).where(eq(productVariants.id, variantId));
    expect(stockAfter!.onHand).toBe(stockBefore!.onHand + 1);

    // The same key for another request is refused, not silently answered with the first refund.
    const reused = await post(admin, order.id, { ...body, amount: 6_000_00 }, { key });
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({ error: { code: 'idempotency_key_reused' } });
  });

  it('answers 409 naming what remains when the amount is more than can still be refunded', async () => {
    const { order, payment } = await paid();
    expect((await post(admin, order.id, { amount: 10_000_00, reason: 'Partial goodwill refund' })).status).toBe(201);
    const remaining = payment.amount - 10_000_00;
    const over = await post(admin, order.id, { amount: remaining + 1, reason: 'Too much' });
    expect(over.status).toBe(409);
    const remainingWords = new Intl.NumberFormat('en-NG', { style: 'currency', currency: 'NGN', minimumFractionDigits: 2 }).format(remaining / 100);
    expect(await over.json()).toEqual({
      error: {
        code: 'refund_exceeds_remaining',
        message: `Only ${remainingWords} can still be refunded on this order.`,
        remaining: { amount: remaining, currency: 'NGN' },
        requested: { amount: remaining + 1, currency: 'NGN' },
      },
    });
    expect(await refundCount(order.id)).toBe(1);
  });

  it('answers 422 for an order that was never paid, 404 for no such order and 400 for a bad body', async () => {
    const unpaid = await orderAwaitingPayment(db);
    const refused = await post(admin, unpaid.order.id, { amount: 100, reason: 'Not paid yet' });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ error: { code: 'not_refundable', message: 'This order has not been paid, so there is nothing to refund.' } });
    expect(await refundCount(unpaid.order.id)).toBe(0);

    expect((await post(admin, randomUUID(), { amount: 100, reason: 'Who?' })).status).toBe(404);
    expect((await post(admin, 'not-an-id', { amount: 100, reason: 'Who?' })).status).toBe(404);
    const { order } = await paid();
    const badBody = await post(admin, order.id, { amount: 12.5, reason: '' });
    expect(badBody.status).toBe(400);
    expect(await badBody.json()).toMatchObject({ error: { code: 'invalid_input', fieldErrors: { amount: expect.any(Array), reason: expect.any(Array) } } });
  });

  it('takes the same refund input rules as the admin dialog: one restock line per item, else 400 and nothing refunded', async () => {
    const { order, variantId } = await paid();
    const twice = [
      { variantId, quantity: 1 },
      { variantId, quantity: 1 },
    ];
    const refused = await post(admin, order.id, { amount: 100, reason: 'Broken twice', restock: twice });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { code: 'invalid_input', fieldErrors: { restock: ['Each item may appear once'] } } });
    expect(await refundCount(order.id)).toBe(0);
  });

  it('answers 502 when Paystack refuses the refund; the refund is recorded as failed and the money is untouched', async () => {
    const { order, payment } = await paid();
    await simulator.setKnobs(payment.reference, { faults: { refund: { mode: 'error', status: 400 } } });
    const refused = await post(admin, order.id, { amount: 2_000_00, reason: 'Customer changed their mind' });
    expect(refused.status).toBe(502);
    const body = (await refused.json()) as { error: { code: string; message: string; refund: { status: string } } };
    expect(body.error).toMatchObject({ code: 'refund_rejected', refund: { status: 'failed', amount: { amount: 2_000_00 } } });
    expect(body.error.message).toMatch(/^Paystack refused the refund: .+\. Nothing was refunded\.$/);
    const [paymentAfter] = await db.select().from(payments).where(eq(payments.id, payment.id));
    expect(paymentAfter).toMatchObject({ status: 'paid', refundedAmount: 0 });
  });
});

describe('GET /api/admin/orders/:id/refunds', () => {
  it("lists the order's refunds for an admin, oldest first; 401 anonymous, 403 customer, 404 unknown order", async () => {
    const { order } = await paid();
    expect(await (await get(admin, order.id)).json()).toEqual({ orderId: order.id, refunds: [] });
    await post(admin, order.id, { amount: 1_000_00, reason: 'First' });
    await post(admin, order.id, { amount: 2_000_00, reason: 'Second' });

    const listed = await get(admin, order.id);
    expect(listed.status).toBe(200);
    const { refunds: list } = (await listed.json()) as { refunds: Array<{ reason: string; amount: { amount: number }; status: string }> };
    expect(list.map((refund) => [refund.reason, refund.amount.amount, refund.status])).toEqual([
      ['First', 1_000_00, 'pending'],
      ['Second', 2_000_00, 'pending'],
    ]);
    expect((await get(null, order.id)).status).toBe(401);
    expect((await get(customer, order.id)).status).toBe(403);
    expect((await get(admin, randomUUID())).status).toBe(404);
  });
});

describe('the admin order page and its refund action', () => {
  const session = (user: SessionUser | null) => ({ ...signedInAs(user), requestHeaders: async () => new Headers() });

  it('refuses a hand-made call of the refund action by a customer (forbidden) or an anonymous caller; nothing is refunded', async () => {
    const { order } = await paid();
    const input = { orderId: order.id, amount: '5000', reason: 'Hand-made', restock: [], idempotencyKey: randomUUID() };
    const byCustomer = await withDoorDeps(session(customer), () => refundOrderAction(input));
    expect(byCustomer.serverError?.code).toBe('forbidden');
    expect(byCustomer.data).toBeUndefined();
    const anonymous = await withDoorDeps(session(null), () => refundOrderAction(input));
    expect(anonymous.serverError?.code).toBe('unauthenticated');
    expect(await refundCount(order.id)).toBe(0);
  });

  it('answers a customer who opens an admin order page with 403 and sends an anonymous visitor to sign in', async () => {
    const { order } = await paid();
    const render = (user: SessionUser | null) =>
      withDoorDeps(session(user), () => AdminOrderPage({ params: Promise.resolve({ id: order.id }) })).then(
        () => 'rendered',
        (error: { digest?: string }) => error.digest ?? String(error),
      );
    // Next's forbidden() and redirect() throw control-flow errors whose digest says what happens; the page never rendered.
    expect(await render(customer)).toBe('NEXT_HTTP_ERROR_FALLBACK;403');
    expect(await render(null)).toMatch(new RegExp(`^NEXT_REDIRECT;replace;/sign-in\\?callbackUrl=%2Fadmin%2Forders%2F${order.id};307;`));
  });
});

describe('the admin order reads', () => {
  it("after a partial refund with restock: what remains, what can still be restocked, and the order's audit trail newest first", async () => {
    const { order, payment, variantId } = await paid(2);
    expect((await post(admin, order.id, { amount: 3_000_00, reason: 'Scuffed', restock: [{ variantId, quantity: 1 }] })).status).toBe(201);

    const detail = await getAdminOrder(db, { orderId: order.id });
    expect(detail).toMatchObject({
      number: order.number,
      customer: null,
      email: order.email,
      refundable: { paymentId: payment.id, reference: payment.reference, captured: payment.amount, remaining: payment.amount - 3_000_00 },
      lines: [{ variantId, quantity: 2, restockable: 1 }],
      payments: [{ id: payment.id, status: 'partially_refunded', refundedAmount: 3_000_00 }],
    });

    const actions = (await orderTimeline(db, { orderId: order.id })).map((entry) => `${entry.entityType}:${entry.action}`);
    expect(actions.slice(0, 5).sort()).toEqual([
      'order:order.refund_balance',
      'payment:payment.refund_balance',
      'refund:refund.pending',
      'refund:refund.requested',
      'variant:stock.restocked',
    ]);
    expect(actions.slice(5)).toEqual([
      'variant:stock.committed',
      'order:order.paid',
      'payment:payment.paid',
      'payment:payment.initialized',
      'order:order.placed',
    ]);
    // Another order's entries never leak in, nor this one's into it.
    const other = await paid(1);
    const otherIds = new Set((await orderTimeline(db, { orderId: other.order.id })).map((entry) => entry.id));
    expect(otherIds.size).toBe(5);
    expect((await orderTimeline(db, { orderId: order.id })).some((entry) => otherIds.has(entry.id))).toBe(false);
  });

  it('renders the page for an admin (its reads run); an unknown id is a 404', async () => {
    const { order } = await paid(1);
    const session = { ...signedInAs(admin), requestHeaders: async () => new Headers() };
    const page = await withDoorDeps(session, () => AdminOrderPage({ params: Promise.resolve({ id: order.id }) }));
    expect(textsIn(page).join(' ')).toContain(order.number);
    const missing = await withDoorDeps(session, () => AdminOrderPage({ params: Promise.resolve({ id: randomUUID() }) })).catch(
      (error: { digest?: string }) => error.digest,
    );
    expect(missing).toMatch(/^NEXT_HTTP_ERROR_FALLBACK;404/);
  });
});
