// "Webhook storm": signed charge.success deliveries, 30% of them duplicates (some fired at the same instant),
// through the real HTTP route of the production build. Reports unique events/s, ack latency, and checks in the
// database that no payment was lost or applied twice. Usage: npx tsx bench/webhook-storm/run.ts [events] [concurrency]
import os from 'node:os';
import { inArray, sql } from 'drizzle-orm';
import { auditLogs, orders, payments, productVariants } from '../../db/schema';
import { placeOrder } from '../../lib/checkout/place-order';
import { signWebhookBody } from '../../lib/payments/paystack/signature';
import { receivePaystackWebhook } from '../../lib/webhooks/receive-paystack-webhook';
import { percentile, pool, startBenchStack } from '../support/bench-stack';

const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const EVENTS = Number(args[0] ?? 1000);
const CONCURRENCY = Number(args[1] ?? 32);
/** --direct: call the webhook use case in-process (no HTTP, no Next) to measure the database path alone. */
const DIRECT = process.argv.includes('--direct');
const HOT = process.argv.includes('--hot');
const DUPLICATE_SHARE = 0.3;

const stack = await startBenchStack();
try {
  const { db, env } = stack;
  console.log(`preparing ${EVENTS} orders awaiting payment…`);
  // Spread over every seeded variant like a normal day's orders, or all on one variant with --hot (a flash sale's
  // payments queue on that one row's lock).
  const variants = await db.select().from(productVariants).orderBy(productVariants.sku);
  const pool_ = HOT ? variants.filter((candidate) => candidate.sku === 'BRS-CUF') : variants;
  await db
    .update(productVariants)
    .set({ stockOnHand: EVENTS + 10, reserved: 0 })
    .where(
      inArray(
        productVariants.id,
        pool_.map((row) => row.id),
      ),
    );
  const orderIds: string[] = [];
  const bodies: string[] = [];
  for (let index = 0; index < EVENTS; index++) {
    const placed = await placeOrder(
      { db },
      {
        userId: null,
        email: `storm-${index}@example.test`,
        shippingAddress: { fullName: 'Storm Shopper', phone: '08031234567', line1: '1 Broad Street', city: 'Lagos', state: 'Lagos', country: 'NG' },
        deliveryOption: 'pickup',
        lines: [{ variantId: pool_[index % pool_.length]!.id, quantity: 1 }],
      },
    );
    if (!placed.ok) throw new Error(`order ${index} not placed`);
    const reference = `TXN-STORM-${index}-${Date.now()}`;
    await db.insert(payments).values({
      orderId: placed.value.id,
      reference,
      amount: placed.value.totalAmount,
      status: 'initialized',
      authorizationUrl: 'https://checkout.example/storm',
      expiresAt: sql`now() + interval '20 minutes'`,
    });
    orderIds.push(placed.value.id);
    bodies.push(
      JSON.stringify({
        event: 'charge.success',
        data: {
          id: 5_000_000_000 + index,
          reference,
          amount: placed.value.totalAmount,
          currency: 'NGN',
          domain: 'test',
          status: 'success',
          channel: 'card',
          fees: 0,
          paid_at: new Date().toISOString(),
        },
      }),
    );
  }

  // Every event once, plus 30% duplicates: half of those fired together with the original, half later on.
  const duplicates = Math.round(EVENTS * DUPLICATE_SHARE);
  const deliveries: string[] = [];
  bodies.forEach((body, index) => {
    deliveries.push(body);
    if (index < duplicates / 2) deliveries.push(body);
  });
  for (let index = 0; index < duplicates - Math.floor(duplicates / 2); index++) deliveries.push(bodies[(index * 7) % EVENTS]!);

  const latencies: number[] = [];
  const statuses = new Map<string, number>();
  const started = performance.now();
  await pool(
    deliveries.map((body) => async () => {
      const begin = performance.now();
      let key: string;
      if (DIRECT) {
        const result = await receivePaystackWebhook({ db }, { rawBody: body, headers: {} }, { expectedDomain: 'test' });
        key = `direct ${result.kind}`;
      } else {
        const response = await fetch(`${stack.appUrl}/api/webhooks/paystack`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-paystack-signature': signWebhookBody(body, env.PAYSTACK_SECRET_KEY!) },
          body,
        });
        const reply = (await response.json()) as { status?: string };
        key = `${response.status} ${reply.status ?? ''}`.trim();
      }
      latencies.push(performance.now() - begin);
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    }),
    CONCURRENCY,
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);

  const paid = await db.$count(orders, sql`${orders.id} IN ${orderIds} AND ${orders.status} = 'paid'`);
  const applied = await db
    .select({ entityId: auditLogs.entityId, n: sql<number>`count(*)::int` })
    .from(auditLogs)
    .where(inArray(auditLogs.entityId, orderIds))
    .groupBy(auditLogs.entityId, auditLogs.action)
    .having(sql`${auditLogs.action} = 'order.paid'`);
  const doubleApplied = applied.filter((row) => row.n > 1).length;
  const stock = await db
    .select({ sold: sql<number>`sum(${EVENTS + 10} - ${productVariants.stockOnHand})::int`, reserved: sql<number>`sum(${productVariants.reserved})::int` })
    .from(productVariants)
    .where(
      inArray(
        productVariants.id,
        pool_.map((row) => row.id),
      ),
    );

  console.log(`
webhook storm — ${new Date().toISOString()}
machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}
orders: ${HOT ? 'all on one variant (hot row)' : `spread over ${pool_.length} variants`}
path: ${DIRECT ? 'in-process use case (database path only)' : 'HTTP POST /api/webhooks/paystack on next start'}
deliveries: ${deliveries.length} (${EVENTS} unique, ${deliveries.length - EVENTS} duplicates), concurrency ${CONCURRENCY}
wall time: ${seconds.toFixed(2)} s
unique events/s: ${(EVENTS / seconds).toFixed(0)}   deliveries/s: ${(deliveries.length / seconds).toFixed(0)}
ack latency ms: p50 ${percentile(latencies, 50).toFixed(1)}  p99 ${percentile(latencies, 99).toFixed(1)}  max ${latencies.at(-1)?.toFixed(1)}
responses: ${[...statuses].map(([key, n]) => `${key}: ${n}`).join(', ')}
lost (orders not paid): ${EVENTS - paid}
double-applied (orders paid twice): ${doubleApplied}
stock: units sold ${stock[0]!.sold} (expected ${EVENTS}), still reserved ${stock[0]!.reserved} (expected 0)`);
  if (EVENTS - paid !== 0 || doubleApplied !== 0 || stock[0]!.sold !== EVENTS) process.exitCode = 1;
} finally {
  await stack.stop();
}
