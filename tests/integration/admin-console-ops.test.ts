// The admin console's operations tools against the real Postgres, the Paystack simulator and the test stack's SMTP:
// webhook replay (a really failed event applied once after its cause is gone, a processed one a visible no-op, an
// ignored one re-run only when an operator asks), "Verify with Paystack" on a payment whose webhook was dropped, the
// retry of a dead job, the JSON lists behind the pages, and a customer refused by every action with nothing changed.
// Stood in: who is signed in, through the doors' own seam (no browser session outside a request); the dead job is
// made dead by writing its row (what eight failed attempts leave behind), not by waiting through eight backoffs.
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryJobAction } from '@/app/(admin)/admin/jobs/actions';
import { verifyPaymentAction } from '@/app/(admin)/admin/payments/actions';
import { replayWebhookEventAction } from '@/app/(admin)/admin/webhooks/actions';
import { GET as auditList } from '@/app/api/admin/audit/route';
import { GET as jobsList } from '@/app/api/admin/jobs/route';
import { GET as paymentsList } from '@/app/api/admin/payments/route';
import { POST as webhookRoute } from '@/app/api/webhooks/paystack/route';
import { GET as webhooksList } from '@/app/api/admin/webhooks/route';
import { auditLogs, emailDeliveries, invoices, orders, outbox, payments, webhookEvents } from '@/db/schema';
import { createPaystackClient } from '@/lib/payments/paystack/client';
import { verifyPaymentNow } from '@/lib/payments/ask-paystack';
import type { SessionUser } from '@/lib/server/deps/door-deps';
import { withDoorDeps } from '@/lib/server/deps/door-deps';
import { applyOnce } from '@/lib/webhooks/apply-once';
import { receivePaystackWebhook } from '@/lib/webhooks/receive-paystack-webhook';
import { variantStock } from '../support/catalog-fixtures';
import { cartTestClients, createFixtureUser } from '../support/cart-fixtures';
import { closeCheckoutApiClients, request } from '../support/checkout-api-fixtures';
import { orderAwaitingPayment, payAndCaptureWebhook } from '../support/checkout-fixtures';
import { closedPort } from '../support/closed-port';
import { signedInAs, through } from '../support/doors';
import { paidOrder } from '../support/paid-order-fixtures';
import { simulator } from '../support/paystack-sim';
import { eventKeyOf, settledEvent } from '../support/webhook-inbox';

const clients = cartTestClients();
const { db } = clients;
const userIds: string[] = [];
let admin: SessionUser;
let customer: SessionUser;

beforeAll(async () => {
  const [adminRow, customerRow] = [await createFixtureUser(db, 'admin'), await createFixtureUser(db, 'customer')];
  userIds.push(adminRow.id, customerRow.id);
  admin = { id: adminRow.id, email: adminRow.email, name: adminRow.name, role: 'admin' };
  customer = { id: customerRow.id, email: customerRow.email, name: customerRow.name, role: 'customer' };
});
afterAll(() => closeCheckoutApiClients(clients, userIds));

const as = (user: SessionUser | null) => ({ ...signedInAs(user), requestHeaders: async () => new Headers() });
const asAdmin = <T>(fn: () => Promise<T>) => withDoorDeps(as(admin), fn);
const asCustomer = <T>(fn: () => Promise<T>) => withDoorDeps(as(customer), fn);

const chargeKey = (body: string) => `charge.success:${(JSON.parse(body) as { data: { id: number } }).data.id}`;
const eventByKey = async (eventKey: string) => (await db.select().from(webhookEvents).where(eq(webhookEvents.eventKey, eventKey)))[0];

async function orderState(orderId: string) {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  const [payment] = await db.select().from(payments).where(eq(payments.orderId, orderId));
  const jobs = await db.$count(outbox, and(eq(outbox.event, 'order/paid'), eq(outbox.dedupeKey, payment!.id)));
  return { order: order!, payment: payment!, paidJobs: jobs };
}

const auditCount = (entityId: string, action: string, actorId?: string) =>
  db.$count(auditLogs, and(eq(auditLogs.entityId, entityId), eq(auditLogs.action, action), actorId ? eq(auditLogs.actorId, actorId) : undefined));

/** A charge.success that failed for real: its processing crashed after the stock commit, and the whole commit rolled back. */
async function failedChargeEvent(opts: { stock: number; quantity: number }) {
  const placed = await orderAwaitingPayment(db, opts);
  const { body, signature } = await payAndCaptureWebhook(placed.reference);
  const crashed = await receivePaystackWebhook(
    { db },
    { rawBody: body, headers: { 'content-type': 'application/json' } },
    {
      expectedDomain: 'test',
      afterStockCommitted: () => {
        throw new Error('injected crash after the inventory commit');
      },
    },
  );
  expect(crashed).toMatchObject({ kind: 'failed' });
  const event = await eventByKey(chargeKey(body));
  expect(event).toMatchObject({ status: 'failed', attempts: 1, outcome: 'injected crash after the inventory commit' });
  return { ...placed, body, signature, event: event! };
}

function deliver(body: string, signature: string) {
  return webhookRoute(
    new Request('http://127.0.0.1:3100/api/webhooks/paystack', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-paystack-signature': signature },
      body,
    }),
  );
}

describe('webhook replay', () => {
  it('applies a failed charge.success once after its cause is gone; replaying it again (or a late delivery) changes nothing', async () => {
    const { order, variant, body, signature, event } = await failedChargeEvent({ stock: 4, quantity: 2 });
    expect((await orderState(order.id)).order.status).toBe('pending_payment');
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 4, reserved: 2 });

    // The cause (the injected crash) is gone: the replay runs the stored body through the webhook's own use case.
    const replayed = await asAdmin(() => replayWebhookEventAction({ eventId: event.id }));
    expect(replayed.data).toMatchObject({ result: 'processed' });
    let state = await orderState(order.id);
    expect(state.order.status).toBe('paid');
    expect(state.payment.status).toBe('paid');
    expect(state.paidJobs).toBe(1);
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 2, reserved: 0 });
    expect(await eventByKey(event.eventKey)).toMatchObject({ status: 'processed', attempts: 2 });
    expect(await auditCount(state.payment.id, 'payment.paid')).toBe(1);
    expect(await auditCount(event.id, 'webhook_event.replayed', admin.id)).toBe(1);

    // Again: already applied — a visible no-op.
    const again = await asAdmin(() => replayWebhookEventAction({ eventId: event.id }));
    expect(again.data).toEqual({ result: 'duplicate', message: 'Already applied — nothing changed.' });
    // Paystack's own late redelivery of the same event is a duplicate too.
    expect(await (await deliver(body, signature)).json()).toEqual({ status: 'duplicate' });

    state = await orderState(order.id);
    expect(state.order.status).toBe('paid');
    expect(state.paidJobs).toBe(1);
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 2, reserved: 0 });
    expect(await eventByKey(event.eventKey)).toMatchObject({ status: 'processed', attempts: 2 });
    expect(await auditCount(state.payment.id, 'payment.paid')).toBe(1);
    expect(await auditCount(order.id, 'order.paid')).toBe(1);
    // Every replay is audited, the no-op too, with what it did.
    const replays = await db
      .select({ actorType: auditLogs.actorType, metadata: auditLogs.metadata, before: auditLogs.before, after: auditLogs.after })
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, event.id), eq(auditLogs.action, 'webhook_event.replayed')))
      .orderBy(auditLogs.id);
    expect(replays).toMatchObject([
      { actorType: 'admin', metadata: { result: 'processed' }, before: { status: 'failed', attempts: 1 }, after: { status: 'processed', attempts: 2 } },
      { actorType: 'admin', metadata: { result: 'duplicate' }, before: { status: 'processed' }, after: { status: 'processed' } },
    ]);
  });

  it('does not take a stored charge.success on its word: Paystack says the reference is unpaid, so the replay applies nothing and says why', async () => {
    const { order, variant, reference } = await orderAwaitingPayment(db, { stock: 3, quantity: 1 });
    const [payment] = await db.select().from(payments).where(eq(payments.reference, reference));
    // A charge.success for this reference, which the simulator has NOT been paid for — what anyone holding a leaked
    // secret key could sign and the route would accept: shaped from a real delivery for another order, re-aimed.
    const template = await orderAwaitingPayment(db);
    const real = JSON.parse((await payAndCaptureWebhook(template.reference)).body) as { data: Record<string, unknown> };
    const forged = JSON.stringify({ ...real, data: { ...real.data, id: Date.now(), reference, amount: payment!.amount } });
    // It is stored as failed (its first processing crashed and rolled back), so an operator may replay it.
    const crashed = await receivePaystackWebhook(
      { db },
      { rawBody: forged, headers: { 'content-type': 'application/json' } },
      {
        expectedDomain: 'test',
        afterStockCommitted: () => {
          throw new Error('injected crash after the inventory commit');
        },
      },
    );
    expect(crashed).toMatchObject({ kind: 'failed' });
    const event = await eventByKey(chargeKey(forged));

    const replayed = await asAdmin(() => replayWebhookEventAction({ eventId: event!.id }));
    expect(replayed.data?.result).toBe('not_confirmed');
    expect(replayed.data?.message).toMatch(new RegExp(`Paystack says ${reference} is \\w+, not paid`));
    // Nothing moved: the order waits for its payment, the stock is still only held, the event is as it was.
    const state = await orderState(order.id);
    expect(state.order.status).toBe('pending_payment');
    expect(state.payment.status).toBe('initialized');
    expect(state.paidJobs).toBe(0);
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 3, reserved: 1 });
    expect(await eventByKey(event!.eventKey)).toMatchObject({ status: 'failed', attempts: 1 });
    const [audit] = await db
      .select({ metadata: auditLogs.metadata })
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, event!.id), eq(auditLogs.action, 'webhook_event.replayed')));
    expect(audit?.metadata).toMatchObject({ result: 'not_confirmed', reason: replayed.data?.message.replace(' The event stays as it was.', '') });
  });

  it('refuses a stored charge.success whose amount is not what Paystack took: nothing is flagged, nothing applied', async () => {
    const { order, reference } = await orderAwaitingPayment(db, { stock: 3, quantity: 1 });
    const real = JSON.parse((await payAndCaptureWebhook(reference)).body) as { event: string; data: { id: number; amount: number } };
    // The row a crashed delivery leaves behind, with an amount Paystack never charged (a body edited where it is stored).
    const payload = { ...real, data: { ...real.data, amount: real.data.amount + 100 } };
    const [event] = await db
      .insert(webhookEvents)
      .values({ eventKey: `charge.success:${real.data.id}`, type: 'charge.success', payload, status: 'failed', outcome: 'crashed' })
      .returning();

    const replayed = await asAdmin(() => replayWebhookEventAction({ eventId: event!.id }));
    expect(replayed.data?.result).toBe('not_confirmed');
    expect(replayed.data?.message).toContain(`amount ${real.data.amount}, not ${real.data.amount + 100}`);
    const state = await orderState(order.id);
    expect(state.order.status).toBe('pending_payment');
    expect(state.payment.status).toBe('initialized');
    expect(await eventByKey(event!.eventKey)).toMatchObject({ status: 'failed', attempts: 1 });

    // Paystack's own delivery of the real charge still commits it.
    const delivered = await simulator.deliveries(reference);
    const charge = delivered.find((delivery) => delivery.event === 'charge.success')!;
    await db.delete(webhookEvents).where(eq(webhookEvents.id, event!.id));
    expect((await deliver(charge.body, charge.signature)).status).toBe(200);
    expect((await settledEvent(db, eventKeyOf(charge.body))).status).toBe('processed');
    expect((await orderState(order.id)).order.status).toBe('paid');
  });

  it('re-runs an ignored event under its stored key only when an operator replays it; live redeliveries stay duplicates', async () => {
    // A type the shop does not act on, sent with whitespace: its key hashes the exact bytes Paystack sent, which the
    // stored (re-serialised) body no longer has — the replay must use the stored key, not derive a new one.
    const type = `subscription.create-${randomUUID().slice(0, 8)}`;
    const rawBody = JSON.stringify({ event: type, data: { id: Date.now(), customer: { email: 'someone@example.test' } } }, null, 2);
    expect(await receivePaystackWebhook({ db }, { rawBody, headers: {} }, { expectedDomain: 'test' })).toMatchObject({ kind: 'ignored' });
    expect(await receivePaystackWebhook({ db }, { rawBody, headers: {} }, { expectedDomain: 'test' })).toEqual({ kind: 'duplicate' });
    const [stored] = await db.select().from(webhookEvents).where(eq(webhookEvents.type, type));

    const replayed = await asAdmin(() => replayWebhookEventAction({ eventId: stored!.id }));
    expect(replayed.data).toEqual({ result: 'ignored', message: `Processed and ignored again: unhandled event type ${type}.` });
    const rows = await db.select().from(webhookEvents).where(eq(webhookEvents.type, type));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: stored!.id, status: 'ignored', attempts: 2 });
  });

  it('apply-once: an ignored event is a duplicate for a live delivery, re-applied by a replay; a processed one never is', async () => {
    const event = { eventKey: `test.replay:${randomUUID()}`, type: 'test.replay', payload: { n: 1 } };
    const runs: string[] = [];
    const apply = (status: 'processed' | 'ignored', outcome: string) => async () => {
      runs.push(outcome);
      return { status, outcome };
    };

    expect(await applyOnce(db, event, apply('ignored', 'payment not recorded yet'))).toMatchObject({ kind: 'ignored' });
    expect(await applyOnce(db, event, apply('processed', 'live redelivery'))).toEqual({ kind: 'duplicate' });
    // A replay that fails leaves the event failed (so the next delivery or replay tries again) with its error.
    const failing = async () => {
      runs.push('replay that fails');
      throw new Error('still broken');
    };
    expect(await applyOnce(db, event, failing, { replay: true })).toEqual({ kind: 'failed', error: 'still broken' });
    expect(await eventByKey(event.eventKey)).toMatchObject({ status: 'failed', attempts: 2, outcome: 'still broken' });
    expect(await applyOnce(db, event, apply('processed', 'replay after the fix'), { replay: true })).toMatchObject({ kind: 'processed' });
    expect(await applyOnce(db, event, apply('processed', 'replay of a processed event'), { replay: true })).toEqual({ kind: 'duplicate' });
    expect(await applyOnce(db, event, apply('processed', 'live redelivery'))).toEqual({ kind: 'duplicate' });

    expect(runs).toEqual(['payment not recorded yet', 'replay that fails', 'replay after the fix']);
    expect(await eventByKey(event.eventKey)).toMatchObject({ status: 'processed', attempts: 3, outcome: 'replay after the fix' });
  });

  it('says why a row written by a Paystack verification cannot be replayed, and audits the attempt', async () => {
    const placed = await orderAwaitingPayment(db);
    await simulator.act(placed.reference, 'pay');
    const [payment] = await db.select().from(payments).where(eq(payments.reference, placed.reference));
    expect((await asAdmin(() => verifyPaymentAction({ paymentId: payment!.id }))).data?.result).toBe('paid_now');
    const [event] = await db.select().from(webhookEvents).where(sql`${webhookEvents.payload} ->> 'reference' = ${placed.reference}`);
    expect(event).toMatchObject({ status: 'processed', payload: { source: 'admin-verify' } });

    const replayed = await asAdmin(() => replayWebhookEventAction({ eventId: event!.id }));
    expect(replayed.data?.result).toBe('not_replayable');
    expect(replayed.data?.message).toMatch(/Verify with Paystack/);
    expect(await auditCount(event!.id, 'webhook_event.replayed', admin.id)).toBe(1);
  });
});

describe('Verify with Paystack', () => {
  it('commits a payment that was paid at Paystack but whose webhook was dropped, exactly once', async () => {
    const { order, variant, reference } = await orderAwaitingPayment(db, { stock: 3, quantity: 1 });
    // The shopper paid; the simulator keeps the webhook to itself (dropWebhooks).
    expect((await simulator.act(reference, 'pay')).status).toBe(200);
    let state = await orderState(order.id);
    expect(state.payment.status).toBe('initialized');

    const verified = await asAdmin(() => verifyPaymentAction({ paymentId: state.payment.id }));
    expect(verified.data).toEqual({
      result: 'paid_now',
      message: 'Paid at Paystack and committed now: the order is paid and its stock committed.',
      paymentStatus: 'paid',
      orderId: order.id,
      orderNumber: order.number,
    });
    state = await orderState(order.id);
    expect(state.order.status).toBe('paid');
    expect(state.paidJobs).toBe(1);
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 2, reserved: 0 });
    expect(await auditCount(state.payment.id, 'payment.verified_with_paystack', admin.id)).toBe(1);

    // A second click finds the payment settled; the dropped webhook, delivered late, is a duplicate.
    const again = await asAdmin(() => verifyPaymentAction({ paymentId: state.payment.id }));
    expect(again.serverError?.code).toBe('changed_since_read');
    const [late] = (await simulator.deliveries(reference)).filter((delivery) => delivery.event === 'charge.success');
    expect(await (await deliver(late!.body, late!.signature)).json()).toEqual({ status: 'duplicate' });

    state = await orderState(order.id);
    expect(state.paidJobs).toBe(1);
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 2, reserved: 0 });
    expect(await auditCount(state.payment.id, 'payment.paid')).toBe(1);
    expect(await auditCount(state.payment.id, 'payment.verified_with_paystack')).toBe(1);
  });

  it('says so when the shopper has not paid yet, or Paystack cannot be reached, and changes nothing', async () => {
    const { order } = await orderAwaitingPayment(db);
    const { payment } = await orderState(order.id);

    const unpaid = await asAdmin(() => verifyPaymentAction({ paymentId: payment.id }));
    expect(unpaid.data).toMatchObject({ result: 'still_pending', paymentStatus: 'initialized' });
    expect(unpaid.data?.message).toMatch(/^Not paid yet/);

    const down = createPaystackClient({ baseUrl: `http://127.0.0.1:${await closedPort()}`, secretKey: 'sk_test_down', timeoutMs: 500, retryBaseDelayMs: 1 });
    const outcome = await verifyPaymentNow({ db, paystack: down, expectedDomain: 'test' }, { paymentId: payment.id, actor: { type: 'admin', id: admin.id } });
    expect(outcome).toMatchObject({ ok: true, report: { result: 'unreachable', paymentStatus: 'initialized' } });
    expect(outcome.ok && outcome.report.message).toMatch(/^Paystack could not be asked/);

    const after = await orderState(order.id);
    expect(after.order.status).toBe('pending_payment');
    expect(after.payment.status).toBe('initialized');
    expect(await auditCount(payment.id, 'payment.verified_with_paystack', admin.id)).toBe(2);
  });
});

describe('retry of a dead job', () => {
  async function deadPaidOrderJob() {
    const { order, payment } = await paidOrder(db);
    const [job] = await db
      .update(outbox)
      .set({ status: 'dead', attempts: 8, lastError: 'connect ECONNREFUSED 127.0.0.1:1', nextAttemptAt: sql`now()` })
      .where(and(eq(outbox.event, 'order/paid'), eq(outbox.dedupeKey, payment.id)))
      .returning();
    return { order, job: job! };
  }

  it('runs a dead job once, now, through the configured driver; a second retry finds nothing to do', async () => {
    const { order, job } = await deadPaidOrderJob();
    const retried = await asAdmin(() => retryJobAction({ jobId: job.id }));
    expect(retried.data).toEqual({ result: 'done', message: 'Retried and ran now: the job is done.' });
    expect((await db.select().from(outbox).where(eq(outbox.id, job.id)))[0]).toMatchObject({ status: 'done', attempts: 1, generation: 1, lastError: null });
    expect(await db.$count(invoices, eq(invoices.orderId, order.id))).toBe(1);
    const deliveries = await db.select().from(emailDeliveries).where(eq(emailDeliveries.orderId, order.id));
    expect(deliveries.map((delivery) => [delivery.kind, delivery.status]).sort()).toEqual([
      ['order_confirmation', 'sent'],
      ['payment_receipt', 'sent'],
    ]);
    expect(await auditCount(job.id, 'outbox_job.retried', admin.id)).toBe(1);

    const again = await asAdmin(() => retryJobAction({ jobId: job.id }));
    expect(again.serverError?.code).toBe('changed_since_read');
    expect((await db.select().from(outbox).where(eq(outbox.id, job.id)))[0]).toMatchObject({ status: 'done', attempts: 1, generation: 1 });
    expect(await db.$count(invoices, eq(invoices.orderId, order.id))).toBe(1);
    expect(await db.$count(emailDeliveries, eq(emailDeliveries.orderId, order.id))).toBe(2);
    expect(await auditCount(job.id, 'outbox_job.retried')).toBe(1);
  });
});

describe('the actions refuse a customer', () => {
  it('answers forbidden to a customer calling verify, replay or retry with real ids, and changes nothing', async () => {
    const failed = await failedChargeEvent({ stock: 2, quantity: 1 });
    const pending = await orderAwaitingPayment(db);
    await simulator.act(pending.reference, 'pay');
    const pendingPayment = (await orderState(pending.order.id)).payment;
    const { order: jobOrder, payment: jobPayment } = await paidOrder(db);
    const [job] = await db
      .update(outbox)
      .set({ status: 'dead', attempts: 8, lastError: 'boom' })
      .where(and(eq(outbox.event, 'order/paid'), eq(outbox.dedupeKey, jobPayment.id)))
      .returning();

    const replay = await asCustomer(() => replayWebhookEventAction({ eventId: failed.event.id }));
    const verify = await asCustomer(() => verifyPaymentAction({ paymentId: pendingPayment.id }));
    const retry = await asCustomer(() => retryJobAction({ jobId: job!.id }));
    for (const result of [replay, verify, retry]) {
      expect(result.serverError?.code).toBe('forbidden');
      expect(result.data).toBeUndefined();
    }

    expect(await eventByKey(failed.event.eventKey)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await orderState(failed.order.id)).order.status).toBe('pending_payment');
    expect((await orderState(pending.order.id)).payment.status).toBe('initialized');
    expect((await db.select().from(outbox).where(eq(outbox.id, job!.id)))[0]).toMatchObject({ status: 'dead', attempts: 8, generation: 0 });
    expect(await db.$count(invoices, eq(invoices.orderId, jobOrder.id))).toBe(0);
    for (const entityId of [failed.event.id, pendingPayment.id, job!.id]) {
      expect(await db.$count(auditLogs, and(eq(auditLogs.entityId, entityId), eq(auditLogs.actorType, 'admin')))).toBe(0);
    }
  });
});

describe('the JSON lists behind the pages', () => {
  const get = (handler: (request: Request) => Promise<Response>, user: SessionUser | null, path: string) =>
    through(handler, () => signedInAs(user))(request('GET', path));

  it('filter and search through the URL query, for admins only', async () => {
    const failed = await failedChargeEvent({ stock: 2, quantity: 1 });
    const [payment] = await db.select().from(payments).where(eq(payments.reference, failed.reference));

    const paymentsPage = await (await get(paymentsList, admin, `/api/admin/payments?status=initialized&q=${failed.reference}`)).json();
    expect(paymentsPage).toMatchObject({ total: 1, page: 1, pageSize: 25, rows: [{ id: payment!.id, reference: failed.reference, status: 'initialized' }] });
    expect((await (await get(paymentsList, admin, `/api/admin/payments?status=paid&q=${failed.reference}`)).json()).total).toBe(0);

    const inbox = await (await get(webhooksList, admin, `/api/admin/webhooks?status=failed&type=charge.success&q=${failed.reference}`)).json();
    expect(inbox).toMatchObject({ total: 1, rows: [{ id: failed.event.id, status: 'failed', source: 'delivery', reference: failed.reference, attempts: 1 }] });

    await asAdmin(() => replayWebhookEventAction({ eventId: failed.event.id }));
    const audit = await (await get(auditList, admin, `/api/admin/audit?actor=${admin.id}&action=replayed&entityId=${failed.event.id}`)).json();
    expect(audit).toMatchObject({
      total: 1,
      rows: [{ actorType: 'admin', actorName: admin.name, action: 'webhook_event.replayed', entityHref: `/admin/webhooks/${failed.event.id}` }],
    });

    const jobs = await (await get(jobsList, admin, `/api/admin/jobs?event=order/paid&q=${payment!.id}`)).json();
    expect(jobs).toMatchObject({ total: 1, rows: [{ event: 'order/paid', status: 'pending', orderId: failed.order.id }] });

    for (const [handler, path] of [
      [paymentsList, '/api/admin/payments'],
      [webhooksList, '/api/admin/webhooks'],
      [jobsList, '/api/admin/jobs'],
      [auditList, '/api/admin/audit'],
    ] as const) {
      expect((await get(handler, customer, path)).status, path).toBe(403);
      expect((await get(handler, null, path)).status, path).toBe(401);
    }
  });
});
