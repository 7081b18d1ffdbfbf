// Saved cards against the real Postgres, Redis (through the bridge) and the Paystack simulator over HTTP: a card kept
// from a hosted payment the shopper asked to save, listed and removed through the Store API, charged in one click
// through the same exactly-once commit as the webhook (whose charge.success then is a duplicate), refunded like any
// payment; failed and paused charges; concurrent one-click attempts on one order; removal racing a checkout; and who
// may list, use or remove a card. Who is signed in is stood in through the doors' seam (tests/support/doors.ts).
import { randomUUID } from 'node:crypto';
import { and, eq, sql as raw } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { auditLogs, inventoryReservations, orders, payments, savedCards, users, webhookEvents } from '@/db/schema';
import { createCardVault } from '@/lib/cards/card-vault';
import { chargeSavedCard } from '@/lib/cards/charge-saved-card';
import { rotateCardKey } from '@/lib/cards/rotate-card-key';
import { placeOrder } from '@/lib/checkout/place-order';
import { requestRefund } from '@/lib/refunds/request-refund';
import type { SessionUser } from '@/lib/server/deps/door-deps';
import { createRateLimiter, rateLimitPolicies } from '@/lib/server/doors/rate-limit';
import { signWebhookBody } from '@/lib/payments/paystack/signature';
import { testAddress, variantStock } from '../support/catalog-fixtures';
import { cartTestClients, createFixtureCatalogue, createFixtureUser } from '../support/cart-fixtures';
import { testPaystack } from '../support/checkout-fixtures';
import { checkoutBody, closeCheckoutApiClients, type ErrorReply, request } from '../support/checkout-api-fixtures';
import { signedInAs, through } from '../support/doors';
import { paystackEnv, simulator, uniqueReference } from '../support/paystack-sim';
import { adminUser } from '../support/refund-fixtures';
import { eventKeyOf, settledEvent } from '../support/webhook-inbox';

// The next payment references, known in advance so a test can set the simulator's knobs for that one transaction.
const references = vi.hoisted(() => ({ queue: [] as string[] }));
vi.mock('@/lib/payments/reference', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/payments/reference')>();
  return { ...actual, newPaymentReference: () => references.queue.shift() ?? actual.newPaymentReference() };
});

const session = { user: null as null | SessionUser };
const standIns = () => signedInAs(session.user);
const checkoutRoute = through((await import('@/app/api/checkout/route')).POST, standIns);
const addRoute = through((await import('@/app/api/cart/items/route')).POST, standIns);
const listRoute = through((await import('@/app/api/account/cards/route')).GET, standIns);
const deleteRoute = through((await import('@/app/api/account/cards/[id]/route')).DELETE, standIns);
const webhookRoute = (await import('@/app/api/webhooks/paystack/route')).POST;

const { db, sql, redis } = cartTestClients();
const userIds: string[] = [];
let catalogue: Awaited<ReturnType<typeof createFixtureCatalogue>>;
const v = (index: number) => catalogue.variants[index]!;
const vault = createCardVault({ current: process.env.CARD_VAULT_KEY! });

interface CardJson {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  bank: string | null;
  expired: boolean;
}
interface PlacedReply {
  orderId: string;
  reference: string;
  authorizationUrl: string | null;
  paymentState: 'paid' | 'processing' | 'action_required';
  cardNotice?: { reason: string; message: string };
}

beforeAll(async () => {
  catalogue = await createFixtureCatalogue(db, 'saved-cards', [
    { stock: 200, priceAmount: 250_000 },
    { stock: 20, priceAmount: 400_000 },
  ]);
});
beforeEach(() => {
  session.user = null;
  references.queue = [];
});
afterAll(() => closeCheckoutApiClients({ db, sql, redis }, userIds));

async function shopper(): Promise<SessionUser> {
  const user = await createFixtureUser(db);
  userIds.push(user.id);
  return { id: user.id, email: user.email, name: user.name, role: 'customer' };
}

function as(user: SessionUser | null) {
  session.user = user;
}

async function fillCart(variantIndex = 0, quantity = 1) {
  const response = await addRoute(request('POST', '/api/cart/items', { body: { variantId: v(variantIndex).id, quantity } }));
  expect(response.status).toBe(200);
}

/** A reference for the next payment, with the simulator told to keep its webhooks (the test delivers them). */
async function nextReference(label: string, knobs: Parameters<typeof simulator.setKnobs>[1] = {}) {
  const reference = uniqueReference(label);
  await simulator.setKnobs(reference, { dropWebhooks: true, ...knobs });
  references.queue.push(reference);
  return reference;
}

const checkout = (user: SessionUser, extra: Record<string, unknown>) =>
  checkoutRoute(request('POST', '/api/checkout', { body: checkoutBody({ email: user.email, ...extra }) }));

function deliver(body: string) {
  const headers = { 'content-type': 'application/json', 'x-paystack-signature': signWebhookBody(body, paystackEnv().secretKey) };
  return webhookRoute(new Request('http://127.0.0.1:3100/api/webhooks/paystack', { method: 'POST', headers, body }));
}

async function chargeWebhook(reference: string): Promise<string> {
  const delivery = (await simulator.deliveries(reference)).find((candidate) => candidate.event === 'charge.success');
  if (!delivery) throw new Error(`no charge.success for ${reference}`);
  return delivery.body;
}

/** Hosted checkout with "save this card", paid at the simulator, its webhook applied: the shopper's card is saved. */
async function payOnceAndSave(user: SessionUser, knobs: Parameters<typeof simulator.setKnobs>[1] = {}) {
  as(user);
  await fillCart();
  const reference = await nextReference('save', knobs);
  const response = await checkout(user, { saveCard: true });
  expect(response.status).toBe(201);
  const placed = (await response.json()) as PlacedReply;
  expect(placed).toMatchObject({ reference, paymentState: 'action_required', authorizationUrl: expect.stringContaining('/checkout/') });
  expect((await simulator.act(reference, 'pay')).status).toBe(200);
  const body = await chargeWebhook(reference);
  const applied = await deliver(body);
  expect(await applied.json()).toEqual({ status: 'received' });
  // Applied by the inbox worker from the stored row: the card's code survived only sealed (sealed_body), then dropped.
  expect(await settledEvent(db, eventKeyOf(body))).toMatchObject({ status: 'processed', sealedBody: null });
  return { placed, body, reference };
}

async function listCards(user: SessionUser | null): Promise<{ status: number; cards: CardJson[] }> {
  as(user);
  const response = await listRoute(request('GET', '/api/account/cards'));
  const json = (await response.json()) as { cards: CardJson[] };
  return { status: response.status, cards: json.cards };
}

const paymentsOf = (orderId: string) => db.select().from(payments).where(eq(payments.orderId, orderId));
const orderOf = async (orderId: string) => (await db.select().from(orders).where(eq(orders.id, orderId)))[0]!;

describe('saving a card, listing it, paying in one click, refunding', () => {
  it('save → list → one-click success through the shared commit → the webhook is a duplicate → refund', async () => {
    const user = await shopper();
    const { body: firstWebhook } = await payOnceAndSave(user);
    const code = (JSON.parse(firstWebhook) as { data: { authorization: { authorization_code: string } } }).data.authorization.authorization_code;
    expect(code).toMatch(/^AUTH_/);

    // Listed with what a person may see, and nothing else.
    const listed = await listCards(user);
    expect(listed.status).toBe(200);
    expect(listed.cards).toEqual([
      { id: expect.any(String), brand: 'visa', last4: '4081', expMonth: 12, expYear: new Date().getFullYear() + 5, bank: 'TEST BANK', expired: false },
    ]);
    const card = listed.cards[0]!;

    // Stored sealed: the bytes are not the code, and open only with the key (a dump without it yields nothing usable).
    const [row] = await db.select().from(savedCards).where(eq(savedCards.id, card.id));
    expect(row!.sealedAuthorization).not.toContain(code);
    expect(Buffer.from(row!.sealedAuthorization, 'base64').toString('latin1')).not.toContain(code);
    expect(row!.keyId).toBe(vault.currentKeyId);
    expect(vault.open({ sealed: row!.sealedAuthorization, keyId: row!.keyId })).toBe(code);
    const otherKey = createCardVault({ current: Buffer.alloc(32, 5).toString('base64') });
    expect(otherKey.open({ sealed: row!.sealedAuthorization, keyId: otherKey.currentKeyId })).toBeNull();
    // Nor is it in the webhook inbox or the audit log.
    const inbox = await db
      .select({ payload: webhookEvents.payload })
      .from(webhookEvents)
      .where(raw`${webhookEvents.payload}::text LIKE ${`%${code}%`}`);
    expect(inbox).toEqual([]);
    const audits = await db
      .select({ id: auditLogs.id })
      .from(auditLogs)
      .where(raw`concat(${auditLogs.before}::text, ${auditLogs.after}::text, ${auditLogs.metadata}::text) LIKE ${`%${code}%`}`);
    expect(audits).toEqual([]);

    // Buy again in one click.
    await fillCart(1, 1);
    const reference = await nextReference('oneclick');
    const response = await checkout(user, { savedCardId: card.id });
    expect(response.status).toBe(201);
    const placed = (await response.json()) as PlacedReply;
    expect(placed).toMatchObject({ reference, paymentState: 'paid', authorizationUrl: null });
    expect(JSON.stringify(placed)).not.toContain(code);
    const order = await orderOf(placed.orderId);
    expect(order.status).toBe('paid');
    const [payment] = await paymentsOf(placed.orderId);
    expect(payment).toMatchObject({ status: 'paid', savedCardId: card.id, amount: order.totalAmount, reference });
    const holds = await db.select().from(inventoryReservations).where(eq(inventoryReservations.orderId, placed.orderId));
    expect(holds.map((hold) => hold.status)).toEqual(['committed']);
    expect(await variantStock(db, v(1).id)).toMatchObject({ reserved: 0 });

    // Paystack's charge.success for the same charge arrives afterwards: a duplicate, nothing applied twice.
    const replay = await deliver(await chargeWebhook(reference));
    expect(await replay.json()).toEqual({ status: 'duplicate' });
    const [again] = await paymentsOf(placed.orderId);
    expect(again!.status).toBe('paid');

    // A refund of a one-click payment works as any other.
    const admin = await adminUser(db);
    userIds.push(admin.id);
    const refund = await requestRefund(
      { db, paystack: testPaystack() },
      {
        orderId: placed.orderId,
        amount: order.totalAmount,
        reason: 'Changed their mind',
        actor: { kind: 'admin', userId: admin.id },
        idempotencyKey: randomUUID(),
      },
    );
    expect(refund.ok).toBe(true);
    expect((await orderOf(placed.orderId)).status).toBe('refunded');
  });

  it('keeps nothing when the shopper did not ask, when Paystack says the card is not reusable, or for a guest', async () => {
    const user = await shopper();
    as(user);
    await fillCart();
    const unasked = await nextReference('unasked');
    expect((await checkout(user, {})).status).toBe(201);
    await simulator.act(unasked, 'pay');
    const unaskedCharge = await chargeWebhook(unasked);
    await deliver(unaskedCharge);
    expect((await settledEvent(db, eventKeyOf(unaskedCharge))).status).toBe('processed');
    expect((await listCards(user)).cards).toEqual([]);

    await payOnceAndSave(user, { reusableAuthorization: false });
    expect((await listCards(user)).cards).toEqual([]);

    as(null);
    const guest = await checkoutRoute(request('POST', '/api/checkout', { body: checkoutBody({ saveCard: true }) }));
    expect(guest.status).toBe(401);
    expect(((await guest.json()) as ErrorReply).error.code).toBe('unauthenticated');
  });

  it('a card saved again (the same physical card) updates its row instead of adding one', async () => {
    const user = await shopper();
    await payOnceAndSave(user);
    await payOnceAndSave(user);
    expect((await listCards(user)).cards).toHaveLength(1);
  });
});

describe('a saved card that does not pay', () => {
  it.each([
    ['failed', 'card_declined', /declined/],
    ['send_otp', 'card_needs_verification', /confirm this payment/],
    ['open_url', 'card_needs_verification', /confirm this payment/],
  ] as const)('%s: the order stays payable and the shopper is sent to the hosted page with the reason', async (outcome, reason, words) => {
    const user = await shopper();
    await payOnceAndSave(user);
    const [card] = (await listCards(user)).cards;
    await fillCart(1, 1);
    const oneClick = await nextReference('refused', { chargeAuthorizationOutcome: outcome });
    const hosted = await nextReference('fallback');
    const response = await checkout(user, { savedCardId: card!.id });
    expect(response.status).toBe(201);
    const placed = (await response.json()) as PlacedReply;
    expect(placed).toMatchObject({ reference: hosted, paymentState: 'action_required', cardNotice: { reason, message: expect.stringMatching(words) } });
    expect(placed.authorizationUrl).toContain('/checkout/');
    expect((await orderOf(placed.orderId)).status).toBe('pending_payment');
    const rows = await paymentsOf(placed.orderId);
    expect(rows.find((row) => row.reference === oneClick)).toMatchObject({
      status: 'failed',
      savedCardId: card!.id,
      failureReason: expect.stringContaining('charge_authorization'),
    });
    expect(rows.find((row) => row.reference === hosted)).toMatchObject({ status: 'initialized', savedCardId: null });
    // The hosted page still takes the money for the same order.
    await simulator.act(hosted, 'pay');
    const hostedCharge = await chargeWebhook(hosted);
    await deliver(hostedCharge);
    expect((await settledEvent(db, eventKeyOf(hostedCharge))).status).toBe('processed');
    expect((await orderOf(placed.orderId)).status).toBe('paid');
  });

  it('a charge whose answer is lost is looked up before anything else: paid once, not sent to the hosted page', async () => {
    const user = await shopper();
    await payOnceAndSave(user);
    const [card] = (await listCards(user)).cards;
    const [variant] = [v(0)];
    const placed = await placeOrder(
      { db },
      { userId: user.id, email: user.email, shippingAddress: testAddress, deliveryOption: 'pickup', lines: [{ variantId: variant.id, quantity: 1 }] },
    );
    if (!placed.ok) throw new Error('not placed');
    const reference = uniqueReference('lost');
    await simulator.setKnobs(reference, { dropWebhooks: true, faults: { chargeAuthorization: { mode: 'timeout', phase: 'after', holdMs: 5_000 } } });
    const result = await chargeSavedCard(
      { db, paystack: testPaystack(), callbackUrl: 'http://127.0.0.1/checkout/return', expectedDomain: 'test', newReference: () => reference },
      { orderId: placed.value.id, userId: user.id, savedCardId: card!.id },
    );
    expect(result).toEqual({ ok: true, value: { state: 'paid', reference } });
    expect((await paymentsOf(placed.value.id)).map((row) => row.status)).toEqual(['paid']);
  });
});

describe('never charged twice', () => {
  it('eight one-click attempts on one order at once: one charge, the order paid once', async () => {
    const user = await shopper();
    await payOnceAndSave(user);
    const [card] = (await listCards(user)).cards;
    const placed = await placeOrder(
      { db },
      { userId: user.id, email: user.email, shippingAddress: testAddress, deliveryOption: 'pickup', lines: [{ variantId: v(0).id, quantity: 1 }] },
    );
    if (!placed.ok) throw new Error('not placed');
    const refs = Array.from({ length: 8 }, () => uniqueReference('race'));
    await Promise.all(refs.map((reference) => simulator.setKnobs(reference, { dropWebhooks: true })));
    const results = await Promise.all(
      refs.map((reference) =>
        chargeSavedCard(
          { db, paystack: testPaystack(), callbackUrl: 'http://127.0.0.1/checkout/return', expectedDomain: 'test', newReference: () => reference },
          { orderId: placed.value.id, userId: user.id, savedCardId: card!.id },
        ),
      ),
    );
    const paid = results.filter((result) => result.ok && result.value.state === 'paid');
    expect(paid).toHaveLength(1);
    for (const result of results) {
      if (!result.ok) expect(['payment_in_progress', 'order_not_payable']).toContain(result.error.code);
    }
    const rows = await paymentsOf(placed.value.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe('paid');
    // And Paystack made exactly one transaction among the references offered.
    const made = await Promise.all(refs.map(async (reference) => (await simulator.deliveries(reference)).length));
    expect(made.reduce((sum, n) => sum + n, 0)).toBe(1);
  });

  it('a double click on "Pay with Visa •••• 4081": one order charged, the other told a checkout is under way', async () => {
    const user = await shopper();
    await payOnceAndSave(user);
    const [card] = (await listCards(user)).cards;
    await fillCart(0, 2);
    await nextReference('double');
    const [a, b] = await Promise.all([checkout(user, { savedCardId: card!.id }), checkout(user, { savedCardId: card!.id })]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([201, 409]);
    const ok = (await (a.status === 201 ? a : b).json()) as PlacedReply;
    expect(ok.paymentState).toBe('paid');
    const charged = await db
      .select({ id: payments.id })
      .from(payments)
      .innerJoin(orders, eq(orders.id, payments.orderId))
      .where(and(eq(orders.userId, user.id), eq(payments.savedCardId, card!.id)));
    expect(charged).toHaveLength(1);
  });

  it('removal racing a checkout: either the charge used the card before it went, or the checkout finds no card — never both ways', async () => {
    const user = await shopper();
    await payOnceAndSave(user);
    const [card] = (await listCards(user)).cards;
    await fillCart(0, 1);
    const reference = await nextReference('removal');
    as(user);
    const [paid, removed] = await Promise.all([
      checkout(user, { savedCardId: card!.id }),
      deleteRoute(request('DELETE', `/api/account/cards/${card!.id}`), { params: Promise.resolve({ id: card!.id }) }),
    ]);
    expect(removed.status).toBe(200);
    expect((await listCards(user)).cards).toEqual([]);
    const deliveries = await simulator.deliveries(reference);
    if (paid.status === 201) {
      expect(((await paid.json()) as PlacedReply).paymentState).toBe('paid');
      expect(deliveries).toHaveLength(1);
    } else {
      expect(paid.status).toBe(404);
      expect(((await paid.json()) as ErrorReply).error.code).toBe('card_not_found');
      expect(deliveries).toHaveLength(0);
    }
    // The removal is audited, without the secret.
    const [entry] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, card!.id), eq(auditLogs.action, 'saved_card.removed')));
    expect(entry).toMatchObject({ actorType: 'user', actorId: user.id, before: { brand: 'visa', last4: '4081' } });
  });
});

describe('who may list, use or remove a card', () => {
  it('only the owner: another account and a guest get nothing, and no charge is made', async () => {
    const owner = await shopper();
    await payOnceAndSave(owner);
    const [card] = (await listCards(owner)).cards;
    const stranger = await shopper();

    expect((await listCards(stranger)).cards).toEqual([]);
    as(stranger);
    const removal = await deleteRoute(request('DELETE', `/api/account/cards/${card!.id}`), { params: Promise.resolve({ id: card!.id }) });
    expect(removal.status).toBe(404);
    expect(((await removal.json()) as ErrorReply).error.code).toBe('card_not_found');
    await fillCart(0, 1);
    const reference = await nextReference('stranger');
    const use = await checkout(stranger, { savedCardId: card!.id });
    expect(use.status).toBe(404);
    expect(((await use.json()) as ErrorReply).error.code).toBe('card_not_found');
    expect(await simulator.deliveries(reference)).toEqual([]);

    as(null);
    expect((await listRoute(request('GET', '/api/account/cards'))).status).toBe(401);
    const guestRemoval = await deleteRoute(request('DELETE', `/api/account/cards/${card!.id}`), { params: Promise.resolve({ id: card!.id }) });
    expect(guestRemoval.status).toBe(401);
    const guestUse = await checkoutRoute(request('POST', '/api/checkout', { body: checkoutBody({ savedCardId: card!.id }) }));
    expect(guestUse.status).toBe(401);
    expect((await listCards(owner)).cards).toHaveLength(1);
  });

  it('every use of a saved card is limited per account: the sixth in the window is 429, before any order or charge', async () => {
    const user = await shopper();
    await payOnceAndSave(user);
    const [card] = (await listCards(user)).cards;
    // The app's policy on a day-long window under a fresh prefix, so the count is exact (tests/integration convention).
    const limiter = createRateLimiter({
      redis,
      prefix: `test-ratelimit:${randomUUID().slice(0, 12)}`,
      policies: { savedCardUseByUser: { ...rateLimitPolicies.savedCardUseByUser, window: '1 d' } },
    });
    const limited = through((await import('@/app/api/checkout/route')).POST, () => ({ ...standIns(), limiter: () => limiter }));
    for (let use = 0; use < 5; use++) expect((await limiter.limit('savedCardUseByUser', user.id)).allowed).toBe(true);
    as(user);
    await fillCart(0, 1);
    const reference = await nextReference('limited');
    const refused = await limited(request('POST', '/api/checkout', { body: checkoutBody({ email: user.email, savedCardId: card!.id }) }));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await simulator.deliveries(reference)).toEqual([]);
    // Checking out without the card is not a card use.
    expect((await limited(request('POST', '/api/checkout', { body: checkoutBody({ email: user.email }) }))).status).toBe(201);
  });

  it('a card rests for 24 hours after the account’s email changes, and an expired card is refused; neither is deleted', async () => {
    const user = await shopper();
    await payOnceAndSave(user);
    const [card] = (await listCards(user)).cards;
    await db.update(users).set({ emailChangedAt: raw`now() - interval '23 hours'` }).where(eq(users.id, user.id));
    await fillCart(0, 1);
    const resting = await checkout(user, { savedCardId: card!.id });
    expect(resting.status).toBe(422);
    expect(((await resting.json()) as ErrorReply).error.code).toBe('card_resting');

    await db.update(users).set({ emailChangedAt: raw`now() - interval '25 hours'` }).where(eq(users.id, user.id));
    await db
      .update(savedCards)
      .set({ expYear: new Date().getFullYear() - 1 })
      .where(eq(savedCards.id, card!.id));
    expect((await listCards(user)).cards).toEqual([expect.objectContaining({ id: card!.id, expired: true })]);
    const expired = await checkout(user, { savedCardId: card!.id });
    expect(expired.status).toBe(422);
    expect(((await expired.json()) as ErrorReply).error.code).toBe('card_expired');
    // A password reset or "sign out everywhere" bumps the session version: cards stay.
    await db
      .update(users)
      .set({ sessionVersion: raw`${users.sessionVersion} + 1` })
      .where(eq(users.id, user.id));
    expect((await listCards(user)).cards).toHaveLength(1);
  });

  it('a row sealed with a key this process does not hold is no card at all', async () => {
    const user = await shopper();
    await payOnceAndSave(user);
    const [card] = (await listCards(user)).cards;
    const stolen = createCardVault({ current: Buffer.alloc(32, 1).toString('base64') }).seal('AUTH_planted0000');
    await db.update(savedCards).set({ sealedAuthorization: stolen.sealed, keyId: stolen.keyId }).where(eq(savedCards.id, card!.id));
    await fillCart(0, 1);
    const use = await checkout(user, { savedCardId: card!.id });
    expect(use.status).toBe(404);
  });
});

describe('rotating the vault key', () => {
  it('reseals a card with the new key; the old key then opens nothing, and the card still pays', async () => {
    const user = await shopper();
    await payOnceAndSave(user);
    const [card] = (await listCards(user)).cards;
    const [before] = await db.select().from(savedCards).where(eq(savedCards.id, card!.id));
    const code = vault.open({ sealed: before!.sealedAuthorization, keyId: before!.keyId });
    const newKey = Buffer.alloc(32, 7).toString('base64');
    const rotated = createCardVault({ current: newKey, previous: [process.env.CARD_VAULT_KEY!] });
    expect(await rotateCardKey(db, rotated, { userId: user.id })).toEqual({ resealed: 1, unreadable: 0 });
    const [after] = await db.select().from(savedCards).where(eq(savedCards.id, card!.id));
    expect(after!.keyId).toBe(rotated.currentKeyId);
    expect(after!.sealedAuthorization).not.toBe(before!.sealedAuthorization);
    expect(rotated.open({ sealed: after!.sealedAuthorization, keyId: after!.keyId })).toBe(code);
    expect(vault.open({ sealed: after!.sealedAuthorization, keyId: after!.keyId })).toBeNull();
    // A second run has nothing left to do; rotating back lets this process (which holds only the test key) charge it.
    expect(await rotateCardKey(db, rotated, { userId: user.id })).toEqual({ resealed: 0, unreadable: 0 });
    const back = createCardVault({ current: process.env.CARD_VAULT_KEY!, previous: [newKey] });
    expect(await rotateCardKey(db, back, { userId: user.id })).toEqual({ resealed: 1, unreadable: 0 });
    await fillCart(0, 1);
    await nextReference('rotated');
    const paid = (await (await checkout(user, { savedCardId: card!.id })).json()) as PlacedReply;
    expect(paid.paymentState).toBe('paid');
  });
});
