// Webhook storm: 1,000 orders await payment; 1,300 signed charge.success deliveries arrive, every event once plus 30 %
// duplicates (half fired together with their original, half later), 32 at a time — once through the real HTTP route
// of the production build, once through the use case in-process (the database path alone, no HTTP or Next). Then the
// database must show every order paid exactly once and the stock committed.
//
// Since the webhook inbox (issue #26) a delivery is stored and acknowledged, and applied afterwards by the inbox
// worker: the ack latency is the route's alone, and "unique events/s" runs until the LAST event is APPLIED (orders
// paid), not until the last ack — the same meaning as before, when the ack came after the apply. The database path
// stores each delivery through the same use case the route calls and applies them with an inbox worker in this
// process (the app's own worker, sweeping, may take a share: both are the shop's workers on the same database).
import { inArray, sql } from 'drizzle-orm';
import { auditLogs, orders, payments, productVariants } from '../../db/schema';
import { placeOrder } from '../../lib/checkout/place-order';
import { signWebhookBody } from '../../lib/payments/paystack/signature';
import { acceptPaystackWebhook } from '../../lib/webhooks/inbox';
import { startInboxWorker } from '../../lib/webhooks/inbox-worker';
import { benchProduct, type BenchContext, fmt, outcomesText, type Scenario, type Verdict } from '../support/context';
import { fixedLoad, pool, waitUntil } from '../support/load';
import { cpuMs } from '../support/process';

const EVENTS = 1_000;
const DUPLICATE_SHARE = 0.3;
const CONCURRENCY = 32;
const VARIANTS = 50;

/** EVENTS orders awaiting payment, spread over VARIANTS variants like a normal day's, and their signed-to-be events. */
async function prepare(context: BenchContext, label: string) {
  const { variants, archive } = await benchProduct(
    context.db,
    `storm-${label}`,
    Array.from({ length: VARIANTS }, (_, index) => ({ title: `V${index}`, stock: EVENTS })),
  );
  const bodies = await pool(
    Array.from({ length: EVENTS }, (_, index) => async () => {
      const placed = await placeOrder(
        { db: context.db },
        {
          userId: null,
          email: `storm-${label}-${index}@example.test`,
          shippingAddress: { fullName: 'Storm Shopper', phone: '08031234567', line1: '1 Broad Street', city: 'Lagos', state: 'Lagos', country: 'NG' },
          deliveryOption: 'pickup',
          lines: [{ variantId: variants[index % VARIANTS]!.id, quantity: 1 }],
        },
      );
      if (!placed.ok) throw new Error(`order ${index} not placed: ${JSON.stringify(placed.error)}`);
      const reference = `TXN-STORM-${label}-${index}-${Date.now()}`;
      await context.db.insert(payments).values({
        orderId: placed.value.id,
        reference,
        amount: placed.value.totalAmount,
        status: 'initialized',
        authorizationUrl: 'https://checkout.example/storm',
        expiresAt: sql`now() + interval '20 minutes'`,
      });
      const body = JSON.stringify({
        event: 'charge.success',
        data: {
          id: Math.floor(Math.random() * 1e12),
          reference,
          amount: placed.value.totalAmount,
          currency: 'NGN',
          domain: 'test',
          status: 'success',
          channel: 'card',
          fees: 0,
          paid_at: new Date().toISOString(),
        },
      });
      return { orderId: placed.value.id, body };
    }),
    8,
  );
  // Every event once, plus 30 % duplicates: half of those right next to their original, half later in the run.
  const duplicates = Math.round(EVENTS * DUPLICATE_SHARE);
  const deliveries: string[] = [];
  bodies.forEach(({ body }, index) => {
    deliveries.push(body);
    if (index < duplicates / 2) deliveries.push(body);
  });
  for (let index = 0; index < duplicates - Math.floor(duplicates / 2); index++) deliveries.push(bodies[(index * 7) % EVENTS]!.body);
  return { orderIds: bodies.map((entry) => entry.orderId), deliveries, variantIds: variants.map((variant) => variant.id), archive };
}

async function check(context: BenchContext, orderIds: string[], variantIds: string[]) {
  const paid = await context.db.$count(orders, sql`${orders.id} IN ${orderIds} AND ${orders.status} = 'paid'`);
  const applied = await context.db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLogs)
    .where(sql`${auditLogs.entityId} IN ${orderIds} AND ${auditLogs.action} = 'order.paid'`)
    .groupBy(auditLogs.entityId);
  const [stock] = await context.db
    .select({ sold: sql<number>`sum(${EVENTS} - ${productVariants.stockOnHand})::int`, reserved: sql<number>`sum(${productVariants.reserved})::int` })
    .from(productVariants)
    .where(inArray(productVariants.id, variantIds));
  return { lost: EVENTS - paid, double: applied.filter((row) => row.n > 1).length, sold: stock!.sold, reserved: stock!.reserved };
}

export async function storm(context: BenchContext, path: 'http' | 'direct', label: string = path) {
  const prepared = await prepare(context, label);
  const secret = context.env.PAYSTACK_SECRET_KEY!;
  const before = cpuMs(context.pids.app);
  const worker = path === 'direct' ? startInboxWorker({ db: context.db, ctx: { expectedDomain: 'test' } }) : null;
  const started = performance.now();
  const load = await fixedLoad({ count: prepared.deliveries.length, concurrency: CONCURRENCY }, async (index) => {
    const body = prepared.deliveries[index]!;
    if (worker) {
      const result = await acceptPaystackWebhook({ db: context.db }, { rawBody: body, headers: {} });
      if (result.kind === 'received') worker.kick();
      return { ok: result.kind === 'received' || result.kind === 'duplicate', outcome: result.kind };
    }
    const response = await fetch(`${context.appUrl}/api/webhooks/paystack`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-paystack-signature': signWebhookBody(body, secret) },
      body,
    });
    const reply = (await response.json().catch(() => ({}))) as { status?: string };
    return { ok: response.status === 200, outcome: `${response.status} ${reply.status ?? ''}`.trim() };
  });
  // Acknowledged is not applied: the clock runs until every order is paid (or a minute passes: the verdicts then say).
  const paid = () => context.db.$count(orders, sql`${orders.id} IN ${prepared.orderIds} AND ${orders.status} = 'paid'`);
  await waitUntil(async () => (await paid()) >= EVENTS, { timeoutMs: 60_000, intervalMs: 25 });
  const appliedSeconds = (performance.now() - started) / 1000;
  await worker?.stop();
  const cpuPerDelivery = (cpuMs(context.pids.app) - before) / load.requests;
  const facts = await check(context, prepared.orderIds, prepared.variantIds);
  await prepared.archive();
  return { load, facts, uniquePerSecond: EVENTS / appliedSeconds, applyLagMs: (appliedSeconds - load.seconds) * 1000, cpuPerDelivery };
}

const verdictsOf = (label: string, run: Awaited<ReturnType<typeof storm>>): Verdict[] => [
  { name: `${label}: 0 lost`, ok: run.facts.lost === 0, detail: `${run.facts.lost} orders not paid` },
  { name: `${label}: 0 double-applied`, ok: run.facts.double === 0, detail: `${run.facts.double} orders paid twice` },
  {
    name: `${label}: stock committed exactly`,
    ok: run.facts.sold === EVENTS && run.facts.reserved === 0,
    detail: `sold ${run.facts.sold} of ${EVENTS}, ${run.facts.reserved} still reserved`,
  },
  { name: `${label}: every delivery acknowledged`, ok: run.load.ok === run.load.requests, detail: outcomesText(run.load.outcomes) },
];

export const webhooks: Scenario = {
  name: 'webhooks',
  title: `Webhook storm: ${EVENTS} payments + 30 % duplicates, ${CONCURRENCY} at a time`,
  async run(context) {
    const http = await storm(context, 'http');
    const direct = await storm(context, 'direct');
    const floor = context.floor?.okPerSecond ?? Number.NaN;
    const share = http.uniquePerSecond / floor;
    return {
      figures: [
        { figure: 'HTTP: unique events/s — share of floor', value: `${fmt.n(http.uniquePerSecond)} — ${fmt.pct(share)}`, goal: '≥ 50 %', met: share >= 0.5 },
        { figure: 'HTTP: ack p50 / p99', value: `${fmt.ms(http.load.p50)} / ${fmt.ms(http.load.p99)}`, goal: 'p99 ≤ 100 ms', met: http.load.p99 <= 100 },
        { figure: 'HTTP: app CPU per delivery (store + apply)', value: fmt.ms(http.cpuPerDelivery) },
        { figure: 'HTTP: last event applied after the last ack', value: fmt.ms(http.applyLagMs) },
        { figure: 'database path: unique events/s', value: fmt.n(direct.uniquePerSecond), goal: '≥ 1,000', met: direct.uniquePerSecond >= 1_000 },
        { figure: 'database path: store p50 / p99', value: `${fmt.ms(direct.load.p50)} / ${fmt.ms(direct.load.p99)}` },
        { figure: 'database path: last event applied after the last store', value: fmt.ms(direct.applyLagMs) },
        { figure: 'deliveries per run', value: `${http.load.requests} (${EVENTS} unique)` },
      ],
      verdicts: [...verdictsOf('HTTP', http), ...verdictsOf('database path', direct)],
      data: { http, direct },
    };
  },
};
