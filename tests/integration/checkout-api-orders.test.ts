// GET /api/orders/:id and the return page's server work (confirmReturn), against the real Postgres, Redis and the
// Paystack simulator: owner scoping, guest tokens, 404 for everyone else, and the order's real state through a
// declined-then-cancelled attempt, a retry for the SAME order and a payment committed exactly once.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { webhookEvents } from '@/db/schema';
import { confirmReturn } from '@/lib/payments/ask-paystack';
import { signOrderAccess } from '@/lib/orders/order-access';
import { initializePayment } from '@/lib/payments/initialize-payment';
import type { SessionUser } from '@/lib/server/deps/door-deps';
import { variantStock } from '../support/catalog-fixtures';
import { signedInAs, through } from '../support/doors';
import { testPaystack } from '../support/checkout-fixtures';
import { simulator, uniqueReference } from '../support/paystack-sim';
import { cartTestClients, createFixtureCatalogue, createFixtureUser } from '../support/cart-fixtures';
import { checkoutBody, guestWithCart, orderRows, request, closeCheckoutApiClients, type CheckoutReply } from '../support/checkout-api-fixtures';

const references = vi.hoisted(() => ({ queue: [] as string[] }));
vi.mock('@/lib/payments/reference', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/payments/reference')>();
  return { ...actual, newPaymentReference: () => references.queue.shift() ?? actual.newPaymentReference() };
});

// Who is signed in needs a live Next request: the doors' seam stands it in (tests/support/doors.ts).
const session = { user: null as null | SessionUser };
const standIns = () => signedInAs(session.user);
const checkoutRoute = through((await import('@/app/api/checkout/route')).POST, standIns);
const addRoute = through((await import('@/app/api/cart/items/route')).POST, standIns);
const orderRoute = through((await import('@/app/api/orders/[id]/route')).GET, standIns);

const { db, sql, redis } = cartTestClients();
const secret = process.env.NEXTAUTH_SECRET!;
const paystack = testPaystack();
const confirmDeps = { db, paystack, expectedDomain: 'test' as const };
let catalogue: Awaited<ReturnType<typeof createFixtureCatalogue>>;
const userIds: string[] = [];
const v = (index: number) => catalogue.variants[index]!;

type Viewer = { id: string; email: string; name: string; role: 'customer' } | null;

async function getOrder(orderId: string, token?: string) {
  const query = token === undefined ? '' : `?${new URLSearchParams({ token })}`;
  const response = await orderRoute(request('GET', `/api/orders/${orderId}${query}`), { params: Promise.resolve({ id: orderId }) });
  return {
    status: response.status,
    body: (await response.json()) as { state?: string; status?: string; number?: string; items?: unknown[]; error?: { code: string } },
  };
}

/** A guest order placed through the Store API, whose payment webhooks the simulator keeps to itself. */
async function guestOrder(variantIndex: number, quantity = 1) {
  const reference = uniqueReference('orders-api');
  await simulator.setKnobs(reference, { dropWebhooks: true });
  references.queue.push(reference);
  const cookie = await guestWithCart(addRoute, [{ variantId: v(variantIndex).id, quantity }]);
  const response = await checkoutRoute(request('POST', '/api/checkout', { body: checkoutBody(), cookie }));
  expect(response.status).toBe(201);
  return (await response.json()) as CheckoutReply;
}

async function customer(): Promise<NonNullable<Viewer>> {
  const user = await createFixtureUser(db);
  userIds.push(user.id);
  return { id: user.id, email: user.email, name: user.name, role: 'customer' };
}

beforeAll(async () => {
  catalogue = await createFixtureCatalogue(db, 'orders-api', [
    { stock: 30, priceAmount: 450_000 },
    { stock: 10, priceAmount: 120_000 },
  ]);
});
beforeEach(() => {
  session.user = null;
  references.queue = [];
});
afterAll(() => closeCheckoutApiClients({ db, sql, redis }, userIds));

describe('GET /api/orders/:id', () => {
  it('shows a guest order to the holder of its token, and answers 404 to everyone else', async () => {
    const placed = await guestOrder(0, 2);
    const other = await guestOrder(0, 1);

    const seen = await getOrder(placed.orderId, placed.accessToken!);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ number: placed.number, status: 'pending_payment', state: 'awaiting_payment' });
    expect(seen.body.items).toHaveLength(1);

    expect((await getOrder(placed.orderId)).status).toBe(404);
    expect((await getOrder(placed.orderId, 'x'.repeat(43))).status).toBe(404);
    expect((await getOrder(placed.orderId, other.accessToken!)).status).toBe(404); // another order's token
    expect((await getOrder('not-a-uuid', placed.accessToken!)).status).toBe(404);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await getOrder(unknown, signOrderAccess(secret, unknown))).status).toBe(404); // valid token, no order

    // A signed-in stranger gets nothing either, and the 404 body is the same as for a missing order.
    session.user = await customer();
    const stranger = await getOrder(placed.orderId);
    expect(stranger).toEqual({ status: 404, body: { error: { code: 'order_not_found', message: 'Order not found.' } } });
  });

  it('shows an account order only to its owner: never to another customer, never by a guest token', async () => {
    const owner = await customer();
    session.user = owner;
    await addRoute(request('POST', '/api/cart/items', { body: { variantId: v(1).id, quantity: 1 } }));
    const reference = uniqueReference('orders-api-user');
    await simulator.setKnobs(reference, { dropWebhooks: true });
    references.queue.push(reference);
    const placed = (await (await checkoutRoute(request('POST', '/api/checkout', { body: checkoutBody({ email: owner.email }) }))).json()) as CheckoutReply;

    expect((await getOrder(placed.orderId)).status).toBe(200);
    session.user = await customer();
    expect((await getOrder(placed.orderId)).status).toBe(404);
    session.user = null;
    expect((await getOrder(placed.orderId)).status).toBe(404);
    expect((await getOrder(placed.orderId, signOrderAccess(secret, placed.orderId))).status).toBe(404);
  });
});

describe('the return page’s confirmation (confirmReturn)', () => {
  it('declined then cancelled → payment failed with a retry for the SAME order → paid, committed exactly once', async () => {
    const placed = await guestOrder(1, 2);
    const before = await variantStock(db, v(1).id);

    // On Paystack's page: the card is declined, then the shopper cancels and comes back.
    expect((await simulator.act(placed.reference, 'decline')).status).toBe(200);
    expect((await simulator.act(placed.reference, 'abandon')).status).toBe(200);
    const cancelled = await confirmReturn(confirmDeps, placed.reference);
    expect(cancelled).toMatchObject({ orderId: placed.orderId, committed: null, verified: true });
    expect((await orderRows(db, placed.orderId)).payments.map((payment) => payment.status)).toEqual(['abandoned']);
    expect((await getOrder(placed.orderId, placed.accessToken!)).body.state).toBe('payment_failed');

    // "Try again": a fresh attempt for the same order (the closed one is never reused).
    const retryReference = uniqueReference('orders-api-retry');
    await simulator.setKnobs(retryReference, { dropWebhooks: true });
    const retry = await initializePayment(
      { db, paystack, callbackUrl: 'http://127.0.0.1/checkout/return', newReference: () => retryReference },
      placed.orderId,
    );
    expect(retry).toMatchObject({ ok: true, value: { reference: retryReference, reused: false } });
    expect((await getOrder(placed.orderId, placed.accessToken!)).body.state).toBe('awaiting_payment');

    expect((await simulator.act(retryReference, 'pay')).status).toBe(200);
    const [first, second] = await Promise.all([confirmReturn(confirmDeps, retryReference), confirmReturn(confirmDeps, retryReference)]);
    const committed = [first, second].filter((outcome) => outcome?.committed);
    expect(committed).toHaveLength(1);
    expect(committed[0]!.committed).toMatchObject({ orderId: placed.orderId, reference: retryReference, userId: null });

    const seen = await getOrder(placed.orderId, placed.accessToken!);
    expect(seen.body).toMatchObject({ status: 'paid', state: 'paid' });
    const rows = await orderRows(db, placed.orderId);
    expect(rows.payments.map((payment) => [payment.reference, payment.status]).sort()).toEqual(
      [
        [placed.reference, 'abandoned'],
        [retryReference, 'paid'],
      ].sort(),
    );
    expect(rows.holds.map((hold) => hold.status)).toEqual(['committed']);
    expect(await variantStock(db, v(1).id)).toEqual({ stockOnHand: before.stockOnHand - 2, reserved: before.reserved - 2, version: expect.any(Number) });
    const paid = rows.payments.find((payment) => payment.reference === retryReference)!;
    const events = await db
      .select()
      .from(webhookEvents)
      .where(eq(webhookEvents.eventKey, `charge.success:${paid.gatewayTransactionId}`));
    expect(events.map((event) => event.status)).toEqual(['processed']);

    // Reloading the return page later asks Paystack nothing and changes nothing.
    expect(await confirmReturn(confirmDeps, retryReference)).toMatchObject({ committed: null, verified: true });
  });

  it('ignores references that are malformed or unknown (no lookup key → nothing to show)', async () => {
    expect(await confirmReturn(confirmDeps, 'TXN_bad reference!')).toBeNull();
    expect(await confirmReturn(confirmDeps, uniqueReference('never-issued'))).toBeNull();
  });
});
