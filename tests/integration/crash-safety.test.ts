// Crash safety with real faults: a real OS process running the app's code is killed with SIGKILL (no handler runs,
// nothing is flushed, its open transactions die with its connections), then started again.
//
// 1. A webhook storm: a child process serves the real webhook route handler; 48 orders are paid at the simulator,
//    each charge.success sent three times (two copies at once), and the child is killed once some payments are
//    committed. The simulator's redeliveries (Paystack's test schedule, compressed) reach the restarted child on the
//    same port. Every payment is applied exactly once, and at the moment of the kill none was half-applied.
// 2. The outbox relay: a child runs the relay with the in-process driver over 24 paid orders' jobs (invoice,
//    confirmation, receipt), and is killed mid-batch. Restarted, it finishes the rest, leaves the rows the dead
//    relay had claimed alone while their lease runs, and takes them over once it has run out. Every job ran exactly
//    once in effect: one invoice per order, one email per order × kind.
//
// What is stood in, and why: time, twice, without waiting for it — the simulator's retry schedule is compressed
// (`timeScale`), and the dead relay's 120 s outbox lease is run out with one UPDATE (as in jobs-relay.test.ts: there
// is no lease option). The restarted relay takes over a dead process's email claim after 1 s instead of 5 minutes
// (`leaseMs`, sendEmailOnce's own option). Everything else is the real thing: processes, sockets, SQL, SMTP.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLogs, emailDeliveries, inventoryReservations, invoices, orders, outbox, payments, productVariants, webhookEvents } from '@/db/schema';
import type { RelaySummary } from '@/lib/jobs/relay';
import type { Delivery } from '../../scripts/paystack-sim/webhooks';
import { orderAwaitingPayment } from '../support/checkout-fixtures';
import { type Child, freePort, killAllChildren, startChild } from '../support/crash/child';
import { testDatabase } from '../support/db';
import { runAloneAmongBackgroundWorkers } from '../support/exclusive';
import { type CaughtMail, inboxUrl } from '../support/inbox';
import { paidOrders, uniqueEmail } from '../support/paid-order-fixtures';
import { simulator } from '../support/paystack-sim';
import { waitFor } from '../support/wait';

// Each describe below counts what ONE relay or app child did with its rows: no other file's runner may take them.
runAloneAmongBackgroundWorkers();
const { db, sql: client } = testDatabase(10);
afterAll(async () => {
  await killAllChildren();
  await client.end();
});

/** Runs `work` over `items`, at most `limit` at a time, in order of start. */
async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!, index);
      }
    }),
  );
  return results;
}

describe('kill -9 of the app during a webhook storm', () => {
  const ORDERS = 48;
  const STOCK = 10;
  const QUANTITY = 2;
  /** Paystack's test mode retries hourly; 0.0002 makes that 720 ms (72 tries: ~52 s for the restart to come back). */
  const TIME_SCALE = 0.0002;

  type ServerMessage = { listening: number };
  const startServer = async (port: number) => {
    const child = startChild<ServerMessage>('webhook-server.ts', [String(port)]);
    await child.message((message) => message.listening === port, 45_000);
    return child;
  };

  /** Everything a payment commit writes, per order, read in ONE snapshot (repeatable read): all of it or none of it. */
  async function snapshot(storm: ReadonlyArray<{ orderId: string; variantId: string; eventKey: string }>) {
    const orderIds = storm.map((order) => order.orderId);
    return db.transaction(
      async (tx) => {
        const orderRows = await tx.select({ id: orders.id, status: orders.status }).from(orders).where(inArray(orders.id, orderIds));
        const paymentRows = await tx
          .select({ id: payments.id, orderId: payments.orderId, status: payments.status, txId: payments.gatewayTransactionId })
          .from(payments)
          .where(inArray(payments.orderId, orderIds));
        const holdRows = await tx
          .select({ orderId: inventoryReservations.orderId, status: inventoryReservations.status })
          .from(inventoryReservations)
          .where(inArray(inventoryReservations.orderId, orderIds));
        const variantRows = await tx
          .select({ id: productVariants.id, stockOnHand: productVariants.stockOnHand, reserved: productVariants.reserved })
          .from(productVariants)
          .where(
            inArray(
              productVariants.id,
              storm.map((order) => order.variantId),
            ),
          );
        const eventRows = await tx
          .select({ eventKey: webhookEvents.eventKey, status: webhookEvents.status })
          .from(webhookEvents)
          .where(
            inArray(
              webhookEvents.eventKey,
              storm.map((order) => order.eventKey),
            ),
          );
        const paymentIds = paymentRows.map((payment) => payment.id);
        const jobRows = await tx
          .select({ event: outbox.event, dedupeKey: outbox.dedupeKey })
          .from(outbox)
          .where(and(eq(outbox.event, 'order/paid'), inArray(outbox.dedupeKey, paymentIds)));
        const auditRows = await tx
          .select({ entityId: auditLogs.entityId, action: auditLogs.action })
          .from(auditLogs)
          .where(and(inArray(auditLogs.entityId, [...orderIds, ...paymentIds]), inArray(auditLogs.action, ['payment.paid', 'order.paid'])));

        return storm.map(({ orderId, variantId, eventKey }) => {
          const paymentsOfOrder = paymentRows.filter((payment) => payment.orderId === orderId);
          const paymentId = paymentsOfOrder[0]?.id;
          return {
            orderId,
            order: orderRows.find((order) => order.id === orderId)?.status,
            payments: paymentsOfOrder.map((payment) => payment.status),
            holds: holdRows.filter((hold) => hold.orderId === orderId).map((hold) => hold.status),
            stock: (({ stockOnHand, reserved }) => ({ stockOnHand, reserved }))(variantRows.find((variant) => variant.id === variantId)!),
            events: eventRows.filter((event) => event.eventKey === eventKey).map((event) => event.status),
            paidJobs: jobRows.filter((job) => job.dedupeKey === paymentId).length,
            paymentAudits: auditRows.filter((row) => row.entityId === paymentId && row.action === 'payment.paid').length,
            orderAudits: auditRows.filter((row) => row.entityId === orderId && row.action === 'order.paid').length,
          };
        });
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  }

  const applied = (orderId: string) => ({
    orderId,
    order: 'paid',
    payments: ['paid'],
    holds: ['committed'],
    stock: { stockOnHand: STOCK - QUANTITY, reserved: 0 },
    events: ['processed'],
    paidJobs: 1,
    paymentAudits: 1,
    orderAudits: 1,
  });
  const untouched = (orderId: string) => ({
    orderId,
    order: 'pending_payment',
    payments: ['initialized'],
    holds: ['active'],
    stock: { stockOnHand: STOCK, reserved: QUANTITY },
    events: [],
    paidJobs: 0,
    paymentAudits: 0,
    orderAudits: 0,
  });

  it('applies every payment exactly once after the app is SIGKILLed mid-storm and Paystack redelivers', async () => {
    const startedAt = Date.now();
    const port = await freePort();
    const webhookUrl = `http://127.0.0.1:${port}/api/webhooks/paystack`;
    let server: Child<ServerMessage> | undefined = await startServer(port);
    try {
      // Orders awaiting payment, each on its own variant, whose charge.success goes to the child: three copies
      // (two at the same instant), redelivered on Paystack's test schedule when the child does not answer 2xx.
      const placed = await inPool(Array.from({ length: ORDERS }), 8, async () => {
        const { order, variant, reference } = await orderAwaitingPayment(db, { stock: STOCK, quantity: QUANTITY, email: uniqueEmail('storm') });
        await simulator.setKnobs(reference, {
          dropWebhooks: false,
          webhookUrl,
          webhookCopies: 3,
          webhookConcurrentCopies: 2,
          retrySchedule: 'test',
          timeScale: TIME_SCALE,
        });
        return { orderId: order.id, variantId: variant.id, reference };
      });
      const orderIds = placed.map((order) => order.orderId);
      const paidSoFar = () => db.$count(orders, and(inArray(orders.id, orderIds), eq(orders.status, 'paid')));

      // The storm: customers pay, four at a time; the child is killed as soon as a quarter are committed, while
      // copies are in flight and the rest are still being paid (their first deliveries find nobody listening).
      const paying = inPool(placed, 4, async ({ reference }) => {
        const paid = await simulator.act(reference, 'pay');
        if (paid.status !== 200) throw new Error(`simulator refused to pay ${reference}: ${JSON.stringify(paid.body)}`);
      });
      const killAt = Math.ceil(ORDERS / 4);
      await waitFor(`${killAt} payments committed`, async () => ((await paidSoFar()) >= killAt ? true : undefined), 30_000);
      await server.kill9();
      const killedAfterMs = Date.now() - startedAt;
      server = undefined;
      await paying;

      // The event each payment sends, and its exactly-once key (Paystack's transaction id).
      const storm = await Promise.all(
        placed.map(async (order) => {
          const charge = (await simulator.deliveries(order.reference)).find((delivery) => delivery.event === 'charge.success');
          if (!charge) throw new Error(`no charge.success for ${order.reference}`);
          const transactionId = (JSON.parse(charge.body) as { data: { id: number } }).data.id;
          return { ...order, eventKey: `charge.success:${transactionId}` };
        }),
      );

      // The process is dead: what it committed is committed, what it had in flight rolled back with its connections.
      // No order may be half-applied — each is either untouched or carries every effect of its payment, once.
      const atKill = await snapshot(storm);
      const committedAtKill = atKill.filter((order) => order.order !== 'pending_payment');
      // Untouched includes stored-but-not-applied: the inbox row acknowledged, the process gone before its worker got to it.
      const storedOnly = atKill.filter((order) => order.order === 'pending_payment' && order.events.length > 0).length;
      for (const order of atKill) {
        expect(order).toEqual(
          order.order === 'pending_payment' ? { ...untouched(order.orderId), events: order.events.length === 0 ? [] : ['received'] } : applied(order.orderId),
        );
      }
      expect(committedAtKill.length).toBeGreaterThanOrEqual(killAt);
      expect(committedAtKill.length).toBeLessThan(ORDERS);

      // Restart on the same port; the simulator keeps redelivering until every copy is answered 2xx.
      server = await startServer(port);
      const restartedAfterMs = Date.now() - startedAt;
      const settled = new Map<string, Delivery[]>();
      await waitFor(
        'every copy of every event delivered',
        async () => {
          for (const order of storm) {
            if (settled.has(order.reference)) continue;
            const deliveries = (await simulator.deliveries(order.reference)).filter((delivery) => delivery.event === 'charge.success');
            const failed = deliveries.find((delivery) => delivery.state === 'failed');
            if (failed) throw new Error(`a delivery for ${order.reference} ran out of retries: ${JSON.stringify(failed.attempts)}`);
            if (deliveries.length === 3 && deliveries.every((delivery) => delivery.state === 'delivered')) settled.set(order.reference, deliveries);
          }
          return settled.size === storm.length ? true : undefined;
        },
        45_000,
      );

      // Every payment applied exactly once: paid, one captured payment, stock committed once, one event row, one job.
      // Acknowledged is not applied: the restarted process's inbox worker applies what the dead one had stored.
      const after = await waitFor(
        'every stored event applied',
        async () => {
          const now = await snapshot(storm);
          return now.every((order) => order.events.length === 1 && order.events[0] !== 'received') ? now : undefined;
        },
        30_000,
      );
      expect(after).toEqual(storm.map((order) => applied(order.orderId)));

      // The kill landed mid-storm: deliveries failed because of it (refused while the child was down, or cut off
      // mid-request), and were redelivered.
      const attempts = [...settled.values()].flat().flatMap((delivery) => delivery.attempts);
      const failedAttempts = attempts.filter((attempt) => attempt.status === null || attempt.status < 200 || attempt.status >= 300);
      const refused = failedAttempts.filter((attempt) => attempt.error?.includes('ECONNREFUSED')).length;
      const non2xx = failedAttempts.filter((attempt) => attempt.status !== null).length;
      const cutOff = new Map<string, number>();
      for (const attempt of failedAttempts) {
        if (attempt.status !== null || attempt.error?.includes('ECONNREFUSED')) continue;
        cutOff.set(attempt.error ?? '?', (cutOff.get(attempt.error ?? '?') ?? 0) + 1);
      }
      // With the inbox the acks are quick, so the kill may find every copy already answered: then it landed between
      // the store and the apply (events stored, not applied) — the restarted process's worker applied them above.
      expect(failedAttempts.length + storedOnly).toBeGreaterThan(0);
      // A 5xx would mean the route failed an event (recorded as failed in webhook_events): the kill must not cause one.
      expect(non2xx).toBe(0);
      console.info(
        `webhook storm: ${ORDERS} payments × 3 copies = ${attempts.length - failedAttempts.length} successful deliveries; ` +
          `killed after ${killedAfterMs} ms with ${committedAtKill.length}/${ORDERS} committed, ${storedOnly} stored and not applied; ${failedAttempts.length} failed attempts ` +
          `(${refused} refused while down, ${failedAttempts.length - refused - non2xx} cut off mid-request: ${JSON.stringify(Object.fromEntries(cutOff))}); ` +
          `restarted at ${restartedAfterMs} ms, all applied at ${Date.now() - startedAt} ms`,
      );
    } finally {
      await server?.kill9();
    }
  }, 90_000);
});

describe('kill -9 of the outbox relay mid-batch', () => {
  const ORDERS = 24;
  const BATCH = 6;

  type RelayMessage = { pass: number; summary: RelaySummary; left: number };
  const startRelay = (ids: readonly string[], emailLeaseMs?: number) =>
    startChild<RelayMessage>('relay-worker.ts', [JSON.stringify({ ids, batchSize: BATCH, emailLeaseMs })]);

  const jobStatuses = async (ids: readonly string[]) =>
    db
      .select({ id: outbox.id, status: outbox.status, attempts: outbox.attempts, lockedUntil: outbox.lockedUntil })
      .from(outbox)
      .where(inArray(outbox.id, [...ids]));

  /** The shared mail catcher's messages to any of `addresses`, in one read. */
  async function inboxOf(addresses: readonly string[]): Promise<Map<string, CaughtMail[]>> {
    const response = await fetch(`${inboxUrl}/api/email`);
    if (!response.ok) throw new Error(`mail catcher answered ${response.status}`);
    const byAddress = new Map(addresses.map((address) => [address.toLowerCase(), [] as CaughtMail[]]));
    for (const mail of (await response.json()) as CaughtMail[]) {
      for (const to of mail.to) byAddress.get(to.address.toLowerCase())?.push(mail);
    }
    return byAddress;
  }

  const kindOf = (mail: CaughtMail) =>
    mail.subject.startsWith('Receipt for') ? 'payment_receipt' : mail.subject.startsWith('Order ') ? 'order_confirmation' : mail.subject;
  const messageIdOf = (mail: CaughtMail) => {
    const id = (mail as CaughtMail & { headers?: Record<string, string> }).headers?.['message-id'];
    if (!id) throw new Error(`no Message-ID on "${mail.subject}"`);
    return id;
  };

  it('runs every job exactly once in effect after the relay is SIGKILLed mid-batch and restarted', async () => {
    const startedAt = Date.now();
    // Paid orders whose order/paid jobs are committed and not yet dispatched (the fixture never relays them).
    const made = await paidOrders(db, ORDERS);
    const jobs = await db
      .select({ id: outbox.id, dedupeKey: outbox.dedupeKey, status: outbox.status })
      .from(outbox)
      .where(
        and(
          eq(outbox.event, 'order/paid'),
          inArray(
            outbox.dedupeKey,
            made.map(({ payment }) => payment.id),
          ),
        ),
      );
    expect(jobs).toHaveLength(ORDERS);
    expect(jobs.every((job) => job.status === 'pending')).toBe(true);
    const ids = jobs.map((job) => job.id);
    const orderIds = made.map(({ order }) => order.id);

    let relay: Child<RelayMessage> | undefined = startRelay(ids);
    try {
      // Killed a third of the way through, while it holds a claimed batch: some rows done, some claimed, some pending.
      const killAt = Math.ceil(ORDERS / 3);
      await waitFor(
        `${killAt} jobs done and a batch claimed`,
        async () => {
          const rows = await jobStatuses(ids);
          const done = rows.filter((row) => row.status === 'done').length;
          return done >= killAt && rows.some((row) => row.status === 'processing') ? true : undefined;
        },
        40_000,
      );
      await relay.kill9();
      const killedAfterMs = Date.now() - startedAt;
      relay = undefined;

      const atKill = await jobStatuses(ids);
      const doneAtKill = atKill.filter((row) => row.status === 'done').map((row) => row.id);
      const claimedAtKill = atKill.filter((row) => row.status === 'processing').map((row) => row.id);
      const pendingAtKill = atKill.filter((row) => row.status === 'pending').map((row) => row.id);
      expect(doneAtKill.length).toBeGreaterThanOrEqual(killAt);
      expect(claimedAtKill.length).toBeGreaterThan(0);
      expect(doneAtKill.length).toBeLessThan(ORDERS);
      // The relay dispatches one job at a time: at most one email can have been claimed and not recorded.
      const inFlightEmails = await db
        .select({ dedupeKey: emailDeliveries.dedupeKey, orderId: emailDeliveries.orderId, kind: emailDeliveries.kind })
        .from(emailDeliveries)
        .where(and(inArray(emailDeliveries.orderId, orderIds), eq(emailDeliveries.status, 'sending')));
      expect(inFlightEmails.length).toBeLessThanOrEqual(1);

      // Restarted. It finishes what was pending but leaves the dead relay's claimed rows alone while their lease runs.
      relay = startRelay(ids, 1_000);
      const restarted = relay;
      await waitFor(
        'the rows pending at the kill done',
        async () => {
          const rows = await jobStatuses(ids);
          return rows.every((row) => claimedAtKill.includes(row.id) || row.status === 'done') ? true : undefined;
        },
        40_000,
      );
      // One more pass while their lease runs: it must leave them alone.
      const passesSoFar = restarted.messages.length;
      restarted.send('sweep');
      await restarted.message((message) => message.pass > passesSoFar, 10_000);
      for (const row of (await jobStatuses(ids)).filter((candidate) => claimedAtKill.includes(candidate.id))) {
        expect(row).toMatchObject({ status: 'processing', attempts: 1 });
      }

      // The lease (120 s) runs out — time passing, without waiting for it — and the next sweep takes those rows over.
      await db
        .update(outbox)
        .set({ lockedUntil: sql`now() - interval '1 second'` })
        .where(and(inArray(outbox.id, claimedAtKill), eq(outbox.status, 'processing')));
      expect(await relay.exited).toEqual({ code: 0, signal: null });
      relay = undefined;

      // Every row done, claimed once per relay that ran it: once, or twice for those the dead relay had claimed.
      const final = await jobStatuses(ids);
      for (const row of final) expect(row).toMatchObject({ status: 'done', attempts: claimedAtKill.includes(row.id) ? 2 : 1 });

      // One invoice per order, each its own number.
      const invoiceRows = await db.select({ orderId: invoices.orderId, number: invoices.number }).from(invoices).where(inArray(invoices.orderId, orderIds));
      expect(invoiceRows.map((invoice) => invoice.orderId).sort()).toEqual([...orderIds].sort());
      expect(new Set(invoiceRows.map((invoice) => invoice.number)).size).toBe(ORDERS);

      // One delivery per order × kind, sent; claimed once — twice only for the claim the kill left in flight.
      const inFlightKeys = new Set(inFlightEmails.map((email) => `${email.orderId}:${email.kind}`));
      const deliveries = await db
        .select({ orderId: emailDeliveries.orderId, kind: emailDeliveries.kind, status: emailDeliveries.status, attempts: emailDeliveries.attempts })
        .from(emailDeliveries)
        .where(inArray(emailDeliveries.orderId, orderIds));
      expect(deliveries).toHaveLength(ORDERS * 2);
      for (const orderId of orderIds) {
        expect(
          deliveries
            .filter((delivery) => delivery.orderId === orderId)
            .map((delivery) => [delivery.kind, delivery.status, delivery.attempts])
            .sort(),
        ).toEqual((['order_confirmation', 'payment_receipt'] as const).map((kind) => [kind, 'sent', inFlightKeys.has(`${orderId}:${kind}`) ? 2 : 1]).sort());
      }

      // One email per order × kind in the inbox. The one exception the product documents (lib/email/send-email.ts,
      // "at-least-once, honestly"): an email whose claim the kill left `sending` may have been accepted by SMTP
      // just before the kill, and is then sent again on takeover — a second copy with the SAME Message-ID.
      // Each send was acknowledged by SMTP before its job finished; the catcher may take a moment to list it.
      const addresses = made.map(({ order }) => order.email);
      const inbox = await waitFor(
        'both emails to every customer',
        async () => {
          const caught = await inboxOf(addresses);
          return [...caught.values()].every((mails) => mails.length >= 2) ? caught : undefined;
        },
        15_000,
      );
      let resent = 0;
      for (const { order } of made) {
        const mails = inbox.get(order.email.toLowerCase()) ?? [];
        for (const kind of ['order_confirmation', 'payment_receipt'] as const) {
          const copies = mails.filter((mail) => kindOf(mail) === kind);
          if (inFlightKeys.has(`${order.id}:${kind}`)) {
            expect(copies.length).toBeGreaterThanOrEqual(1);
            expect(copies.length).toBeLessThanOrEqual(2);
            expect(new Set(copies.map(messageIdOf)).size).toBe(1);
            resent += copies.length - 1;
          } else {
            expect(copies, `${kind} to ${order.email}`).toHaveLength(1);
          }
        }
        expect(mails.filter((mail) => !['order_confirmation', 'payment_receipt'].includes(kindOf(mail)))).toEqual([]);
      }
      console.info(
        `outbox relay: ${ORDERS} jobs in batches of ${BATCH}; killed after ${killedAfterMs} ms with ${doneAtKill.length} done, ` +
          `${claimedAtKill.length} claimed, ${pendingAtKill.length} pending, ${inFlightEmails.length} email claim in flight` +
          `${resent ? ` (re-sent once after takeover, same Message-ID)` : ''}; all done at ${Date.now() - startedAt} ms`,
      );
    } finally {
      await relay?.kill9();
    }
  }, 90_000);
});
