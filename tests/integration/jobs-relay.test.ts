// The outbox relay against the real Postgres, real SMTP (the test stack's mail catcher) and, for the Inngest driver,
// a small local stand-in for Inngest's event API (Inngest itself cannot run here; the stand-in answers exactly what
// the SDK's `send` posts to). Each test relays only its own rows (`ids`), since other test files write outbox rows too.
import { createServer as createHttpServer } from 'node:http';
import { and, eq, sql } from 'drizzle-orm';
import { Inngest } from 'inngest';
import { afterAll, describe, expect, it } from 'vitest';
import { emailDeliveries, invoices, outbox, productVariants } from '@/db/schema';
import { smtpConfigFromEnv, smtpMailer } from '@/lib/email/mailer';
import { env } from '@/lib/core/env';
import { inngestDriver, inProcessDriver } from '@/lib/jobs/drivers';
import { LEASE_SECONDS, MAX_ATTEMPTS, relayOutbox, retryDeadJobs } from '@/lib/jobs/relay';
import { testJobDeps } from '../support/job-deps';
import { createTestVariants } from '../support/catalog-fixtures';
import { inboxFor, mailTo } from '../support/inbox';
import { paidOrder, uniqueEmail } from '../support/paid-order-fixtures';
import { expireOrder, placeOrderFor } from '../support/recovery-fixtures';
import { waitFor } from '../support/wait';
import { closedPort } from '../support/closed-port';

const { db, deps, close } = testJobDeps();
afterAll(close);

async function paidOrderJob(email = uniqueEmail('jobs')) {
  const { order, payment } = await paidOrder(db, { email });
  const [job] = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.event, 'order/paid'), eq(outbox.dedupeKey, payment.id)));
  if (!job) throw new Error('the payment commit wrote no order/paid job');
  return { order, payment, job, email };
}

const jobRow = async (id: string) => (await db.select().from(outbox).where(eq(outbox.id, id)))[0]!;
/** Time passing, without waiting for it: the row's backoff is over. */
const makeDue = (id: string) => db.update(outbox).set({ nextAttemptAt: sql`now()` }).where(eq(outbox.id, id));
const secondsUntilDue = async (id: string) =>
  Number((await db.execute<{ s: number }>(sql`SELECT extract(epoch FROM next_attempt_at - now())::float8 AS s FROM outbox WHERE id = ${id}`))[0]!.s);

describe('outbox relay, in-process driver', () => {
  it('runs a paid order’s job exactly once when the process died before dispatch and three sweeps race for it', async () => {
    const { order, payment, job, email } = await paidOrderJob();
    expect(job.status).toBe('pending'); // committed with the payment, never dispatched

    const summaries = await Promise.all([1, 2, 3].map(() => relayOutbox({ db, driver: inProcessDriver(deps) }, { ids: [job.id] })));
    expect(summaries.reduce((sum, summary) => sum + summary.claimed, 0)).toBe(1);
    expect(await jobRow(job.id)).toMatchObject({ status: 'done', attempts: 1 });

    expect(await db.$count(invoices, eq(invoices.orderId, order.id))).toBe(1);
    const deliveries = await db.select().from(emailDeliveries).where(eq(emailDeliveries.orderId, order.id));
    expect(deliveries.map((delivery) => [delivery.kind, delivery.status]).sort()).toEqual([
      ['order_confirmation', 'sent'],
      ['payment_receipt', 'sent'],
    ]);
    const mails = await mailTo(email, 2);
    expect(mails).toHaveLength(2);
    expect(mails.map((mail) => mail.subject).join(' | ')).toContain(order.number);
    expect(payment.status).toBe('paid');
  });

  it('takes over a job whose relay died mid-dispatch once its lease has run out, and not before', async () => {
    const { job } = await paidOrderJob();
    // A relay claimed it and died: `processing`, lease still running.
    await db
      .update(outbox)
      .set({ status: 'processing', attempts: 1, lockedUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})` })
      .where(eq(outbox.id, job.id));
    expect((await relayOutbox({ db, driver: inProcessDriver(deps) }, { ids: [job.id] })).claimed).toBe(0);
    await db.update(outbox).set({ lockedUntil: sql`now() - interval '1 second'` }).where(eq(outbox.id, job.id));
    expect(await relayOutbox({ db, driver: inProcessDriver(deps) }, { ids: [job.id] })).toMatchObject({ claimed: 1, done: 1 });
    expect(await jobRow(job.id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('gives up on a job that keeps failing (dead after the last attempt), and an operator’s retry runs it once', async () => {
    const { order, job, email } = await paidOrderJob();
    const broken = { ...deps, mailer: smtpMailer({ ...smtpConfigFromEnv(env()), port: await closedPort() }) };
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      expect((await relayOutbox({ db, driver: inProcessDriver(broken) }, { ids: [job.id] })).claimed).toBe(1);
      await makeDue(job.id);
    }
    broken.mailer.close();
    const dead = await jobRow(job.id);
    expect(dead).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS });
    expect(dead.lastError).toMatch(/ECONNREFUSED|connect/i);
    // Dead means left alone by the sweep.
    expect((await relayOutbox({ db, driver: inProcessDriver(deps) }, { ids: [job.id] })).claimed).toBe(0);

    expect(await retryDeadJobs(db, [job.id])).toBe(1);
    expect(await relayOutbox({ db, driver: inProcessDriver(deps) }, { ids: [job.id] })).toMatchObject({ claimed: 1, done: 1 });
    expect(await jobRow(job.id)).toMatchObject({ status: 'done', generation: 1 });
    const mails = await mailTo(email, 2);
    expect(mails).toHaveLength(2);
    expect(await db.$count(invoices, eq(invoices.orderId, order.id))).toBe(1);
  });
});

describe('abandoned checkout through the relay', () => {
  it('waits out the recovery delay (deferred, not failed), then sends the one email', async () => {
    const email = uniqueEmail('recover');
    const [variant] = await createTestVariants(db, [{ stock: 5 }]);
    const order = await placeOrderFor(db, email, [{ variantId: variant!.id, quantity: 1 }]);
    await expireOrder(db, order.id); // the release path enqueues the job in its own transaction
    const [job] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.event, 'order/expired-unpaid'), eq(outbox.dedupeKey, order.id)));
    const delayed = { ...deps, recoveryDelayMs: 1_500 }; // the test-shortened hour
    const relay = () => relayOutbox({ db, driver: inProcessDriver(delayed) }, { ids: [job!.id] });

    expect(await relay()).toMatchObject({ claimed: 1, deferred: 1 });
    expect(await jobRow(job!.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await inboxFor(email)).toEqual([]);
    // The sweep keeps coming round; the job runs once its delay is over, and only then.
    await waitFor('the delay to pass and the job to run', async () => ((await relay()).done === 1 ? true : undefined), 10_000);
    expect(await jobRow(job!.id)).toMatchObject({ status: 'done', attempts: 1 });
    const mails = await mailTo(email, 1);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('You left something in your cart');
    expect(mails[0]!.text).toMatch(/restore/i);
  });
});

describe('outbox relay, Inngest driver', () => {
  it('retries while Inngest is down with growing delays, then sends the event once, under the outbox id', async () => {
    let outage = true;
    const accepted: Array<{ id: string; name: string; data: unknown }> = [];
    const server = createHttpServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        response.setHeader('content-type', 'application/json');
        if (outage) {
          response.statusCode = 503;
          response.end(JSON.stringify({ error: 'unavailable' }));
          return;
        }
        const events = JSON.parse(body) as Array<{ id: string; name: string; data: unknown }>;
        accepted.push(...events);
        response.end(JSON.stringify({ ids: events.map((event) => event.id), status: 200 }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const inngest = new Inngest({ id: 'relay-test', eventKey: 'test-event-key', baseUrl: `http://127.0.0.1:${port}`, isDev: false });

    try {
      const { job, payment, order } = await paidOrderJob();
      const delays: number[] = [];
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        expect(await relayOutbox({ db, driver: inngestDriver(inngest) }, { ids: [job.id] })).toMatchObject({ claimed: 1, retried: 1 });
        expect(await jobRow(job.id)).toMatchObject({ status: 'pending', attempts: attempt });
        delays.push(await secondsUntilDue(job.id));
        await makeDue(job.id);
      }
      // 2 s, 4 s, 8 s with ±25 % jitter: the ranges do not overlap, so each wait is longer than the last.
      expect(delays[0]).toBeGreaterThan(1);
      expect(delays[1]).toBeGreaterThan(delays[0]!);
      expect(delays[2]).toBeGreaterThan(delays[1]!);
      expect(accepted).toHaveLength(0);

      outage = false;
      expect(await relayOutbox({ db, driver: inngestDriver(inngest) }, { ids: [job.id] })).toMatchObject({ claimed: 1, done: 1 });
      expect(await relayOutbox({ db, driver: inngestDriver(inngest) }, { ids: [job.id] })).toMatchObject({ claimed: 0 });
      expect(accepted).toEqual([{ id: job.id, name: 'order/paid', data: { orderId: order.id, paymentId: payment.id }, ts: expect.any(Number) }]);
      expect(await jobRow(job.id)).toMatchObject({ status: 'done', attempts: 4 });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('low stock', () => {
  it('queues one digest when a sale takes a variant to its threshold, none for later sales below it, and emails each admin once', async () => {
    const first = await paidOrder(db, { quantity: 1 });
    const [line] = await db.execute<{ variant_id: string }>(sql`SELECT variant_id FROM order_items WHERE order_id = ${first.order.id}`);
    const variantId = line!.variant_id;
    // paidOrder's variant starts with 10 and sold 1: available 9. Threshold 7: the next sale of 2 crosses it.
    await db.update(productVariants).set({ lowStockThreshold: 7 }).where(eq(productVariants.id, variantId));
    const lowStockJob = (paymentId: string) =>
      db
        .select()
        .from(outbox)
        .where(and(eq(outbox.event, 'inventory/low-stock'), eq(outbox.dedupeKey, paymentId)));
    expect(await lowStockJob(first.payment.id)).toEqual([]); // 9 left, threshold not yet set when it sold

    const crossing = await paidOrder(db, { quantity: 2, variantId }); // 9 → 7: at the threshold
    const [job] = await lowStockJob(crossing.payment.id);
    expect(job?.payload).toEqual({ variantIds: [variantId], saleId: crossing.payment.id });
    const below = await paidOrder(db, { quantity: 1, variantId }); // 7 → 6: already below, stays quiet
    expect(await lowStockJob(below.payment.id)).toEqual([]);

    expect(await relayOutbox({ db, driver: inProcessDriver(deps) }, { ids: [job!.id] })).toMatchObject({ done: 1 });
    expect(await relayOutbox({ db, driver: inProcessDriver(deps) }, { ids: [job!.id] })).toMatchObject({ claimed: 0 });
    const [{ sku }] = (await db.select({ sku: productVariants.sku }).from(productVariants).where(eq(productVariants.id, variantId))) as [{ sku: string }];
    const digests = await db
      .select()
      .from(emailDeliveries)
      .where(and(eq(emailDeliveries.kind, 'low_stock'), sql`${emailDeliveries.dedupeKey} LIKE ${`low_stock:${crossing.payment.id}:%`}`));
    expect(digests.length).toBeGreaterThan(0); // one per admin (the seed has at least one)
    expect(digests.every((digest) => digest.status === 'sent')).toBe(true);
    const [mail] = await mailTo(digests[0]!.recipient, 1, (message) => message.text.includes(sku));
    // The plain-text part wraps lines; the digest tells the stock as it is when it is sent.
    expect(mail!.text.replace(/\s+/g, ' ')).toContain(`(${sku}): 6 available (threshold 7)`);
  });
});
