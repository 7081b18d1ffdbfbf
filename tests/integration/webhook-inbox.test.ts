// The webhook inbox (issue #26) against the real Postgres and the simulator's signed bodies: the route stores a
// verified delivery and answers before anything is applied; the worker applies each stored event exactly once, however
// many deliveries, workers and synchronous applies meet it; a failing apply is retried and left `failed` (with its
// attempts and last error, as the admin inbox shows it) after MAX_INBOX_ATTEMPTS; a row nobody applied (the process
// died between the store and the apply) is applied by a worker's sweep.
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/webhooks/paystack/route';
import { listWebhookEvents } from '@/db/queries/admin-webhooks';
import { auditLogs, orders, payments, webhookEvents } from '@/db/schema';
import { inboxProgressWords } from '@/lib/admin/webhook-list-query';
import { signWebhookBody } from '@/lib/payments/paystack/signature';
import { acceptPaystackWebhook, MAX_INBOX_ATTEMPTS } from '@/lib/webhooks/inbox';
import { startInboxWorker } from '@/lib/webhooks/inbox-worker';
import { receivePaystackWebhook } from '@/lib/webhooks/receive-paystack-webhook';
import { variantStock } from '../support/catalog-fixtures';
import { orderAwaitingPayment, payAndCaptureWebhook } from '../support/checkout-fixtures';
import { testDatabase } from '../support/db';
import { runAloneAmongBackgroundWorkers } from '../support/exclusive';
import { paystackEnv } from '../support/paystack-sim';
import { waitFor } from '../support/wait';
import { eventKeyOf, settledEvent } from '../support/webhook-inbox';

// The workers below apply any stored event: not while another file (crash-safety) counts what its own app applied.
runAloneAmongBackgroundWorkers();
const { db, sql: client } = testDatabase(40);
afterAll(() => client.end());
const { secretKey } = paystackEnv();
const ctx = { expectedDomain: 'test' as const };

function deliver(body: string) {
  return POST(
    new Request('http://127.0.0.1:3100/api/webhooks/paystack', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-paystack-signature': signWebhookBody(body, secretKey) },
      body,
    }),
  );
}

const storedRow = async (eventKey: string) => (await db.select().from(webhookEvents).where(eq(webhookEvents.eventKey, eventKey)))[0];

const auditCount = async (entityId: string, action: string) =>
  (
    await db
      .select({ n: count() })
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, entityId), eq(auditLogs.action, action)))
  )[0]!.n;

describe('webhook inbox', () => {
  it('answers 200 once the event is stored, before it is applied', async () => {
    const { order, reference } = await orderAwaitingPayment(db);
    const { body } = await payAndCaptureWebhook(reference);
    const key = eventKeyOf(body);

    // Another transaction holds the order: whoever applies the event waits on it, so what the route answers cannot
    // depend on the apply having happened.
    await db.transaction(async (tx) => {
      await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, order.id)).for('update');
      const response = await deliver(body);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'received' });
      expect(await storedRow(key)).toMatchObject({ status: 'received', attempts: 0, processedAt: null });
      const [held] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id));
      expect(held!.status).toBe('pending_payment');
    });

    const applied = await settledEvent(db, key);
    expect(applied).toMatchObject({ status: 'processed', attempts: 1, outcome: 'paid', nextAttemptAt: null, sealedBody: null });
    const [paid] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id));
    expect(paid!.status).toBe('paid');
  });

  it('applies a storm of concurrent duplicate deliveries, racing workers and a synchronous apply exactly once', async () => {
    const events = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const placed = await orderAwaitingPayment(db, { stock: 6, quantity: 2 });
        return { ...placed, body: (await payAndCaptureWebhook(placed.reference)).body };
      }),
    );
    // Two more workers, as another app process would run them, besides the one the route wakes in this process.
    const others = [startInboxWorker({ db, ctx }, { lanes: 4 }), startInboxWorker({ db, ctx }, { lanes: 4 })];
    try {
      const copies = events.flatMap((event) => Array.from({ length: 30 }, () => event.body));
      const [replies, direct] = await Promise.all([
        Promise.all(copies.map(async (body) => (await deliver(body)).json() as Promise<{ status: string }>)),
        // The synchronous path (a test, reconciliation's twin) taking the same events head-on.
        Promise.all(events.map((event) => receivePaystackWebhook({ db }, { rawBody: event.body, headers: {} }, ctx))),
        ...others.map((worker) => Promise.resolve(worker.kick())),
      ]);
      expect(replies.every((reply) => reply.status === 'received' || reply.status === 'duplicate')).toBe(true);
      expect(direct.every((result) => result.kind === 'processed' || result.kind === 'duplicate')).toBe(true);
      for (const event of events) {
        const key = eventKeyOf(event.body);
        expect(await settledEvent(db, key)).toMatchObject({ status: 'processed', attempts: 1 });
        // At most one delivery stored it: if the synchronous apply came first, every delivery was a duplicate.
        expect(replies.filter((reply, index) => copies[index] === event.body && reply.status === 'received').length).toBeLessThanOrEqual(1);
        const [payment] = await db.select().from(payments).where(eq(payments.reference, event.reference));
        expect(payment!.status).toBe('paid');
        expect(await auditCount(payment!.id, 'payment.paid')).toBe(1);
        expect(await auditCount(event.order.id, 'order.paid')).toBe(1);
        expect(await variantStock(db, event.variant.id)).toMatchObject({ stockOnHand: 4, reserved: 0 });
        expect(await db.$count(webhookEvents, eq(webhookEvents.eventKey, key))).toBe(1);
      }
    } finally {
      await Promise.all(others.map((worker) => worker.stop()));
    }
  });

  it('retries a failing apply and leaves it failed, with its attempts and last error, for the admin inbox', async () => {
    const { order, reference } = await orderAwaitingPayment(db);
    const { body } = await payAndCaptureWebhook(reference);
    const key = eventKeyOf(body);
    // A real fault in the database, for this payment only: whichever worker applies the event fails the same way.
    const fault = `inbox_fault_${reference.replace(/\W/g, '_').toLowerCase()}`;
    await db.execute(
      sql.raw(`CREATE FUNCTION ${fault}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.reference = '${reference}' AND NEW.status = 'paid' THEN RAISE EXCEPTION 'injected fault for ${reference}'; END IF; RETURN NEW; END $$`),
    );
    await db.execute(sql.raw(`CREATE TRIGGER ${fault} BEFORE UPDATE ON payments FOR EACH ROW EXECUTE FUNCTION ${fault}()`));
    const worker = startInboxWorker({ db, ctx }, { lanes: 1, sweepEveryMs: 60_000, retryInSeconds: () => 0 });
    try {
      expect(await acceptPaystackWebhook({ db }, { rawBody: body, headers: {} })).toMatchObject({ kind: 'received' });
      const failed = await waitFor(
        'the inbox to give up on the failing event',
        async () => {
          worker.kick();
          const row = await storedRow(key);
          return row?.status === 'failed' && row.nextAttemptAt === null ? row : undefined;
        },
        60_000,
      );
      expect(failed).toMatchObject({ status: 'failed', attempts: MAX_INBOX_ATTEMPTS, processedAt: null });
      expect(failed.outcome).toContain(`injected fault for ${reference}`);
      const [still] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id));
      expect(still!.status).toBe('pending_payment');

      const listed = await listWebhookEvents(db, { q: key, status: 'failed', page: 1, pageSize: 10, sort: 'received', dir: 'desc' });
      expect(listed.rows).toEqual([expect.objectContaining({ id: failed.id, status: 'failed', attempts: MAX_INBOX_ATTEMPTS, nextAttemptAt: null })]);
      expect(listed.rows[0]!.outcome).toContain('injected fault');
      expect(inboxProgressWords(listed.rows[0]!, (at) => at.toISOString())).toBe(
        `Failed after ${MAX_INBOX_ATTEMPTS} attempts; no more automatic attempts — replay it`,
      );
    } finally {
      await worker.stop();
      await db.execute(sql.raw(`DROP TRIGGER IF EXISTS ${fault} ON payments`));
      await db.execute(sql.raw(`DROP FUNCTION IF EXISTS ${fault}()`));
    }
    // The fault fixed, Paystack's next retry of the same event makes it due again, and it is applied.
    expect(await (await deliver(body)).json()).toEqual({ status: 'received' });
    expect(await settledEvent(db, key)).toMatchObject({ status: 'processed', attempts: MAX_INBOX_ATTEMPTS + 1 });
  });

  it('applies, by its periodic sweep, an event stored by a process that died before applying it', async () => {
    const { order, reference } = await orderAwaitingPayment(db);
    const { body } = await payAndCaptureWebhook(reference);
    const key = eventKeyOf(body);
    // The worker is running and idle; the row below is stored without waking it, as by a process that then died.
    const worker = startInboxWorker({ db, ctx }, { lanes: 1, sweepEveryMs: 100 });
    try {
      await worker.idle();
      expect(await acceptPaystackWebhook({ db }, { rawBody: body, headers: {} })).toMatchObject({ kind: 'received' });
      const applied = await waitFor('the sweep to apply the stored event', async () => {
        const row = await storedRow(key);
        return row?.status === 'processed' ? row : undefined;
      });
      expect(applied).toMatchObject({ attempts: 1, outcome: 'paid' });
      const [paid] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id));
      expect(paid!.status).toBe('paid');
    } finally {
      await worker.stop();
    }
  });
});
