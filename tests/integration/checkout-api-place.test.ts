// POST /api/checkout called directly with Requests, against the real Postgres, Redis (through the bridge) and the
// Paystack simulator: status codes, field errors, cross-site refusal, the order and hold it creates, out-of-stock
// answers, Paystack failing (the order stays payable and the retry pays for the SAME order), and the rate limit.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { inventoryReservations } from '@/db/schema';
import { verifyOrderAccess } from '@/lib/orders/order-access';
import type { SessionUser } from '@/lib/server/deps/door-deps';
import { createRateLimiter, rateLimitPolicies } from '@/lib/server/doors/rate-limit';
import { variantStock } from '../support/catalog-fixtures';
import { signedInAs, through } from '../support/doors';
import { simulator, uniqueReference } from '../support/paystack-sim';
import { createFixtureCatalogue, cartTestClients, createFixtureUser } from '../support/cart-fixtures';
import {
  checkoutBody,
  guestEmail,
  guestWithCart,
  newIp,
  orderRows,
  request,
  type CheckoutReply,
  type ErrorReply,
  closeCheckoutApiClients,
} from '../support/checkout-api-fixtures';

// Lets a test know the next payment reference in advance, to give that one transaction a fault at the simulator.
const references = vi.hoisted(() => ({ queue: [] as string[] }));
vi.mock('@/lib/payments/reference', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/payments/reference')>();
  return { ...actual, newPaymentReference: () => references.queue.shift() ?? actual.newPaymentReference() };
});

// Who is signed in needs a live Next request: the doors' seam stands it in (tests/support/doors.ts).
const session = { user: null as null | SessionUser };
const standIns = () => signedInAs(session.user);
const { POST: checkoutPost } = await import('@/app/api/checkout/route');
const checkoutRoute = through(checkoutPost, standIns);
const addRoute = through((await import('@/app/api/cart/items/route')).POST, standIns);

const { db, sql, redis } = cartTestClients();
const secret = process.env.NEXTAUTH_SECRET!;
let catalogue: Awaited<ReturnType<typeof createFixtureCatalogue>>;
const userIds: string[] = [];
const v = (index: number) => catalogue.variants[index]!;

// One email per cart: a resubmission is the same buyer, and shoppers never share the per-email cap on unpaid orders.
const checkoutAs = (cookie: string | undefined, body: unknown = checkoutBody({ email: guestEmail(cookie) }), ip?: string) =>
  checkoutRoute(request('POST', '/api/checkout', { body, cookie, ip }));

beforeAll(async () => {
  catalogue = await createFixtureCatalogue(db, 'checkout-api', [
    { stock: 50, priceAmount: 1_234_500 }, // 0: plenty
    { stock: 50, priceAmount: 99_900 }, // 1: plenty
    { stock: 3, priceAmount: 500_000 }, // 2: scarce
    { stock: 5, priceAmount: 200_000 }, // 3: the concurrency test's hot item
    { stock: 20, priceAmount: 300_000 }, // 4: payment failures
  ]);
});

beforeEach(() => {
  session.user = null;
  references.queue = [];
});

afterAll(() => closeCheckoutApiClients({ db, sql, redis }, userIds));

describe('POST /api/checkout: refusals', () => {
  it('refuses a cross-site request with 403 and creates nothing', async () => {
    const cookie = await guestWithCart(addRoute, [{ variantId: v(1).id, quantity: 1 }]);
    const response = await checkoutRoute(
      request('POST', '/api/checkout', { body: checkoutBody(), cookie, headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } }),
    );
    expect(response.status).toBe(403);
    expect(((await response.json()) as ErrorReply).error.code).toBe('cross_site_request');
    expect(await variantStock(db, v(1).id)).toMatchObject({ reserved: 0 });
  });

  it('answers 400 with field errors by JSON path, and 400 for a body that is not JSON', async () => {
    const cookie = await guestWithCart(addRoute, [{ variantId: v(1).id, quantity: 1 }]);
    const bad = checkoutBody({
      email: 'not-an-email',
      deliveryOption: 'teleport',
      shippingAddress: { fullName: 'A', phone: '12345', line1: '', city: 'Ikeja', state: 'Atlantis' },
    });
    const response = await checkoutAs(cookie, bad);
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorReply;
    expect(body.error.code).toBe('invalid_input');
    expect(Object.keys(body.error.fieldErrors ?? {}).sort()).toEqual(
      ['deliveryOption', 'email', 'shippingAddress.fullName', 'shippingAddress.line1', 'shippingAddress.phone', 'shippingAddress.state'].sort(),
    );
    expect(body.error.fieldErrors?.['shippingAddress.phone']).toEqual(['Enter a Nigerian phone number, e.g. 0803 123 4567']);

    const notJson = await checkoutRoute(request('POST', '/api/checkout', { rawBody: '{"email":', cookie }));
    expect(notJson.status).toBe(400);
    expect(await variantStock(db, v(1).id)).toMatchObject({ reserved: 0 });
  });

  it('answers 409 cart_empty for a shopper without a cart (no cookie, or an emptied cart)', async () => {
    const response = await checkoutAs(undefined);
    expect(response.status).toBe(409);
    expect(((await response.json()) as ErrorReply).error.code).toBe('cart_empty');
  });
});

describe('POST /api/checkout: placing the order', () => {
  it('creates the order from the server cart with server prices, holds the stock and returns Paystack’s URL', async () => {
    const cookie = await guestWithCart(addRoute, [
      { variantId: v(0).id, quantity: 2 },
      { variantId: v(1).id, quantity: 3 },
    ]);
    // Prices, totals and an owner in the body are not part of the schema: they are stripped and never read.
    const response = await checkoutAs(cookie, { ...checkoutBody({ email: 'Ada.Guest@Example.test' }), totalAmount: 1, subtotal: { amount: 1 }, userId: 'x' });
    expect(response.status).toBe(201);
    const reply = (await response.json()) as CheckoutReply;
    const subtotal = 2 * 1_234_500 + 3 * 99_900;
    expect(reply.totals).toEqual({
      subtotal: { amount: subtotal, currency: 'NGN' },
      discount: { amount: 0, currency: 'NGN' },
      shipping: { amount: 250_000, currency: 'NGN' },
      // The demo settings' prices include 7.5 % VAT: the total contains it (× 7.5/107.5), nothing is added.
      tax: { amount: Math.round(((subtotal + 250_000) * 750) / 10_750), currency: 'NGN' },
      taxAdded: { amount: 0, currency: 'NGN' },
      total: { amount: subtotal + 250_000, currency: 'NGN' },
    });
    expect(reply.number).toMatch(/^SO-\d+$/);
    expect(reply.authorizationUrl).toMatch(new RegExp(`^${process.env.PAYSTACK_BASE_URL}/checkout/`));
    expect(reply.continued).toBe(false);
    expect(verifyOrderAccess(secret, reply.orderId, reply.accessToken)).toBe(true);

    const { order, payments: paymentRows, holds } = await orderRows(db, reply.orderId);
    expect(order).toMatchObject({
      status: 'pending_payment',
      userId: null,
      email: 'ada.guest@example.test',
      totalAmount: subtotal + 250_000,
      deliveryOption: 'standard',
    });
    expect(order.shippingAddress).toMatchObject({ phone: '08031234567', state: 'Lagos', country: 'NG' });
    expect(holds.map((hold) => [hold.variantId, hold.quantity, hold.status]).sort()).toEqual(
      [
        [v(0).id, 2, 'active'],
        [v(1).id, 3, 'active'],
      ].sort(),
    );
    expect(paymentRows).toHaveLength(1);
    expect(paymentRows[0]).toMatchObject({
      reference: reply.reference,
      status: 'initialized',
      amount: subtotal + 250_000,
      authorizationUrl: reply.authorizationUrl,
    });
    // Postgres is the one record of the hold and the intent: no Redis copy is written (nothing read one).
    expect(await redis.exists(`reservation:${reply.orderId}`, `payment:intent:${reply.reference}`)).toBe(0);
  });

  it('submitting the same cart again continues the same order and returns the live payment intent', async () => {
    const cookie = await guestWithCart(addRoute, [{ variantId: v(1).id, quantity: 1 }]);
    const before = await variantStock(db, v(1).id);
    const first = (await (await checkoutAs(cookie)).json()) as CheckoutReply;
    const again = await checkoutAs(cookie);
    expect(again.status).toBe(200);
    const second = (await again.json()) as CheckoutReply;
    expect(second).toMatchObject({ orderId: first.orderId, reference: first.reference, authorizationUrl: first.authorizationUrl, continued: true });
    expect((await variantStock(db, v(1).id)).reserved).toBe(before.reserved + 1);

    // A different address is a different order (the first one's hold simply expires).
    const changed = (await (await checkoutAs(cookie, checkoutBody({ email: guestEmail(cookie), deliveryOption: 'pickup' }))).json()) as CheckoutReply;
    expect(changed.orderId).not.toBe(first.orderId);
    expect(changed.totals.shipping.amount).toBe(0);
  });

  it('a signed-in customer’s order belongs to the account and carries no guest token', async () => {
    const user = await createFixtureUser(db);
    userIds.push(user.id);
    session.user = { id: user.id, email: user.email, name: user.name, role: 'customer' };
    await addRoute(request('POST', '/api/cart/items', { body: { variantId: v(0).id, quantity: 1 } }));
    const response = await checkoutAs(undefined, checkoutBody({ email: user.email }));
    expect(response.status).toBe(201);
    const reply = (await response.json()) as CheckoutReply;
    expect(reply.accessToken).toBeNull();
    expect((await orderRows(db, reply.orderId)).order.userId).toBe(user.id);
  });
});

describe('POST /api/checkout: stock', () => {
  it('answers 409 out_of_stock naming the line, how many were asked for and how many are left', async () => {
    const cookie = await guestWithCart(addRoute, [{ variantId: v(2).id, quantity: 3 }]);
    // Someone else checks out 2 of the 3 in the meantime.
    const rival = await guestWithCart(addRoute, [{ variantId: v(2).id, quantity: 2 }]);
    expect((await checkoutAs(rival)).status).toBe(201);

    const response = await checkoutAs(cookie);
    expect(response.status).toBe(409);
    const body = (await response.json()) as ErrorReply;
    expect(body.error.code).toBe('out_of_stock');
    expect(body.error.lines).toEqual([{ variantId: v(2).id, title: expect.stringContaining('V2'), requested: 3, available: 1 }]);
    expect(await variantStock(db, v(2).id)).toMatchObject({ stockOnHand: 3, reserved: 2 });
  });

  it('20 shoppers checking out the last 5 units at once: exactly 5 orders, 15 out_of_stock, nothing oversold', async () => {
    const shoppers = await Promise.all(Array.from({ length: 20 }, () => guestWithCart(addRoute, [{ variantId: v(3).id, quantity: 1 }])));
    const responses = await Promise.all(shoppers.map((cookie) => checkoutAs(cookie)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    expect(statuses.filter((status) => status === 409)).toHaveLength(15);
    for (const response of responses.filter((candidate) => candidate.status === 409)) {
      expect(((await response.json()) as ErrorReply).error.code).toBe('out_of_stock');
    }
    expect(await variantStock(db, v(3).id)).toMatchObject({ stockOnHand: 5, reserved: 5 });
    const holds = await db
      .select()
      .from(inventoryReservations)
      .where(eq(inventoryReservations.variantId, v(3).id));
    expect(holds).toHaveLength(5);
    expect(new Set(holds.map((hold) => hold.orderId)).size).toBe(5);
    expect(holds.every((hold) => hold.status === 'active' && hold.quantity === 1)).toBe(true);
  });
});

describe('POST /api/checkout: Paystack failing', () => {
  it('answers 502 with the order id; the order keeps its hold and the retry pays for the SAME order', async () => {
    const cookie = await guestWithCart(addRoute, [{ variantId: v(4).id, quantity: 2 }]);
    const failing = uniqueReference('api-fail');
    await simulator.setKnobs(failing, { dropWebhooks: true, faults: { initialize: { mode: 'error', status: 503, times: 1 } } });
    references.queue.push(failing);

    const response = await checkoutAs(cookie);
    expect(response.status).toBe(502);
    expect(response.headers.get('retry-after')).toBe('5');
    const body = (await response.json()) as ErrorReply;
    expect(body.error.code).toBe('payment_unavailable');
    const orderId = body.error.orderId!;
    expect(verifyOrderAccess(secret, orderId, body.error.accessToken)).toBe(true);
    let rows = await orderRows(db, orderId);
    expect(rows.order.status).toBe('pending_payment');
    expect(rows.holds.map((hold) => hold.status)).toEqual(['active']);
    expect(rows.payments.map((payment) => [payment.reference, payment.status])).toEqual([[failing, 'failed']]);
    expect(await variantStock(db, v(4).id)).toMatchObject({ reserved: 2 });

    // The client retries the same checkout: same order, a fresh payment, no second hold.
    const retry = await checkoutAs(cookie);
    expect(retry.status).toBe(200);
    const retried = (await retry.json()) as CheckoutReply;
    expect(retried).toMatchObject({ orderId, continued: true });
    expect(retried.reference).not.toBe(failing);
    // And once more: the live intent comes back instead of a third payment.
    const third = (await (await checkoutAs(cookie)).json()) as CheckoutReply;
    expect(third).toMatchObject({ orderId, reference: retried.reference, authorizationUrl: retried.authorizationUrl });

    rows = await orderRows(db, orderId);
    expect(rows.payments.filter((payment) => payment.status === 'initialized')).toHaveLength(1);
    expect(rows.payments).toHaveLength(2);
    expect(await variantStock(db, v(4).id)).toMatchObject({ reserved: 2 });
  });
});

describe('POST /api/checkout: rate limit', () => {
  // The app's own policies (10 a minute per session, 60 per address) on day-long windows under a fresh key prefix:
  // the counts are exact whatever the wall clock says, and no other test shares the windows.
  const limiter = createRateLimiter({
    redis,
    prefix: `test-ratelimit:${randomBytes(6).toString('hex')}`,
    policies: {
      checkoutBySession: { ...rateLimitPolicies.checkoutBySession, window: '1 d' },
      checkoutByIp: { ...rateLimitPolicies.checkoutByIp, window: '1 d' },
    },
  });
  const limitedRoute = through(checkoutPost, () => ({ ...standIns(), limiter: () => limiter }));
  const checkoutLimited = (cookie: string, ip: string) =>
    limitedRoute(request('POST', '/api/checkout', { body: checkoutBody({ email: guestEmail(cookie) }), cookie, ip }));

  it('allows 10 checkouts per cart session in a window, then answers 429 with Retry-After', async () => {
    const cookie = await guestWithCart(addRoute, [{ variantId: v(1).id, quantity: 1 }]);
    const statuses: number[] = [];
    // Each from another address: the per-session limit holds whatever address the attempts come from.
    for (let attempt = 0; attempt < 11; attempt += 1) statuses.push((await checkoutLimited(cookie, newIp())).status);
    expect(statuses.slice(0, 10).every((status) => status === 201 || status === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
    const limited = await checkoutLimited(cookie, newIp());
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await limited.json()) as ErrorReply).error.code).toBe('rate_limited');
  });

  it('limits one address across many sessions (60 in a window)', async () => {
    const ip = newIp();
    const statuses: number[] = [];
    // A new (empty) cart session each time; empty-cart checkouts still spend the address's allowance, because the
    // limit comes before any cart or database work.
    for (let attempt = 0; attempt < 61; attempt += 1) {
      statuses.push((await checkoutLimited(`cart_session=${randomBytes(24).toString('base64url')}`, ip)).status);
    }
    expect(statuses.slice(0, 60).every((status) => status === 409)).toBe(true);
    expect(statuses[60]).toBe(429);
  });
});
