// Two `next start` processes of the production build behind the real nginx front (tests/support/two-process-pool.ts),
// supervised as under `npm start`, one database, one Redis, each with the in-process job runner: the shop stays one shop.
// - A flash sale: 100 guest buyers, each with its own address, put the one variant of 50 units in their carts through
//   the front, then all check out at once (the JSON Store API the bench drives, bench/support/shoppers.ts; a third
//   through the front, a third straight to each process): exactly 50 orders hold the 50 units, every other buyer is
//   told out_of_stock, no 5xx, the stock never goes below zero.
// - A webhook storm: 40 payments made by checkouts and paid at the simulator; each signed charge.success is delivered
//   3 times at once — once to each process and once through the front; each is applied once.
// - An admin's price edit through process A's own port shows on the listing process B serves within 10 s.
// - kill -9 of one process under an add-to-cart + checkout load: nothing fails after the first second, every order is
//   whole, the supervisor brings the process back. A reload under the same load: nothing fails, every process new.
// (That each schedule runs once per period across such a cluster is schedules-soak.spec.ts, beside these specs.)
// Which process served a request is read from the pool's log: every request leaves one line (lib/log.ts) carrying the
// caller's x-request-id and the pid pino writes on every line; the front passes x-request-id through.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { and, eq, inArray, sql as dsql } from 'drizzle-orm';
import { checkoutBody, shopperIp } from '../../bench/support/shoppers';
import { getProductForEdit } from '../../db/queries/admin-products';
import { auditLogs, inventoryReservations, orders, payments, productVariants, webhookEvents } from '../../db/schema';
import { formatMoney } from '../../lib/core/money';
import { toEditorData } from '../../lib/products/product-editor-data';
import type { AppPool, ProcessInfo } from '../../scripts/stack/app-pool';
import { stackEnv } from '../../scripts/stack/env';
import { profiles, repoRoot } from '../../scripts/stack/profiles';
import { isAlive } from '../../scripts/stack/process';
import { createTestVariants, variantStock } from '../support/catalog-fixtures';
import { testDatabase } from '../support/db';
import { requestOnNewConnection } from '../support/new-connection';
import { simulator } from '../support/paystack-sim';
import { type RequestLine, requestLines, startTwoProcessPool } from '../support/two-process-pool';
import { waitFor } from '../support/wait';
import { storageStateOf } from './auth-helpers';
import { expect, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

const env = stackEnv(profiles.test);
// The simulator's helpers read these (set under `npm test`; not when Playwright runs alone).
process.env.PAYSTACK_BASE_URL ??= env.PAYSTACK_BASE_URL;
process.env.PAYSTACK_SECRET_KEY ??= env.PAYSTACK_SECRET_KEY;

const { db, sql } = testDatabase(4);
const logFile = path.join(profiles.test.dataDir, 'two-processes', 'app.log');
let pool: AppPool;

test.beforeAll(async () => {
  test.setTimeout(60_000);
  rmSync(logFile, { force: true });
  // At info, so every request leaves its line (route, status, request id, pid) in the log.
  pool = await startTwoProcessPool({ name: 'two-processes', logFile, env: { LOG_LEVEL: 'info' } });
  // Warm each process as the pool warms a process it swaps in at a reload (its database pool, Redis client, page and
  // cart code loaded), plus one add to cart: a cold process hit by 100 requests at once on a busy machine answered one
  // rate-limit check too late, which fails closed (503 rate_limit_unavailable).
  const [warmVariant] = await createTestVariants(db, [{ stock: 10 }]);
  for (const [index, info] of pool.processes().entries()) {
    for (const page of ['/api/health/ready', '/']) await fetch(`http://127.0.0.1:${info.port}${page}`).then((response) => response.arrayBuffer());
    const warmed = await fetch(`http://127.0.0.1:${info.port}/api/cart/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.250.0.${index + 1}` },
      body: JSON.stringify({ variantId: warmVariant!.id, quantity: 1 }),
    });
    expect(warmed.status).toBe(200);
  }
});

test.afterAll(async () => {
  await pool?.stop();
  await sql.end();
});

/** The request lines of the given request ids, once every one of them is in the log (it is written through a pipe). */
async function linesOf(requestIds: readonly string[]): Promise<Map<string, RequestLine>> {
  return waitFor(
    `the request lines of ${requestIds.length} requests in the pool's log`,
    () => {
      const wanted = new Set(requestIds);
      const found = new Map(
        requestLines(logFile)
          .filter((line) => wanted.has(line.requestId))
          .map((line) => [line.requestId, line]),
      );
      return found.size === wanted.size ? found : undefined;
    },
    10_000,
  );
}

const countBy = <T>(items: readonly T[], key: (item: T) => string | number) => {
  const counts: Record<string, number> = {};
  for (const item of items) counts[String(key(item))] = (counts[String(key(item))] ?? 0) + 1;
  return counts;
};

interface Reply {
  status: number;
  code: string;
  body: Record<string, unknown> | null;
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<Reply> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const parsed = (await response.json().catch(() => null)) as (Record<string, unknown> & { error?: { code?: string } }) | null;
  return { status: response.status, code: parsed?.error?.code ?? 'ok', body: parsed };
}

/** A guest buyer's add to cart through the front (no cookie: the answer issues the cart's), with its own address. */
async function addToCart(variantId: string, ip: string, requestId: string) {
  const response = await fetch(`${pool.url}/api/cart/items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, 'x-request-id': requestId },
    body: JSON.stringify({ variantId, quantity: 1 }),
  });
  const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
  const cookie = response.headers
    .getSetCookie()
    .find((line) => line.startsWith('cart_session='))
    ?.split(';')[0];
  return { status: response.status, code: body?.error?.code ?? 'ok', cookie };
}

/**
 * Where the n-th of a burst of requests enters: the front, or straight at process A or B. The front balances as it
 * sees fit (on a loaded machine the supervisor may take a slow process out of the rotation for a while), so a third of
 * a burst goes straight to each process: both certainly take part. A request straight to a process carries the
 * X-Forwarded-For chain nginx would have passed on (the shopper's address, then the front's own), so the app sees the
 * same shopper either way.
 */
function entry(n: number): { url: string; forwardedFor: (ip: string) => string } {
  const [a, b] = pool.processes() as [ProcessInfo, ProcessInfo];
  if (n % 3 === 0) return { url: pool.url, forwardedFor: (ip) => ip };
  const target = n % 3 === 1 ? a : b;
  return { url: `http://127.0.0.1:${target.port}`, forwardedFor: (ip) => `${ip}, 127.0.0.1` };
}

const checkout = (cookie: string, ip: string, index: number, label: string, requestId: string) => {
  const { url, forwardedFor } = entry(index);
  return post(`${url}/api/checkout`, { cookie, 'x-forwarded-for': forwardedFor(ip), 'x-request-id': requestId }, checkoutBody(index, label));
};

test('flash sale on two processes behind the front: 100 buyers, 50 units, exactly 50 orders', async () => {
  test.setTimeout(60_000);
  const BUYERS = 100;
  const UNITS = 50;
  const [variant] = await createTestVariants(db, [{ stock: UNITS }]);
  const variantId = variant!.id;
  const started = Date.now();

  // Every buyer has the last units in the cart (nothing is held yet, so each add succeeds)…
  const carts = await Promise.all(Array.from({ length: BUYERS }, (_, index) => addToCart(variantId, shopperIp(index, 10), `fs-add-${index}`)));
  expect(countBy(carts, (cart) => `${cart.status} ${cart.code}`)).toEqual({ '200 ok': BUYERS });

  // …then all check out at once, while a watcher reads the variant's row over and over.
  let selling = true;
  const seen: Array<{ stockOnHand: number; reserved: number }> = [];
  const watcher = (async () => {
    while (selling && seen.length < 10_000) seen.push(await variantStock(db, variantId));
  })();
  const answers = await Promise.all(carts.map((cart, index) => checkout(cart.cookie!, shopperIp(index, 10), index, 'two-proc-sale', `fs-co-${index}`)));
  selling = false;
  await watcher;
  const seconds = (Date.now() - started) / 1000;

  const outcomes = countBy(answers, (answer) => `${answer.status} ${answer.code}`);
  expect(outcomes).toEqual({ '201 ok': UNITS, '409 out_of_stock': BUYERS - UNITS });
  expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);

  // The database: 50 orders, each holding one unit; the holds add up to the reserved count, which is the stock.
  const holds = await db
    .select({ orderId: inventoryReservations.orderId, quantity: inventoryReservations.quantity })
    .from(inventoryReservations)
    .where(and(eq(inventoryReservations.variantId, variantId), eq(inventoryReservations.status, 'active')));
  expect(holds).toHaveLength(UNITS);
  expect(new Set(holds.map((hold) => hold.orderId)).size).toBe(UNITS);
  expect(holds.reduce((total, hold) => total + hold.quantity, 0)).toBe(UNITS);
  const won = answers.filter((answer) => answer.status === 201).map((answer) => answer.body!.orderId as string);
  expect(new Set(won)).toEqual(new Set(holds.map((hold) => hold.orderId)));
  expect(await variantStock(db, variantId)).toMatchObject({ stockOnHand: UNITS, reserved: UNITS });
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.filter((row) => row.stockOnHand < 0 || row.reserved < 0 || row.reserved > row.stockOnHand)).toEqual([]);

  // Both processes sold: each served checkouts (which one won each unit is the race's; the annotation says).
  const lines = await linesOf([...carts.map((_, index) => `fs-add-${index}`), ...answers.map((_, index) => `fs-co-${index}`)]);
  const pids = [...new Set(answers.map((_, index) => lines.get(`fs-co-${index}`)!.pid))];
  expect(pids).toHaveLength(2);
  const checkoutsByPid = countBy(
    answers.map((_, index) => lines.get(`fs-co-${index}`)!),
    (line) => line.pid,
  );
  const ordersByPid = countBy(
    answers.flatMap((answer, index) => (answer.status === 201 ? [lines.get(`fs-co-${index}`)!] : [])),
    (line) => line.pid,
  );
  for (const pid of pids) expect(checkoutsByPid[pid] ?? 0).toBeGreaterThan(0);
  test.info().annotations.push({
    type: 'flash sale',
    description: `${BUYERS} buyers in ${seconds.toFixed(1)} s: ${JSON.stringify(outcomes)}; checkouts per process ${JSON.stringify(checkoutsByPid)}, orders per process ${JSON.stringify(ordersByPid)}; ${seen.length} stock readings, none negative`,
  });
});

test('webhook storm on two processes behind the front: copies of each of 40 events on both, each payment applied once', async () => {
  test.setTimeout(60_000);
  const EVENTS = 40;
  const COPIES = 3;
  const STOCK = 100;
  const [variant] = await createTestVariants(db, [{ stock: STOCK }]);
  const variantId = variant!.id;

  // 40 pending payments, each made by a guest's checkout through the front; the simulator keeps each webhook to itself.
  const placed = await Promise.all(
    Array.from({ length: EVENTS }, async (_, index) => {
      const ip = shopperIp(index, 11);
      const cart = await addToCart(variantId, ip, `wh-add-${index}`);
      expect(cart.status).toBe(200);
      const answer = await checkout(cart.cookie!, ip, index, 'two-proc-storm', `wh-co-${index}`);
      expect(answer.status).toBe(201);
      return { orderId: answer.body!.orderId as string, reference: answer.body!.reference as string };
    }),
  );
  // Paid at the simulator, whose signed charge.success (the very bytes and signature it would send) is delivered here.
  const events = await Promise.all(
    placed.map(async ({ orderId, reference }) => {
      await simulator.setKnobs(reference, { dropWebhooks: true });
      const paid = await simulator.act(reference, 'pay');
      expect(paid.status).toBe(200);
      const delivery = (await simulator.deliveries(reference)).find((candidate) => candidate.event === 'charge.success');
      expect(delivery).toBeDefined();
      const chargeId = (JSON.parse(delivery!.body) as { data: { id: number } }).data.id;
      return { orderId, reference, body: delivery!.body, signature: delivery!.signature, eventKey: `charge.success:${chargeId}` };
    }),
  );

  const started = Date.now();
  const replies = await Promise.all(
    events.flatMap((event, index) =>
      Array.from({ length: COPIES }, async (_, copy) => {
        // One copy straight to each process and one through the front: the copies of every event are split.
        const reply = await post(
          `${entry(copy).url}/api/webhooks/paystack`,
          { 'x-paystack-signature': event.signature, 'x-request-id': `wh-${index}-${copy}` },
          event.body,
        );
        return { index, copy, status: reply.status, outcome: String(reply.body?.status ?? reply.code) };
      }),
    ),
  );
  const seconds = (Date.now() - started) / 1000;
  expect(replies.filter((reply) => reply.status !== 200)).toEqual([]);
  for (let index = 0; index < EVENTS; index++) {
    expect(
      replies
        .filter((reply) => reply.index === index)
        .map((reply) => reply.outcome)
        .sort(),
    ).toEqual(['duplicate', 'duplicate', 'received']);
  }

  // Which process got which copy: the copies of every event were split between the two.
  const lines = await linesOf(replies.map((reply) => `wh-${reply.index}-${reply.copy}`));
  const pidsOf = (index: number) => new Set(Array.from({ length: COPIES }, (_, copy) => lines.get(`wh-${index}-${copy}`)!.pid));
  const deliveriesByPid = countBy([...lines.values()], (line) => line.pid);
  expect(Object.keys(deliveriesByPid)).toHaveLength(2);
  const split = events.filter((_, index) => pidsOf(index).size === 2).length;
  expect(split).toBe(EVENTS);

  // The database: every payment paid once — one processed event row per key, one payment.paid and one order.paid
  // audit entry each, each order's hold committed once, the stock taken once per order.
  const orderIds = events.map((event) => event.orderId);
  // Stored and acknowledged is not applied yet: the processes' inbox workers apply every event.
  const eventRows = await waitFor(
    'every stored event applied by the inbox workers',
    async () => {
      const rows = await db
        .select({ key: webhookEvents.eventKey, status: webhookEvents.status, attempts: webhookEvents.attempts })
        .from(webhookEvents)
        .where(
          inArray(
            webhookEvents.eventKey,
            events.map((event) => event.eventKey),
          ),
        );
      return rows.some((row) => row.status === 'received') ? undefined : rows;
    },
    20_000,
  );
  expect(eventRows).toHaveLength(EVENTS);
  expect(eventRows.filter((row) => row.status !== 'processed' || row.attempts !== 1)).toEqual([]);
  const paymentRows = await db.select({ id: payments.id, status: payments.status }).from(payments).where(inArray(payments.orderId, orderIds));
  expect(paymentRows).toHaveLength(EVENTS);
  expect(paymentRows.filter((row) => row.status !== 'paid')).toEqual([]);
  expect(await db.$count(orders, and(inArray(orders.id, orderIds), eq(orders.status, 'paid')))).toBe(EVENTS);
  const auditPerEntity = async (action: string, ids: string[]) =>
    db
      .select({ id: auditLogs.entityId, n: dsql<number>`count(*)::int` })
      .from(auditLogs)
      .where(and(inArray(auditLogs.entityId, ids), eq(auditLogs.action, action)))
      .groupBy(auditLogs.entityId);
  const paidEntries = await auditPerEntity(
    'payment.paid',
    paymentRows.map((row) => row.id),
  );
  expect(paidEntries).toHaveLength(EVENTS);
  expect(paidEntries.filter((row) => row.n !== 1)).toEqual([]);
  const orderEntries = await auditPerEntity('order.paid', orderIds);
  expect(orderEntries).toHaveLength(EVENTS);
  expect(orderEntries.filter((row) => row.n !== 1)).toEqual([]);
  const holds = await db
    .select({ id: inventoryReservations.id, status: inventoryReservations.status })
    .from(inventoryReservations)
    .where(inArray(inventoryReservations.orderId, orderIds));
  expect(holds).toHaveLength(EVENTS);
  expect(holds.filter((hold) => hold.status !== 'committed')).toEqual([]);
  const commitEntries = await auditPerEntity(
    'reservation.committed',
    holds.map((hold) => hold.id),
  );
  expect(commitEntries.filter((row) => row.n !== 1)).toEqual([]);
  expect(commitEntries).toHaveLength(EVENTS);
  expect(await variantStock(db, variantId)).toMatchObject({ stockOnHand: STOCK - EVENTS, reserved: 0 });
  test.info().annotations.push({
    type: 'webhook storm',
    description: `${replies.length} deliveries (${EVENTS} events × ${COPIES}) in ${seconds.toFixed(1)} s; per process ${JSON.stringify(deliveriesByPid)}; ${split} of ${EVENTS} events had copies on both processes`,
  });
});

/** The id Next gave a server action in this build (what a browser sends in the Next-Action header). */
function actionId(distDir: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, distDir, 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === exportedName && entry.filename?.includes('admin/products'));
  if (!found) throw new Error(`no server action ${exportedName} in the build`);
  return found[0];
}

/** The session cookie of the admin the setup project signed in through the form (tests/e2e/sign-in.setup.ts). */
function adminCookie(): string {
  const state = JSON.parse(readFileSync(storageStateOf('admin'), 'utf8')) as { cookies: Array<{ name: string; value: string }> };
  const session = state.cookies.filter((cookie) => cookie.name.startsWith('next-auth.session-token'));
  if (session.length === 0) throw new Error('the setup project saved no admin session');
  return session.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

// React separates text parts with comments: compare the text only.
const shows = (html: string, text: string) => html.replace(/<!-- -->/g, '').includes(text);

test('an admin price edit through process A shows on the listing process B serves within 10 s', async () => {
  test.setTimeout(60_000);
  const [a, b] = pool.processes() as [ProcessInfo, ProcessInfo];
  const urlOf = (port: number) => `http://127.0.0.1:${port}`;
  // A product of its own, the newest in its category: first on the "newest" listing of that category.
  const [variant] = await createTestVariants(db, [{ stock: 5 }]);
  const listing = `${urlOf(b.port)}/category/accessories?sort=newest`;
  const listingShows = async (text: string) => {
    const response = await fetch(listing);
    expect(response.status).toBe(200);
    return shows(await response.text(), text);
  };

  /** Sets the variant's price through process A: the real server action over HTTP, with the admin's session cookie. */
  const setPrice = async (amount: number) => {
    const editor = toEditorData((await getProductForEdit(db, variant!.productId))!);
    const values = {
      ...editor.values,
      variants: editor.values.variants.map((row) => (row.id === variant!.id ? { ...row, price: (amount / 100).toFixed(2), compareAt: '' } : row)),
    };
    const saved = await fetch(`${urlOf(a.port)}/admin/products/${variant!.productId}`, {
      method: 'POST',
      headers: {
        'Next-Action': actionId(a.distDir, 'updateProductAction'),
        'Content-Type': 'text/plain;charset=UTF-8',
        Accept: 'text/x-component',
        Origin: urlOf(a.port),
        Cookie: adminCookie(),
      },
      body: JSON.stringify([{ productId: variant!.productId, expectedUpdatedAt: editor.updatedAt, values }]),
    });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('"status":"saved"');
    const [row] = await db.select({ price: productVariants.priceAmount }).from(productVariants).where(eq(productVariants.id, variant!.id));
    expect(row?.price).toBe(amount);
  };

  // A first edit (the listing B may hold from before this product existed is revalidated by it); B then renders the
  // listing with that price and keeps it in the data cache.
  // Odd kobo, so no other card on the page shows either price.
  const first = 4_321_37 + Math.floor(Math.random() * 1_000) * 100;
  const second = first + 12_345_36;
  await setPrice(first);
  await waitFor(
    'the first price on process B’s listing',
    async () => ((await listingShows(formatMoney({ amount: first, currency: 'NGN' }))) ? true : undefined),
    10_000,
  );

  // The edit to watch: made through A, seen on B's listing (and product page) within 10 s.
  await setPrice(second);
  const edited = Date.now();
  const after = formatMoney({ amount: second, currency: 'NGN' });
  await waitFor('the new price on process B’s listing', async () => ((await listingShows(after)) ? true : undefined), 10_000);
  const seenAfterMs = Date.now() - edited;
  expect(seenAfterMs).toBeLessThan(10_000);
  expect(await listingShows(formatMoney({ amount: first, currency: 'NGN' }))).toBe(false);
  const product = await fetch(`${urlOf(b.port)}/products/${(await getProductForEdit(db, variant!.productId))!.product.slug}`);
  expect(product.status).toBe(200);
  expect(shows(await product.text(), after)).toBe(true);
  test.info().annotations.push({ type: 'shared data cache', description: `the edit through :${a.port} was on :${b.port}'s listing after ${seenAfterMs} ms` });
});

interface Answer {
  at: number;
  ok: boolean;
  outcome: string;
}

/**
 * Shoppers from `connections` loops until stopped (bounded by `maxMs`): each a new guest with its own address who adds
 * the variant to a cart through the front, and every other one then checks out (an order holding one unit).
 */
function shoppingLoad(opts: { variantId: string; connections: number; maxMs: number; block: number }) {
  const answers: Answer[] = [];
  const resends: string[] = [];
  const orderIds: string[] = [];
  let stopped = false;
  let next = 0;
  const deadline = Date.now() + opts.maxMs;
  /**
   * As a browser does (Chromium resends a request whose reused keep-alive connection closed before any byte of an
   * answer): an nginx worker retiring at a reload closes its idle client connections, and a request written into one
   * at that instant was never read. Once, counted, on a new connection (another pooled one may be closing too); any
   * HTTP answer is final.
   */
  const send = (url: string, init: { method: string; headers: Record<string, string>; body: string }) =>
    fetch(url, init).catch((error: Error & { cause?: { code?: string } }) => {
      resends.push(error.cause?.code ?? error.message);
      return requestOnNewConnection(url, init);
    });
  const record = (ok: boolean, outcome: string) => answers.push({ at: Date.now(), ok, outcome });
  const failure = (what: string, error: unknown) => {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    record(false, `${what}: ${(error as Error).message}${cause ? ` (${cause})` : ''}`);
  };
  const loop = async () => {
    while (!stopped && Date.now() < deadline) {
      const index = next++;
      const ip = shopperIp(index, opts.block);
      let cookie: string | undefined;
      try {
        const response = await send(`${pool.url}/api/cart/items`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
          body: JSON.stringify({ variantId: opts.variantId, quantity: 1 }),
        });
        const reply = (await response.json().catch(() => null)) as { lines?: unknown[]; error?: { code?: string } } | null;
        const ok = response.status === 200 && reply?.lines?.length === 1;
        record(ok, `add ${response.status}${reply?.error?.code ? ` ${reply.error.code}` : ''}`);
        if (ok)
          cookie = response.headers
            .getSetCookie()
            .find((line) => line.startsWith('cart_session='))
            ?.split(';')[0];
      } catch (error) {
        failure('add', error);
      }
      if (!cookie || index % 2 === 1) continue;
      try {
        const response = await send(`${pool.url}/api/checkout`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie, 'x-forwarded-for': ip },
          body: checkoutBody(index, `two-proc-load-${opts.block}`),
        });
        const reply = (await response.json().catch(() => null)) as { orderId?: string; error?: { code?: string } } | null;
        if (response.status === 201 && reply?.orderId) orderIds.push(reply.orderId);
        record(response.status === 201, `checkout ${response.status}${reply?.error?.code ? ` ${reply.error.code}` : ''}`);
      } catch (error) {
        failure('checkout', error);
      }
    }
  };
  const done = Promise.all(Array.from({ length: opts.connections }, loop));
  return {
    answers,
    resends,
    orderIds,
    okCount: () => answers.filter((answer) => answer.ok).length,
    async stop() {
      stopped = true;
      await done;
      return answers;
    },
  };
}

/**
 * Nothing half-applied: every order placed for the variant (whatever its answer said) holds exactly its one line's
 * unit, the variant's reserved count is the sum of its active holds, and every order a shopper was told about exists.
 */
async function expectWholeOrders(variantId: string, answeredOrderIds: readonly string[]) {
  const rows = await sql<Array<{ orderId: string; quantity: number; holds: number }>>`
    SELECT i.order_id AS "orderId", i.quantity,
      count(r.id) FILTER (WHERE r.status = 'active' AND r.quantity = 1)::int AS holds
    FROM order_items i LEFT JOIN inventory_reservations r ON r.order_id = i.order_id AND r.variant_id = i.variant_id
    WHERE i.variant_id = ${variantId}
    GROUP BY i.order_id, i.quantity`;
  expect(rows.filter((row) => row.quantity !== 1 || row.holds !== 1)).toEqual([]);
  const placed = new Set(rows.map((row) => row.orderId));
  expect(answeredOrderIds.filter((id) => !placed.has(id))).toEqual([]);
  const [held] = await db
    .select({ total: dsql<number>`coalesce(sum(${inventoryReservations.quantity}), 0)::int` })
    .from(inventoryReservations)
    .where(and(eq(inventoryReservations.variantId, variantId), eq(inventoryReservations.status, 'active')));
  expect((await variantStock(db, variantId)).reserved).toBe(held!.total);
  return rows.length;
}

test('kill -9 of one process under add-to-cart and checkout load: nothing fails after the first second, it comes back', async () => {
  test.setTimeout(120_000);
  const [variant] = await createTestVariants(db, [{ stock: 1_000_000 }]);
  const load = shoppingLoad({ variantId: variant!.id, connections: 8, maxMs: 90_000, block: 12 });
  await waitFor('the load to get going', () => (load.okCount() >= 100 ? true : undefined), 30_000);
  const victim = pool.processes()[0]!;
  process.kill(victim.pid, 'SIGKILL');
  const killedAt = Date.now();
  const back = await waitFor(
    'the supervisor to restart it',
    () => {
      const now = pool.processes().find((info) => info.port === victim.port);
      return now && now.pid !== victim.pid && now.healthy ? now : undefined;
    },
    60_000,
  );
  const backAfterMs = Date.now() - killedAt;
  // Enough traffic with both processes back in the rotation to see it served.
  const atBack = load.okCount();
  await waitFor('load after the restart', () => (load.okCount() >= atBack + 200 ? true : undefined), 30_000);
  const answers = await load.stop();

  const lateFailures = answers.filter((answer) => !answer.ok && answer.at > killedAt + 1_000);
  expect(lateFailures.map((answer) => answer.outcome)).toEqual([]);
  expect(isAlive(victim.pid)).toBe(false);
  expect(back.restarts).toBe(victim.restarts + 1);
  expect((await fetch(`http://127.0.0.1:${back.port}/api/health/live`)).status).toBe(200);
  const orderCount = await expectWholeOrders(variant!.id, load.orderIds);
  expect(load.orderIds.length).toBeGreaterThan(0);
  test.info().annotations.push({
    type: 'kill -9',
    description: `${answers.length} requests (${load.orderIds.length} orders answered, ${orderCount} placed, all whole), ${answers.filter((a) => !a.ok).length} failed (all within 1 s of the kill: ${[...new Set(answers.filter((a) => !a.ok).map((a) => a.outcome))].join('; ')}), ${load.resends.length} resent; back after ${backAfterMs} ms`,
  });
});

test('a reload under add-to-cart and checkout load replaces every process with 0 failed requests', async () => {
  test.setTimeout(120_000);
  const [variant] = await createTestVariants(db, [{ stock: 1_000_000 }]);
  const before = pool.processes();
  const load = shoppingLoad({ variantId: variant!.id, connections: 8, maxMs: 90_000, block: 13 });
  await waitFor('the load to get going', () => (load.okCount() >= 100 ? true : undefined), 30_000);
  await pool.reload();
  const atReloaded = load.okCount();
  await waitFor('load after the reload', () => (load.okCount() >= atReloaded + 100 ? true : undefined), 30_000);
  const answers = await load.stop();

  expect(answers.filter((answer) => !answer.ok).map((answer) => answer.outcome)).toEqual([]);
  await expectWholeOrders(variant!.id, load.orderIds);
  const after = pool.processes();
  expect(after).toHaveLength(2);
  for (const old of before) expect(isAlive(old.pid)).toBe(false);
  const buildOnDisk = readFileSync(path.join(repoRoot, env.NEXT_DIST_DIR ?? '.next', 'BUILD_ID'), 'utf8').trim();
  for (const info of after) {
    expect(before.map((old) => old.pid)).not.toContain(info.pid);
    expect(info.buildId).toBe(buildOnDisk);
    expect((await fetch(`http://127.0.0.1:${info.port}/api/health/live`)).status).toBe(200);
  }
  test.info().annotations.push({
    type: 'reload',
    description: `${answers.length} requests during the reload (${load.orderIds.length} orders), none failed; ${load.resends.length} resent after a closed keep-alive connection (${load.resends.join(', ')})`,
  });
});
