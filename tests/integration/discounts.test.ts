// Discount codes against the real Postgres, Redis (through the bridge) and the Paystack simulator: the admin API
// (create, 409 for an existing code in any case, 400 with reasons, admin only, audited), the Store API checkout with a
// code (totals.discount, the order's columns, one redemption), every refusal as its own 4xx with nothing held, the
// usage limit under 50 simultaneous checkouts, the per-customer limit, a use given back when its order expires or is
// replaced unpaid, and refunds capped at what a discounted order actually paid. Who is signed in is stood in through
// the doors' seam (tests/support/doors.ts): there is no browser session outside a request.
import { randomBytes } from 'node:crypto';
import { and, eq, isNull, sql as dsql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAdminDiscounts } from '@/db/queries/admin-discounts';
import { auditLogs, discountCodes, discountRedemptions, inventoryReservations, orders } from '@/db/schema';
import { placeOrder } from '@/lib/checkout/place-order';
import { releaseExpiredOrders, releaseOrderHolds } from '@/lib/inventory/release-order';
import { requestRefund } from '@/lib/refunds/request-refund';
import type { SessionUser } from '@/lib/server/deps/door-deps';
import { createFixtureCatalogue, cartTestClients, createFixtureUser } from '../support/cart-fixtures';
import { testAddress, variantStock } from '../support/catalog-fixtures';
import { type CheckoutReply, checkoutBody, closeCheckoutApiClients, type ErrorReply, guestWithCart, request } from '../support/checkout-api-fixtures';
import { signedInAs, through } from '../support/doors';
import { paidOrder, uniqueEmail } from '../support/paid-order-fixtures';
import { deliverWebhook, newKey, refundDeps } from '../support/refund-fixtures';
import { expireHolds, orderAwaitingPayment, payAndCaptureWebhook, testPaystack } from '../support/checkout-fixtures';
import { releaseExpiredReservations } from '@/lib/inventory/release-expired-reservations';
import { simulator } from '../support/paystack-sim';

const session = { user: null as SessionUser | null };
const standIns = () => signedInAs(session.user);
const discountsRoute = await import('@/app/api/admin/discounts/route');
const postDiscount = through(discountsRoute.POST, standIns);
const getDiscounts = through(discountsRoute.GET, standIns);
const checkoutRoute = through((await import('@/app/api/checkout/route')).POST, standIns);
const addRoute = through((await import('@/app/api/cart/items/route')).POST, standIns);

const clients = cartTestClients();
const { db } = clients;
const userIds: string[] = [];
let admin: SessionUser;
let customer: SessionUser;
let catalogue: Awaited<ReturnType<typeof createFixtureCatalogue>>;
const v = (index: number) => catalogue.variants[index]!;

beforeAll(async () => {
  const [adminRow, customerRow] = [await createFixtureUser(db, 'admin'), await createFixtureUser(db, 'customer')];
  userIds.push(adminRow.id, customerRow.id);
  admin = { id: adminRow.id, email: adminRow.email, name: adminRow.name, role: 'admin' };
  customer = { id: customerRow.id, email: customerRow.email, name: customerRow.name, role: 'customer' };
  catalogue = await createFixtureCatalogue(db, 'discounts', [
    { stock: 100, priceAmount: 10_000_00 }, // 0: ₦10,000, for the Store API checkouts
    { stock: 60, priceAmount: 5_000_00 }, // 1: the 50-checkout race
    { stock: 40, priceAmount: 3_333_33 }, // 2: limits and releases
  ]);
});
afterAll(() => closeCheckoutApiClients(clients, userIds));

/** A code name no other test (or run) uses. */
const uniqueCode = (label: string) => `${label}-${randomBytes(4).toString('hex')}`.toUpperCase();

type CodeRow = typeof discountCodes.$inferInsert;
/** A code straight into the table, for states the API would take time to reach (a window already over, paused). */
async function insertCode(values: Partial<CodeRow> & Pick<CodeRow, 'kind' | 'value'>) {
  const [row] = await db
    .insert(discountCodes)
    .values({ code: uniqueCode('T'), ...values })
    .returning();
  return row!;
}

const asAdmin = (body: unknown, as: SessionUser | null = admin) => {
  session.user = as;
  return postDiscount(request('POST', '/api/admin/discounts', { body }));
};

const place = (opts: {
  email?: string;
  userId?: string | null;
  couponCode?: string;
  variant?: number;
  quantity?: number;
  deliveryOption?: 'standard' | 'pickup';
}) =>
  placeOrder(
    { db },
    {
      userId: opts.userId ?? null,
      email: opts.email ?? uniqueEmail('disc'),
      shippingAddress: testAddress,
      deliveryOption: opts.deliveryOption ?? 'standard',
      lines: [{ variantId: v(opts.variant ?? 2).id, quantity: opts.quantity ?? 1 }],
      ...(opts.couponCode ? { couponCode: opts.couponCode } : {}),
    },
  );

const liveUses = (discountCodeId: string) =>
  db.$count(discountRedemptions, and(eq(discountRedemptions.discountCodeId, discountCodeId), isNull(discountRedemptions.releasedAt)));

/** A guest with one unit of variant 0 in a fresh cart, checking out with `couponCode`. */
async function guestCheckout(couponCode: string | undefined, overrides: Record<string, unknown> = {}) {
  session.user = null;
  const cookie = await guestWithCart(addRoute, [{ variantId: v(0).id, quantity: 1 }]);
  return checkoutRoute(request('POST', '/api/checkout', { body: checkoutBody({ ...(couponCode === undefined ? {} : { couponCode }), ...overrides }), cookie }));
}

describe('POST /api/admin/discounts', () => {
  it('creates a code (201), lists it, audits it, and refuses the same code in another case with 409', async () => {
    const code = uniqueCode('Save');
    const response = await asAdmin({
      code,
      kind: 'percent',
      value: 15,
      minSubtotal: 5_000_00,
      usageLimit: 100,
      perCustomerLimit: 1,
      endsAt: '2031-01-01T00:00:00+01:00',
    });
    expect(response.status).toBe(201);
    const { discount } = (await response.json()) as { discount: Record<string, unknown> & { id: string } };
    expect(discount).toMatchObject({
      code,
      kind: 'percent',
      value: 15,
      minSubtotal: { amount: 5_000_00, currency: 'NGN' },
      startsAt: null,
      endsAt: '2030-12-31T23:00:00.000Z',
      usageLimit: 100,
      perCustomerLimit: 1,
      paused: false,
      uses: 0,
      revenue: { amount: 0, currency: 'NGN' },
    });
    const [entry] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.entityType, 'discount_code'), eq(auditLogs.entityId, discount.id)));
    expect(entry).toMatchObject({ action: 'discount_code.created', actorType: 'admin', actorId: admin.id });

    session.user = admin;
    const listed = (await (await getDiscounts(request('GET', '/api/admin/discounts'))).json()) as { discounts: Array<{ code: string }> };
    expect(listed.discounts.map((row) => row.code)).toContain(code);

    const again = await asAdmin({ code: code.toLowerCase(), kind: 'fixed', value: 100_00 });
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorReply).error.code).toBe('discount_code_exists');
    expect(await db.$count(discountCodes, dsql`lower(${discountCodes.code}) = lower(${code})`)).toBe(1);
  });

  it('answers 400 with a reason under each field that is wrong, and creates nothing', async () => {
    const code = uniqueCode('Bad');
    const shapes = await asAdmin({ code: 'has space', kind: 'half', value: 0, usageLimit: 0, minSubtotal: -1 });
    expect(shapes.status).toBe(400);
    const shapeErrors = ((await shapes.json()) as ErrorReply).error.fieldErrors ?? {};
    expect(Object.keys(shapeErrors).sort()).toEqual(['code', 'kind', 'minSubtotal', 'usageLimit', 'value']);

    const percent = await asAdmin({ code, kind: 'percent', value: 150 });
    expect(percent.status).toBe(400);
    expect(((await percent.json()) as ErrorReply).error.fieldErrors).toEqual({ value: ['A percentage is a whole number from 1 to 100'] });

    const window = await asAdmin({ code, kind: 'fixed', value: 500_00, startsAt: '2030-02-01T00:00:00Z', endsAt: '2030-01-01T00:00:00Z' });
    expect(window.status).toBe(400);
    expect(((await window.json()) as ErrorReply).error.fieldErrors).toEqual({ endsAt: ['Ends at must be after starts at'] });

    const fraction = await asAdmin({ code, kind: 'fixed', value: 500.5 });
    expect(fraction.status).toBe(400);
    expect(await db.$count(discountCodes, eq(discountCodes.code, code))).toBe(0);
  });

  it('is for admins only: 401 signed out, 403 for a customer', async () => {
    const body = { code: uniqueCode('Nope'), kind: 'fixed', value: 100_00 };
    expect((await asAdmin(body, null)).status).toBe(401);
    expect((await asAdmin(body, customer)).status).toBe(403);
    expect(await db.$count(discountCodes, eq(discountCodes.code, body.code))).toBe(0);
  });
});

describe('POST /api/checkout with couponCode', () => {
  it('takes the discount off the subtotal: totals.discount, the order’s columns and one redemption', async () => {
    const code = await insertCode({ code: uniqueCode('Ten'), kind: 'percent', value: 10 });
    // Typed in lower case with spaces around it: codes are the same whatever their case.
    const response = await guestCheckout(`  ${code.code.toLowerCase()} `.trim(), { email: 'Disc.Buyer@Example.test' });
    expect(response.status).toBe(201);
    const reply = (await response.json()) as CheckoutReply;
    expect(reply.totals).toEqual({
      subtotal: { amount: 10_000_00, currency: 'NGN' },
      discount: { amount: 1_000_00, currency: 'NGN' },
      shipping: { amount: 2_500_00, currency: 'NGN' },
      // The demo settings' VAT, 7.5 % included, on what is left after the discount: ₦11,500 × 7.5 / 107.5, half up.
      tax: { amount: 80_233, currency: 'NGN' },
      taxAdded: { amount: 0, currency: 'NGN' },
      total: { amount: 11_500_00, currency: 'NGN' },
    });
    expect(reply.discountCode).toBe(code.code);

    const [order] = await db.select().from(orders).where(eq(orders.id, reply.orderId));
    expect(order).toMatchObject({ subtotalAmount: 10_000_00, discountAmount: 1_000_00, discountCode: code.code, totalAmount: 11_500_00 });
    const redemptions = await db.select().from(discountRedemptions).where(eq(discountRedemptions.orderId, reply.orderId));
    expect(redemptions).toEqual([
      expect.objectContaining({
        discountCodeId: code.id,
        email: 'disc.buyer@example.test',
        customerKey: 'email:disc.buyer@example.test',
        amount: 1_000_00,
        releasedAt: null,
      }),
    ]);
  });

  it('refuses each code that cannot be used, with its own 4xx and reason, and holds nothing', async () => {
    const day = 24 * 60 * 60 * 1000;
    const usedUp = await insertCode({ kind: 'fixed', value: 500_00, usageLimit: 1 });
    expect((await place({ couponCode: usedUp.code })).ok).toBe(true);
    const once = await insertCode({ kind: 'fixed', value: 500_00, perCustomerLimit: 1 });
    const repeatBuyer = uniqueEmail('repeat');
    expect((await place({ couponCode: once.code, email: repeatBuyer })).ok).toBe(true);

    const cases: Array<{ code: string; email?: string; status: number; error: string; reason: string; words: RegExp }> = [
      { code: uniqueCode('Ghost'), status: 422, error: 'discount_unknown', reason: 'unknown', words: /don't recognise the code GHOST-/ },
      {
        code: (await insertCode({ kind: 'percent', value: 5, paused: true })).code,
        status: 422,
        error: 'discount_paused',
        reason: 'paused',
        words: /not available right now/,
      },
      {
        code: (await insertCode({ kind: 'percent', value: 5, startsAt: new Date(Date.now() + day) })).code,
        status: 422,
        error: 'discount_not_started',
        reason: 'not_started',
        words: /can be used from/,
      },
      {
        code: (await insertCode({ kind: 'percent', value: 5, startsAt: new Date(Date.now() - 2 * day), endsAt: new Date(Date.now() - day) })).code,
        status: 422,
        error: 'discount_expired',
        reason: 'expired',
        words: /expired on/,
      },
      {
        code: (await insertCode({ kind: 'percent', value: 5, minSubtotalAmount: 20_000_00 })).code,
        status: 422,
        error: 'discount_below_minimum',
        reason: 'below_minimum',
        words: /at least ₦20,000\.00; yours come to ₦10,000\.00/,
      },
      { code: usedUp.code, status: 409, error: 'discount_used_up', reason: 'used_up', words: /used as many times as it can be/ },
      {
        code: once.code,
        email: repeatBuyer.toUpperCase(),
        status: 409,
        error: 'discount_already_used',
        reason: 'already_used',
        words: /You have already used the code/,
      },
    ];
    const reservedBefore = (await variantStock(db, v(0).id)).reserved;
    for (const refused of cases) {
      const response = await guestCheckout(refused.code, refused.email ? { email: refused.email } : {});
      const body = (await response.json()) as ErrorReply;
      expect({ status: response.status, code: body.error.code, reason: body.error.reason, field: body.error.field }).toEqual({
        status: refused.status,
        code: refused.error,
        reason: refused.reason,
        field: 'couponCode',
      });
      expect(body.error.message).toMatch(refused.words);
    }
    expect((await variantStock(db, v(0).id)).reserved).toBe(reservedBefore);
  });

  it('answers 400 for a code that is not a code at all', async () => {
    const response = await guestCheckout('50% OFF!');
    expect(response.status).toBe(400);
    expect(Object.keys(((await response.json()) as ErrorReply).error.fieldErrors ?? {})).toEqual(['couponCode']);
  });
});

describe('usage limits', () => {
  it('gives a code’s last use to exactly one of 50 simultaneous checkouts', async () => {
    const code = await insertCode({ kind: 'fixed', value: 1_000_00, usageLimit: 3 });
    for (let used = 0; used < 2; used++) expect((await place({ couponCode: code.code, variant: 1 })).ok).toBe(true);
    const reservedBefore = (await variantStock(db, v(1).id)).reserved;

    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) => place({ couponCode: code.code, variant: 1, email: `race-${index}-${code.code}@example.test` })),
    );
    const placed = results.filter((result) => result.ok);
    expect(placed).toHaveLength(1);
    for (const result of results.filter((one) => !one.ok)) {
      expect(result.ok === false && result.error).toEqual({ code: 'discount_refused', refusal: { reason: 'used_up', code: code.code } });
    }
    expect(await liveUses(code.id)).toBe(3);
    // The refused checkouts held nothing: only the winner's unit is reserved.
    expect((await variantStock(db, v(1).id)).reserved).toBe(reservedBefore + 1);
    const [winner] = await db
      .select()
      .from(orders)
      .where(eq(orders.id, placed[0]!.ok ? placed[0]!.value.id : ''));
    expect(winner).toMatchObject({ discountAmount: 1_000_00, totalAmount: 5_000_00 - 1_000_00 + 2_500_00 });
  });

  it('holds the per-customer limit for an account, for its email as a guest, and not for someone else', async () => {
    const code = await insertCode({ kind: 'percent', value: 20, perCustomerLimit: 2 });
    const account = { userId: customer.id, email: customer.email };
    expect((await place({ couponCode: code.code, ...account })).ok).toBe(true);
    expect((await place({ couponCode: code.code, ...account })).ok).toBe(true);
    const third = await place({ couponCode: code.code, ...account });
    expect(third).toEqual({ ok: false, error: { code: 'discount_refused', refusal: { reason: 'already_used', code: code.code, perCustomerLimit: 2 } } });
    // The same person signed out, with the account's email: still them.
    const asGuest = await place({ couponCode: code.code, email: customer.email });
    expect(asGuest.ok === false && asGuest.error.code).toBe('discount_refused');
    expect((await place({ couponCode: code.code, email: uniqueEmail('other') })).ok).toBe(true);
    expect(await liveUses(code.id)).toBe(3);
  });

  it('gives the use back when its order expires unpaid or is replaced, so the next shopper can have it', async () => {
    const code = await insertCode({ kind: 'fixed', value: 300_00, usageLimit: 1 });
    const first = await place({ couponCode: code.code });
    expect(first.ok).toBe(true);
    expect((await place({ couponCode: code.code })).ok).toBe(false);

    // The hold runs out (made to look 1 minute past its deadline) and the release job expires the order.
    const firstId = first.ok ? first.value.id : '';
    await db.update(inventoryReservations).set({ reservedUntil: dsql`now() - interval '1 minute'` }).where(eq(inventoryReservations.orderId, firstId));
    expect(await releaseExpiredOrders(db, [firstId])).toEqual({ orderIds: [firstId] });
    const [released] = await db.select().from(discountRedemptions).where(eq(discountRedemptions.orderId, firstId));
    expect(released!.releasedAt).toBeInstanceOf(Date);
    expect(await liveUses(code.id)).toBe(0);

    const second = await place({ couponCode: code.code });
    expect(second.ok).toBe(true);
    // The shopper replaces that checkout (a changed cart): the order is cancelled, the use comes back again.
    const secondId = second.ok ? second.value.id : '';
    await releaseOrderHolds(db, secondId, {
      expiredOnly: false,
      orderStatus: 'cancelled',
      reason: 'replaced by a newer checkout',
      actor: { type: 'system', id: 'guest-checkout' },
      action: 'order.superseded',
    });
    expect(await liveUses(code.id)).toBe(0);
    expect((await place({ couponCode: code.code })).ok).toBe(true);
    expect(await liveUses(code.id)).toBe(1);
  });
});

describe('a late payment', () => {
  it('counts the use again when a payment lands after the order expired and is honoured at the discounted price', async () => {
    const code = await insertCode({ kind: 'fixed', value: 200_00, usageLimit: 1 });
    const { order, reference } = await orderAwaitingPayment(db, { stock: 3, couponCode: code.code, email: uniqueEmail('late') });
    expect(order).toMatchObject({ discountAmount: 200_00, discountCode: code.code });
    await expireHolds(db, order.id);
    await releaseExpiredReservations({ db, paystack: testPaystack() });
    expect(await liveUses(code.id)).toBe(0);

    const { body } = await payAndCaptureWebhook(reference);
    await deliverWebhook(db, body);
    const [paid] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(paid).toMatchObject({ status: 'paid', totalAmount: order.totalAmount });
    expect(await liveUses(code.id)).toBe(1);
  });
});

describe('a paid discounted order', () => {
  it('refunds at most what was paid, and the admin list counts its use, the discount given and the revenue', async () => {
    const code = await insertCode({ kind: 'percent', value: 25 });
    // 2 × ₦10,000 = ₦20,000, less 25 % = ₦15,000, plus ₦2,500 delivery: ₦17,500 paid.
    const { order, payment } = await paidOrder(db, { priceAmount: 10_000_00, quantity: 2, couponCode: code.code });
    await simulator.setKnobs(payment.reference, { refundAutoProcessMs: null });
    expect(order).toMatchObject({ subtotalAmount: 20_000_00, discountAmount: 5_000_00, shippingAmount: 2_500_00, totalAmount: 17_500_00 });
    expect(payment.amount).toBe(17_500_00);

    const [row] = (await listAdminDiscounts(db)).filter((listed) => listed.id === code.id);
    expect(row).toMatchObject({ uses: 1, paidOrders: 1, discountGivenAmount: 5_000_00, revenueAmount: 17_500_00 });

    const deps = refundDeps(db);
    const actor = { kind: 'admin' as const, userId: admin.id };
    // The undiscounted price is more than the shopper paid: refused, and told what can go back.
    const tooMuch = await requestRefund(deps, { orderId: order.id, amount: 22_500_00, reason: 'Returned', actor, idempotencyKey: newKey() });
    expect(tooMuch).toEqual({ ok: false, error: { code: 'refund_exceeds_remaining', requested: 22_500_00, remaining: 17_500_00, currency: 'NGN' } });
    const everything = await requestRefund(deps, { orderId: order.id, reason: 'Returned', actor, idempotencyKey: newKey() });
    expect(everything.ok && everything.value.amount).toEqual({ amount: 17_500_00, currency: 'NGN' });
  });
});
