// Release: 10,000 unpaid orders' holds expire at the same instant while shoppers keep checking out. The release job
// (the `release-expired-reservations` schedule as the in-process runner runs it, here in the load driver's process as
// a separate worker would) starts a few seconds before the deadline and must wake at it by itself (a run
// follows the hold deadlines through its minute); every order has a live Paystack intent (initialized at the
// simulator), so each is asked about before its stock goes back. Measured: time from the deadline until the last
// hold is released, the stock afterwards, and the checkout load's p99 before and during the release.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { inventoryReservations, orders, payments, productVariants } from '../../db/schema';
import { placeOrder } from '../../lib/checkout/place-order';
import type { JobDeps } from '../../lib/jobs/definitions';
import { runSchedule } from '../../lib/jobs/run-schedule';
import { schedules } from '../../lib/jobs/schedules';
import { createPaystackClient } from '../../lib/payments/paystack/client';
import { benchProduct, type BenchContext, fmt, type Scenario } from '../support/context';
import { closedLoop, type LoadSummary, pool } from '../support/load';
import { checkout, fillCart, shopperIp } from '../support/shoppers';

const HOLDS = 10_000;
const VARIANTS = 20;
const DEADLINE_SECONDS = 4;

async function prepare(context: BenchContext) {
  const { variants, archive } = await benchProduct(
    context.db,
    'release',
    Array.from({ length: VARIANTS }, (_, index) => ({ title: `R${index}`, stock: HOLDS })),
  );
  const orderIds = await pool(
    Array.from({ length: HOLDS }, (_, index) => async () => {
      const placed = await placeOrder(
        { db: context.db },
        {
          userId: null,
          email: `release-${index}@example.test`,
          shippingAddress: { fullName: 'Gone Shopper', phone: '08031234567', line1: '1 Broad Street', city: 'Lagos', state: 'Lagos', country: 'NG' },
          deliveryOption: 'pickup',
          lines: [{ variantId: variants[index % VARIANTS]!.id, quantity: 1 }],
        },
      );
      if (!placed.ok) throw new Error(`order ${index} not placed: ${JSON.stringify(placed.error)}`);
      return placed.value.id;
    }),
    8,
  );
  // Each abandoned checkout had handed its shopper a Paystack page (initialized at the simulator, as a real checkout
  // does), so the release must ask before giving stock back.
  const paystack = createPaystackClient({ secretKey: context.env.PAYSTACK_SECRET_KEY!, baseUrl: context.env.PAYSTACK_BASE_URL! });
  const stamp = Date.now();
  const intents = await pool(
    orderIds.map((orderId, index) => async () => {
      const reference = `TXN-GONE-${index}-${stamp}`;
      const initialized = await paystack.initializeTransaction({ email: `release-${index}@example.test`, amount: 500_000, reference });
      if (!initialized.ok) throw new Error(`intent ${index} not initialized: ${JSON.stringify(initialized.error)}`);
      return { orderId, reference, authorizationUrl: initialized.value.authorizationUrl };
    }),
    16,
  );
  for (let start = 0; start < HOLDS; start += 1_000) {
    await context.db.insert(payments).values(
      intents.slice(start, start + 1_000).map((intent) => ({
        ...intent,
        amount: 500_000,
        status: 'initialized' as const,
        expiresAt: sql`now() + interval '20 minutes'`,
      })),
    );
  }
  return { variantIds: variants.map((variant) => variant.id), orderIds, archive };
}

function checkoutLoad(context: BenchContext, variantId: string, block: number, seconds: number): Promise<LoadSummary> {
  return closedLoop({ connections: 8, seconds }, async (index) => {
    const shopper = await fillCart(context.appUrl, variantId, shopperIp(index, block));
    const answer = await checkout(context.appUrl, shopper, index, `release${block}`);
    return { ok: answer.status === 201, outcome: `${answer.status} ${answer.code}` };
  });
}

export const release: Scenario = {
  name: 'release',
  title: `Release: ${HOLDS.toLocaleString('en-GB')} holds expire at once, under a checkout load (8 connections)`,
  async run(context) {
    context.log(`  placing ${HOLDS} orders…`);
    const prepared = await prepare(context);
    const { variants: shopVariants, archive: archiveShop } = await benchProduct(context.db, 'release-load', [{ title: 'Plenty', stock: 100_000 }]);
    const baseline = await checkoutLoad(context, shopVariants[0]!.id, 7, 8);

    // Every hold runs out DEADLINE_SECONDS from now, by the database's clock.
    const [deadlineRow] = (await context.db.execute(sql`
      UPDATE inventory_reservations SET reserved_until = now() + make_interval(secs => ${DEADLINE_SECONDS})
      WHERE order_id IN ${prepared.orderIds} RETURNING reserved_until`)) as unknown as Array<{ reserved_until: Date | string }>;
    const deadline = new Date(deadlineRow!.reserved_until).getTime();

    const deps = {
      db: context.db,
      paystack: createPaystackClient({ secretKey: context.env.PAYSTACK_SECRET_KEY!, baseUrl: context.env.PAYSTACK_BASE_URL! }),
      log: () => undefined,
    } as unknown as JobDeps;
    const job = schedules.find((schedule) => schedule.id === 'release-expired-reservations')!;
    const remaining = async () =>
      context.db.$count(inventoryReservations, and(inArray(inventoryReservations.orderId, prepared.orderIds), eq(inventoryReservations.status, 'active')));

    const during = checkoutLoad(context, shopVariants[0]!.id, 8, 14);
    // The run starts before the deadline, as the scheduled one does: it must wake at the deadline by itself.
    let runs = 0;
    while ((await remaining()) > 0 && Date.now() - deadline < 120_000) {
      await runSchedule(deps, { id: job.id, run: job.runThroughPeriod ?? job.run });
      runs++;
    }
    const [doneAt] = (await context.db.execute(
      sql`SELECT max(released_at) AS at FROM inventory_reservations WHERE order_id IN ${prepared.orderIds}`,
    )) as unknown as Array<{
      at: Date | string;
    }>;
    const drainSeconds = (new Date(doneAt!.at).getTime() - deadline) / 1000;
    const load = await during;

    const left = await remaining();
    const [stock] = await context.db
      .select({ reserved: sql<number>`sum(${productVariants.reserved})::int`, onHand: sql<number>`sum(${productVariants.stockOnHand})::int` })
      .from(productVariants)
      .where(inArray(productVariants.id, prepared.variantIds));
    const expired = await context.db.$count(orders, and(inArray(orders.id, prepared.orderIds), eq(orders.status, 'expired')));
    await prepared.archive();
    await archiveShop();
    const ratio = load.p99 / baseline.p99;
    return {
      figures: [
        {
          figure: `time from the deadline until all ${HOLDS.toLocaleString('en-GB')} holds are released`,
          value: `${fmt.n(drainSeconds, 1)} s`,
          goal: '≤ 5 s',
          met: left === 0 && drainSeconds <= 5,
        },
        { figure: 'release job runs needed', value: String(runs) },
        {
          figure: 'checkout p99 before / during the release',
          value: `${fmt.ms(baseline.p99)} / ${fmt.ms(load.p99)} (× ${ratio.toFixed(2)})`,
          goal: 'at most doubles',
          met: ratio <= 2,
        },
        { figure: 'checkouts/s before / during', value: `${fmt.n(baseline.okPerSecond, 1)} / ${fmt.n(load.okPerSecond, 1)}` },
      ],
      verdicts: [
        { name: 'every hold released', ok: left === 0, detail: `${left} still active` },
        { name: 'every order expired', ok: expired === HOLDS, detail: `${expired} of ${HOLDS}` },
        {
          name: 'stock exact (nothing reserved, nothing lost)',
          ok: stock!.reserved === 0 && stock!.onHand === HOLDS * VARIANTS,
          detail: `reserved ${stock!.reserved}, on hand ${stock!.onHand} of ${HOLDS * VARIANTS}`,
        },
        {
          name: 'checkouts during the release all placed',
          ok: load.ok === load.requests && baseline.ok === baseline.requests,
          detail: `${load.ok} of ${load.requests}`,
        },
      ],
      data: { drainSeconds, runs, baseline, load },
    };
  },
};
