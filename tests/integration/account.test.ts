// A shopper's account against the real PostgreSQL, Redis (through the bridge) and mail catcher: the profile and its
// validation, changing the password (the current one required, the old one refused afterwards, the email sent, the
// limit), saved addresses scoped to their owner, guest orders joining only a verified account's history, the
// registration password rule, and a sign-in's cart merge told once. Route handlers are called with real Requests; who is
// signed in is stood in through the doors' seam (there is no browser session outside a request).
import { randomBytes, randomUUID } from 'node:crypto';
import { and, sql as drizzleSql, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETE as deleteAddressRoute, PUT as putAddressRoute } from '@/app/api/account/addresses/[id]/route';
import { POST as defaultAddressRoute } from '@/app/api/account/addresses/[id]/default/route';
import { GET as listAddressesRoute, POST as addAddressRoute } from '@/app/api/account/addresses/route';
import { POST as passwordRoute } from '@/app/api/account/password/route';
import { GET as getAccountRoute, PATCH as patchAccountRoute } from '@/app/api/account/route';
import { POST as mergeNoticesRoute } from '@/app/api/cart/merge-notices/route';
import { registerAction } from '@/app/(auth)/register/actions';
import { db as appDb } from '@/db';
import { getOrderForUser, listOrdersForUser } from '@/db/queries/orders';
import { addresses, auditLogs, authTokens, orders, outbox, users } from '@/db/schema';
import { MAX_SAVED_ADDRESSES } from '@/lib/account/addresses';
import { authTokenFor } from '@/lib/auth/auth-tokens';
import { registerUser } from '@/lib/auth/register-user';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { verifyEmail } from '@/lib/auth/verify-email';
import { addToCart } from '@/lib/cart/add-to-cart';
import { placeOrder } from '@/lib/checkout/place-order';
import { env } from '@/lib/core/env';
import { smtpConfigFromEnv, smtpMailer } from '@/lib/email/mailer';
import type { JobDeps } from '@/lib/jobs/definitions';
import { inProcessDriver } from '@/lib/jobs/drivers';
import { relayOutbox } from '@/lib/jobs/relay';
import { mayViewOrder } from '@/lib/orders/order-access';
import type { SessionUser } from '@/lib/server/deps/door-deps';
import { withDoorDeps } from '@/lib/server/deps/door-deps';
import { authorizeCredentials } from '@/lib/server/doors/auth-options';
import { newCartSessionId } from '@/lib/server/doors/cart-session';
import { createRateLimiter } from '@/lib/server/doors/rate-limit';
import { testSiteSecret, verifiedCustomer } from '../support/accounts';
import { cartTestClients, createFixtureCatalogue } from '../support/cart-fixtures';
import { testAddress } from '../support/catalog-fixtures';
import { testPaystack } from '../support/checkout-fixtures';
import { memoryCookieJar, signedInAs } from '../support/doors';
import { mailTo } from '../support/inbox';

const { db, sql, redis } = cartTestClients();
const site = env().NEXTAUTH_URL;
const secret = testSiteSecret();
const mailer = smtpMailer(smtpConfigFromEnv(env()));
const created: string[] = [];
let catalogue: Awaited<ReturnType<typeof createFixtureCatalogue>>;

beforeAll(async () => {
  // 0: plenty of stock; 1: two in stock; 2: plenty, but at most 3 per order.
  catalogue = await createFixtureCatalogue(db, 'account', [{ stock: 50 }, { stock: 2 }, { stock: 50, maxPerOrder: 3 }]);
});
afterAll(async () => {
  mailer.close();
  const ids = (await db.select({ id: users.id }).from(users).where(inArray(users.email, created))).map((row) => row.id);
  if (ids.length > 0) {
    await db.delete(orders).where(inArray(orders.email, created));
    await db.delete(users).where(inArray(users.id, ids));
  }
  await catalogue.cleanup();
  await sql.end();
  await (globalThis as { __shopDb?: { sql: { end: () => Promise<void> } } }).__shopDb?.sql.end();
});

const uniqueEmail = (label: string) => {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.test`;
  created.push(email);
  return email;
};

async function customer(label: string, password = 'Lagos-Market-42'): Promise<SessionUser & { password: string }> {
  const user = await verifiedCustomer(db, { email: uniqueEmail(label), name: 'Ada Obi', password });
  return { ...user, password };
}

// Each test's own limiter (day-long windows are not needed: the password limit is 5 per 15 minutes).
const limiter = createRateLimiter({ redis, prefix: `test-ratelimit:${randomBytes(6).toString('hex')}` });

function call(
  handler: (request: Request, context?: { params?: Promise<unknown> }) => Promise<Response>,
  user: SessionUser | null,
  method: string,
  path: string,
  options: { body?: unknown; params?: Record<string, string> } = {},
) {
  const request = new Request(new URL(path, site), {
    method,
    headers: { origin: site, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return withDoorDeps({ ...signedInAs(user), limiter: () => limiter }, () => handler(request, { params: Promise.resolve(options.params ?? {}) }));
}

const jobDeps: JobDeps = {
  db: appDb,
  mailer,
  siteUrl: site,
  orderAccessSecret: secret,
  paystack: testPaystack(),
  expectedDomain: 'test',
  recoveryDelayMs: 0,
  log: () => {},
};

describe('profile', () => {
  it('reads and edits name and phone, refusing what is not valid, field by field; audited', async () => {
    const ada = await customer('profile');
    expect(await (await call(getAccountRoute, ada, 'GET', '/api/account')).json()).toEqual({ profile: { email: ada.email, name: 'Ada Obi', phone: null } });

    const blank = await call(patchAccountRoute, ada, 'PATCH', '/api/account', { body: { name: '   ', phone: '0803 123 4567' } });
    expect(blank.status).toBe(400);
    expect((await blank.json()).error.fieldErrors).toEqual({ name: ['Enter your name.'] });
    const badPhone = await call(patchAccountRoute, ada, 'PATCH', '/api/account', { body: { name: 'Ada Obi', phone: '12345' } });
    expect(badPhone.status).toBe(400);
    expect((await badPhone.json()).error.fieldErrors).toEqual({ phone: ['Enter a Nigerian phone number, e.g. 0803 123 4567'] });
    const [unchanged] = await db.select({ name: users.name, phone: users.phone }).from(users).where(eq(users.id, ada.id));
    expect(unchanged).toEqual({ name: 'Ada Obi', phone: null });

    const saved = await call(patchAccountRoute, ada, 'PATCH', '/api/account', { body: { name: ' Adaeze Obi ', phone: '0803-123-4567' } });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ profile: { email: ada.email, name: 'Adaeze Obi', phone: '08031234567' } });
    // An empty phone clears it; leaving it out keeps it.
    await call(patchAccountRoute, ada, 'PATCH', '/api/account', { body: { name: 'Adaeze Obi' } });
    expect((await db.select({ phone: users.phone }).from(users).where(eq(users.id, ada.id)))[0]?.phone).toBe('08031234567');
    await call(patchAccountRoute, ada, 'PATCH', '/api/account', { body: { name: 'Adaeze Obi', phone: '' } });
    expect((await db.select({ phone: users.phone }).from(users).where(eq(users.id, ada.id)))[0]?.phone).toBeNull();

    const audit = await db
      .select({ before: auditLogs.before, after: auditLogs.after })
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, ada.id), eq(auditLogs.action, 'user.profile_updated')))
      .orderBy(auditLogs.createdAt);
    expect(audit[0]).toEqual({ before: { name: 'Ada Obi', phone: null }, after: { name: 'Adaeze Obi', phone: '08031234567' } });
    expect(audit).toHaveLength(2);
  });

  it('is for the signed-in only, and refuses a cross-site edit', async () => {
    expect((await call(getAccountRoute, null, 'GET', '/api/account')).status).toBe(401);
    const ada = await customer('profile-xsite');
    const request = new Request(new URL('/api/account', site), {
      method: 'PATCH',
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Mallory' }),
    });
    const response = await withDoorDeps({ ...signedInAs(ada), limiter: () => limiter }, () => patchAccountRoute(request));
    expect(response.status).toBe(403);
    expect((await db.select({ name: users.name }).from(users).where(eq(users.id, ada.id)))[0]?.name).toBe('Ada Obi');
  });
});

describe('changing the password', () => {
  it('needs the current one; afterwards only the new one works, every session is ended and the owner is emailed', async () => {
    const ada = await customer('password', 'Old-Password-2026');
    const [before] = await db.select({ version: users.sessionVersion }).from(users).where(eq(users.id, ada.id));

    const wrong = await call(passwordRoute, ada, 'POST', '/api/account/password', {
      body: { currentPassword: 'not-it-2026', newPassword: 'New-Password-2027' },
    });
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).error.code).toBe('current_password_incorrect');
    const weak = await call(passwordRoute, ada, 'POST', '/api/account/password', { body: { currentPassword: 'Old-Password-2026', newPassword: ada.email } });
    expect(weak.status).toBe(400);
    expect((await weak.json()).error.fieldErrors.newPassword).toContain('Do not use your email address, or something close to it, as the password.');
    expect((await verifyCredentials({ db }, { email: ada.email, password: 'Old-Password-2026' })).ok).toBe(true);

    const changed = await call(passwordRoute, ada, 'POST', '/api/account/password', {
      body: { currentPassword: 'Old-Password-2026', newPassword: 'New-Password-2027' },
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({ changed: true, signedOut: true });
    expect((await verifyCredentials({ db }, { email: ada.email, password: 'Old-Password-2026' })).ok).toBe(false);
    expect((await verifyCredentials({ db }, { email: ada.email, password: 'New-Password-2027' })).ok).toBe(true);
    const [after] = await db.select({ version: users.sessionVersion }).from(users).where(eq(users.id, ada.id));
    expect(after!.version).toBe(before!.version + 1);
    const [audit] = await db
      .select({ metadata: auditLogs.metadata })
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, ada.id), eq(auditLogs.action, 'user.password_changed')));
    expect(audit?.metadata).toMatchObject({ sessionsEnded: true });
    expect(JSON.stringify(audit)).not.toContain('Password-2027');

    const jobs = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.event, 'account/password-changed'), eq(payloadText('userId'), ada.id)));
    expect(jobs).toHaveLength(1);
    await relayOutbox({ db: appDb, driver: inProcessDriver(jobDeps) }, { ids: jobs.map((job) => job.id) });
    const [mail] = await mailTo(ada.email, 1, (message) => message.subject.includes('password was changed'));
    expect(mail!.text.replace(/\s+/g, ' ')).toContain('Every device that was signed in has been signed out.');
    expect(mail!.text).toContain('/reset-password');
  });

  it('is limited per account: the sixth try in 15 minutes is refused before the password is checked', async () => {
    const ada = await customer('password-limit');
    const attempt = () =>
      call(passwordRoute, ada, 'POST', '/api/account/password', { body: { currentPassword: 'wrong-guess-1', newPassword: 'New-Password-2027' } });
    for (let i = 0; i < 5; i += 1) expect((await attempt()).status).toBe(403);
    const refused = await attempt();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

const payloadText = (key: string) => drizzleSql<string>`${outbox.payload}->>${key}`;

const address = (overrides: Record<string, unknown> = {}) => ({ ...testAddress, label: 'Home', ...overrides });

describe('saved addresses', () => {
  it('belong to their owner: another shopper can neither list, change, delete nor choose them', async () => {
    const ada = await customer('addresses-owner');
    const bisi = await customer('addresses-other');
    const home = await call(addAddressRoute, ada, 'POST', '/api/account/addresses', { body: address() });
    expect(home.status).toBe(201);
    const { address: saved } = await home.json();
    expect(saved).toMatchObject({ label: 'Home', fullName: 'Ngozi Test', isDefault: true, country: 'NG' });

    expect(await (await call(listAddressesRoute, bisi, 'GET', '/api/account/addresses')).json()).toEqual({ addresses: [] });
    const params = { id: saved.id };
    expect((await call(putAddressRoute, bisi, 'PUT', `/api/account/addresses/${saved.id}`, { body: address({ line1: 'Stolen' }), params })).status).toBe(404);
    expect((await call(deleteAddressRoute, bisi, 'DELETE', `/api/account/addresses/${saved.id}`, { params })).status).toBe(404);
    expect((await call(defaultAddressRoute, bisi, 'POST', `/api/account/addresses/${saved.id}/default`, { params })).status).toBe(404);
    expect((await call(listAddressesRoute, null, 'GET', '/api/account/addresses')).status).toBe(401);
    const [row] = await db.select().from(addresses).where(eq(addresses.id, saved.id));
    expect(row).toMatchObject({ userId: ada.id, line1: testAddress.line1, isDefault: true });
  });

  it('keep exactly one default: the first, or the one chosen; deleting it passes it to the newest; at most 10', async () => {
    const ada = await customer('addresses-default');
    const add = async (body: Record<string, unknown>) => (await (await call(addAddressRoute, ada, 'POST', '/api/account/addresses', { body })).json()).address;
    const home = await add(address());
    const office = await add(address({ label: 'Office', line1: '3 Broad Street', isDefault: true }));
    const shop = await add(address({ label: 'Shop', line1: '9 Market Road' }));
    const list = async () =>
      (await (await call(listAddressesRoute, ada, 'GET', '/api/account/addresses')).json()).addresses as Array<{ id: string; isDefault: boolean }>;
    expect((await list()).filter((a) => a.isDefault).map((a) => a.id)).toEqual([office.id]);
    expect((await list())[0]?.id).toBe(office.id);

    const invalid = await call(putAddressRoute, ada, 'PUT', `/api/account/addresses/${home.id}`, { body: address({ phone: '123' }), params: { id: home.id } });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.fieldErrors).toHaveProperty('phone');

    expect((await call(defaultAddressRoute, ada, 'POST', `/api/account/addresses/${home.id}/default`, { params: { id: home.id } })).status).toBe(200);
    expect((await list()).filter((a) => a.isDefault).map((a) => a.id)).toEqual([home.id]);
    expect((await call(deleteAddressRoute, ada, 'DELETE', `/api/account/addresses/${home.id}`, { params: { id: home.id } })).status).toBe(200);
    expect((await list()).filter((a) => a.isDefault).map((a) => a.id)).toEqual([shop.id]);

    for (let i = (await list()).length; i < MAX_SAVED_ADDRESSES; i += 1) await add(address({ label: `Extra ${i}` }));
    const tooMany = await call(addAddressRoute, ada, 'POST', '/api/account/addresses', { body: address() });
    expect(tooMany.status).toBe(409);
    expect((await tooMany.json()).error.code).toBe('too_many_addresses');
  });
});

describe('guest orders and accounts', () => {
  const guestOrder = async (email: string, userId: string | null = null) => {
    const placed = await placeOrder(
      { db },
      { userId, email, shippingAddress: testAddress, deliveryOption: 'pickup', lines: [{ variantId: catalogue.variants[0]!.id, quantity: 1 }] },
    );
    if (!placed.ok) throw new Error(JSON.stringify(placed.error));
    return placed.value;
  };

  it('a guest order placed with a verified account’s address joins its history at once; one signed in to another account does not', async () => {
    const ada = await customer('join-verified');
    const order = await guestOrder(ada.email);
    expect(order.joinedUserId).toBe(ada.id);
    expect((await listOrdersForUser(db, { userId: ada.id })).items.map((o) => o.id)).toEqual([order.id]);
    expect(await getOrderForUser(db, { orderId: order.id, userId: ada.id })).toMatchObject({ id: order.id, userId: null, joinedUserId: ada.id });
    // Its owner sees it without the guest link; the guest's link keeps working; nobody else sees it.
    expect(mayViewOrder({ id: order.id, userId: null, joinedUserId: ada.id }, { userId: ada.id, secret })).toBe(true);
    expect(mayViewOrder({ id: order.id, userId: null, joinedUserId: ada.id }, { userId: randomUUID(), secret })).toBe(false);

    const bisi = await customer('join-other');
    const placedSignedIn = await guestOrder(ada.email, bisi.id);
    expect(placedSignedIn.joinedUserId).toBeNull();
    expect((await listOrdersForUser(db, { userId: ada.id })).items.map((o) => o.id)).toEqual([order.id]);
  });

  it('an unverified account never gets a guest’s orders; verifying its address brings the earlier ones in', async () => {
    const email = uniqueEmail('join-unverified');
    // Someone registers the address (and does not confirm it), then a guest buys with it.
    const registered = await registerUser({ db, secret }, { email, name: 'Squatter', password: 'Lagos-Market-42' });
    expect(registered.ok).toBe(true);
    const [account] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    const order = await guestOrder(email);
    expect(order.joinedUserId).toBeNull();
    expect((await listOrdersForUser(db, { userId: account!.id })).total).toBe(0);
    expect(await getOrderForUser(db, { orderId: order.id, userId: account!.id })).toBeNull();

    // Only a proven address joins: the account confirms with its link (and the password it registered with).
    const link = await verifyLinkFor(account!.id);
    const confirmed = await verifyEmail({ db, secret }, { token: link, password: 'Lagos-Market-42' });
    expect(confirmed.ok).toBe(true);
    expect((await listOrdersForUser(db, { userId: account!.id })).items.map((o) => o.id)).toEqual([order.id]);
    const [audit] = await db
      .select({ after: auditLogs.after })
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, account!.id), eq(auditLogs.action, 'user.guest_orders_joined')));
    expect(audit?.after).toEqual({ orderIds: [order.id] });
  });
});

/** The verify link's token as the email would carry it, rebuilt from the token row's id and the site's secret. */
async function verifyLinkFor(userId: string): Promise<string> {
  const [row] = await db
    .select({ id: authTokens.id })
    .from(authTokens)
    .where(and(eq(authTokens.userId, userId), eq(authTokens.purpose, 'verify_email')));
  if (!row) throw new Error('no verify link');
  return authTokenFor(secret, row.id);
}

describe('registration password rule', () => {
  const register = (email: string, password: string) =>
    withDoorDeps(
      {
        session: async () => null,
        requestHeaders: async () => new Headers({ 'x-forwarded-for': `register-${randomUUID()}` }),
        limiter: () => limiter,
        ...memoryCookieJar().deps,
      },
      () => {
        const form = new FormData();
        form.set('email', email);
        form.set('name', 'Chidinma Eze');
        form.set('password', password);
        return registerAction({ data: { status: 'idle' } }, form);
      },
    );

  it('accepts a password that contains the name part of the email, and refuses the email itself or a close match', async () => {
    const email = uniqueEmail('chidinma');
    const local = email.split('@')[0]!;
    expect((await register(email, `${local}-Market-2026`)).data).toEqual({ status: 'check_email', email });
    const closeMatches = [(e: string) => e, (e: string) => e.toUpperCase(), (e: string) => `${e}1`, (e: string) => `${e.split('@')[0]}01`];
    for (const passwordFor of closeMatches) {
      const other = uniqueEmail('chidinma');
      expect((await register(other, passwordFor(other))).data).toMatchObject({
        status: 'error',
        fieldErrors: { password: expect.arrayContaining(['Do not use your email address, or something close to it, as the password.']) },
      });
    }
  });
});

describe('a sign-in that trims the cart', () => {
  it('tells the shopper once what changed and why (stock, or the most one order may take)', async () => {
    const ada = await customer('merge-notice');
    const inStock = catalogue.variants[1]!; // two in stock
    const perOrder = catalogue.variants[2]!; // at most three per order
    // The account's cart already holds 2 and 2; as a guest the shopper adds 1 and 2 more.
    expect((await addToCart({ db, redis }, { kind: 'user', userId: ada.id }, { variantId: inStock.id, quantity: 2 })).ok).toBe(true);
    expect((await addToCart({ db, redis }, { kind: 'user', userId: ada.id }, { variantId: perOrder.id, quantity: 2 })).ok).toBe(true);
    const sessionId = newCartSessionId();
    const guest = { kind: 'guest' as const, sessionId };
    expect((await addToCart({ db, redis }, guest, { variantId: inStock.id, quantity: 1 }, { newCart: true })).ok).toBe(true);
    expect((await addToCart({ db, redis }, guest, { variantId: perOrder.id, quantity: 2 })).ok).toBe(true);

    const signedIn = await authorizeCredentials(
      { email: ada.email, password: ada.password },
      { cookie: `cart_session=${sessionId}`, 'x-forwarded-for': `merge-${randomUUID()}` },
    );
    expect(signedIn).toMatchObject({ id: ada.id });

    const first = await call(mergeNoticesRoute, ada, 'POST', '/api/cart/merge-notices');
    expect(first.status).toBe(200);
    const told = await first.json();
    expect(told.headline).toContain('from before you signed in');
    expect(told.messages).toEqual(
      expect.arrayContaining([
        `${titleOf(inStock)}: you had 3 across both carts, but only 2 are in stock, so your cart now has 2.`,
        `${titleOf(perOrder)}: you had 4 across both carts; one order can take at most 3, so your cart now has 3.`,
      ]),
    );
    // Once: the next read says nothing.
    expect(await (await call(mergeNoticesRoute, ada, 'POST', '/api/cart/merge-notices')).json()).toEqual({ notices: [], headline: null, messages: [] });
  });
});

const titleOf = (variant: { title: string }) => `${catalogue.product.title} (${variant.title})`;
