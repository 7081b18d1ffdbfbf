// The refund jobs through the outbox and the in-process driver, against the real Postgres, the Paystack simulator and
// the test stack's mail catcher: automatic refunds of money the shop cannot keep, and the shopper's refund emails.
// Each test relays only its own rows (`ids`), since other test files write outbox rows too.
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { outbox, payments, refunds, users } from '@/db/schema';
import { placeOrder } from '@/lib/checkout/place-order';
import { smtpConfigFromEnv, smtpMailer } from '@/lib/email/mailer';
import { env } from '@/lib/core/env';
import { releaseExpiredReservations } from '@/lib/inventory/release-expired-reservations';
import { definitionFor, type JobDeps } from '@/lib/jobs/definitions';
import { inProcessDriver } from '@/lib/jobs/drivers';
import { jobEventSchemas } from '@/lib/jobs/events';
import { relayOutbox } from '@/lib/jobs/relay';
import { formatMoney, money } from '@/lib/core/money';
import { initializePayment } from '@/lib/payments/initialize-payment';
import { orderLedger } from '@/lib/refunds/order-ledger';
import { requestRefund } from '@/lib/refunds/request-refund';
import { testAddress, variantStock } from '../support/catalog-fixtures';
import { expireHolds, orderAwaitingPayment, payAndCaptureWebhook, testPaystack } from '../support/checkout-fixtures';
import { testDatabase } from '../support/db';
import { mailTo } from '../support/inbox';
import { uniqueEmail } from '../support/paid-order-fixtures';
import { simulator, uniqueReference } from '../support/paystack-sim';
import { deliverWebhook, moneyState, newKey, refundableOrder, refundWebhook, simulatorRefunds } from '../support/refund-fixtures';

const { db, sql: client } = testDatabase(10);
const mailer = smtpMailer(smtpConfigFromEnv(env()));
afterAll(async () => {
  mailer.close();
  await client.end();
});
const paystack = testPaystack();

const deps: JobDeps = {
  db,
  mailer,
  siteUrl: 'https://shop.example.test',
  orderAccessSecret: env().NEXTAUTH_SECRET,
  paystack,
  expectedDomain: 'test',
  recoveryDelayMs: 0,
  log: () => {},
};

async function jobFor(event: string, dedupeKey: string) {
  const [job] = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.event, event), eq(outbox.dedupeKey, dedupeKey)));
  if (!job) throw new Error(`no ${event} job with key ${dedupeKey}`);
  return job;
}

const relay = (id: string) => relayOutbox({ db, driver: inProcessDriver(deps) }, { ids: [id] });

describe('automatic refunds', () => {
  it('refunds a late payment whose stock was sold meanwhile, emails the shopper, and the ledger nets to zero', async () => {
    const email = uniqueEmail('late');
    const { order, variant, reference } = await orderAwaitingPayment(db, { stock: 2, quantity: 2, email });
    await simulator.setKnobs(reference, { refundAutoProcessMs: null });
    await expireHolds(db, order.id);
    await releaseExpiredReservations({ db, paystack });
    const rival = await placeOrder(
      { db },
      { userId: null, email: 'rival@example.test', shippingAddress: testAddress, deliveryOption: 'pickup', lines: [{ variantId: variant.id, quantity: 2 }] },
    );
    expect(rival.ok).toBe(true);
    expect(await deliverWebhook(db, (await payAndCaptureWebhook(reference)).body)).toMatchObject({ kind: 'processed' });
    const [payment] = await db.select().from(payments).where(eq(payments.reference, reference));
    expect((await moneyState(db, order.id)).order.status).toBe('paid_needs_attention');

    const job = await jobFor('refund/requested', payment!.id);
    expect(await relay(job.id)).toMatchObject({ claimed: 1, done: 1 });

    const state = await moneyState(db, order.id);
    expect(state.refunds).toEqual([
      expect.objectContaining({ origin: 'system', status: 'pending', amount: payment!.amount, idempotencyKey: `auto:${payment!.id}`, requestedBy: null }),
    ]);
    expect(state.payments[0]).toMatchObject({ status: 'refunded', refundedAmount: payment!.amount });
    expect(state.order).toMatchObject({ status: 'refunded', refundedAmount: order.totalAmount });
    expect(await simulatorRefunds(reference)).toEqual([expect.objectContaining({ amount: payment!.amount })]);
    // The stock never left for this order, so none came back.
    expect(await variantStock(db, variant.id)).toMatchObject({ stockOnHand: 2, reserved: 2 });
    expect(await orderLedger(db, order.id)).toMatchObject({ charged: { amount: payment!.amount }, net: { amount: 0 } });

    const refund = state.refunds[0]!;
    expect(await relay((await jobFor('refund/settled', `${refund.id}:processed`)).id)).toMatchObject({ done: 1 });
    const [mail] = await mailTo(email, 1);
    expect(mail!.subject).toBe(`Refund of ${formatMoney(money(payment!.amount))} on order ${order.number} – Paystack Commerce`);
    expect(mail!.text).toContain('Paid after the reservation expired and the stock was sold');
    expect(mail!.text).toMatch(/Remaining paid on the order\s+₦0\.00/);

    // The job again (a redelivery, Inngest's retry): the same refund, nothing more at Paystack.
    const payload = jobEventSchemas['refund/requested'].parse(job.payload);
    const again = await definitionFor('refund/requested')!.steps[0]!.run(deps, payload);
    expect(again).toEqual({ refundId: refund.id, status: 'pending' });
    expect(await simulatorRefunds(reference)).toHaveLength(1);
  });

  it('refunds a second payment for an order another payment already paid, and leaves the order paid', async () => {
    const { order, reference } = await orderAwaitingPayment(db, { stock: 5, quantity: 1 });
    // The first attempt was declined, so the shopper got a second intent; then both were paid.
    await db.update(payments).set({ status: 'failed' }).where(eq(payments.reference, reference));
    const second = uniqueReference('second');
    await simulator.setKnobs(second, { dropWebhooks: true, refundAutoProcessMs: null });
    expect((await initializePayment({ db, paystack, callbackUrl: 'http://127.0.0.1:3100/checkout/return', newReference: () => second }, order.id)).ok).toBe(
      true,
    );
    expect(await deliverWebhook(db, (await payAndCaptureWebhook(second)).body)).toMatchObject({ kind: 'processed' });
    await simulator.setKnobs(reference, { refundAutoProcessMs: null });
    expect(await deliverWebhook(db, (await payAndCaptureWebhook(reference)).body)).toMatchObject({ kind: 'processed' });

    const [surplus] = await db.select().from(payments).where(eq(payments.reference, reference));
    expect(await relay((await jobFor('refund/requested', surplus!.id)).id)).toMatchObject({ done: 1 });

    const state = await moneyState(db, order.id);
    expect(state.refunds).toEqual([expect.objectContaining({ paymentId: surplus!.id, amount: surplus!.amount, status: 'pending', origin: 'system' })]);
    expect(state.payments.find((row) => row.id === surplus!.id)).toMatchObject({ status: 'refunded', refundedAmount: surplus!.amount });
    expect(state.payments.find((row) => row.reference === second)).toMatchObject({ status: 'paid', refundedAmount: 0 });
    expect(state.order).toMatchObject({ status: 'paid', refundedAmount: 0 });
    expect(await simulatorRefunds(reference)).toHaveLength(1);
    expect(await simulatorRefunds(second)).toHaveLength(0);
    expect(await orderLedger(db, order.id)).toMatchObject({ charged: { amount: 2 * order.totalAmount }, net: { amount: order.totalAmount } });
  });
});

describe('an automatic refund re-checks the money is unexpected', () => {
  // The event only names a payment. A forged call (an unsigned /api/inngest request, a hand-written outbox row) must
  // not be able to give back the money on an ordinary paid order.
  it('refunds nothing for a paid order the shop is honouring, nor for a payment named with another order', async () => {
    const { order, payment } = await refundableOrder(db);
    const { order: other } = await refundableOrder(db);
    const run = definitionFor('refund/requested')!.steps[0]!.run;
    const forged = { orderId: order.id, paymentId: payment.id, amount: payment.amount, currency: payment.currency, reason: 'forged' };
    expect(await run(deps, forged)).toEqual({ skipped: 'payment_is_honoured' });
    expect(await run(deps, { ...forged, orderId: other.id })).toEqual({ skipped: 'payment_is_honoured' });

    const state = await moneyState(db, order.id);
    expect(state.refunds).toEqual([]);
    expect(state.payments[0]).toMatchObject({ status: 'paid', refundedAmount: 0 });
    expect(state.order).toMatchObject({ status: 'paid', refundedAmount: 0 });
    expect(await simulatorRefunds(payment.reference)).toEqual([]);
  });
});

describe('refund emails', () => {
  it('tells the shopper the refund is on its way, then that it is delayed when Paystack gives up on it, once each', async () => {
    const email = uniqueEmail('refund-mail');
    const { order, payment } = await refundableOrder(db, { email });
    const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'admin@shop.test'));
    const result = await requestRefund(
      { db, paystack },
      { orderId: order.id, amount: 7_000_00, reason: 'Arrived scratched', actor: { kind: 'admin', userId: admin!.id }, idempotencyKey: newKey() },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const refund = result.value;

    const processedJob = await jobFor('refund/settled', `${refund.id}:processed`);
    expect(await relay(processedJob.id)).toMatchObject({ done: 1 });
    const [onItsWay] = await mailTo(email, 1);
    expect(onItsWay!.subject).toBe(`Refund of ₦7,000.00 on order ${order.number} – Paystack Commerce`);
    expect(onItsWay!.text).toContain('Arrived scratched');
    expect(onItsWay!.text).toContain(formatMoney(money(payment.amount - 7_000_00)));

    await simulator.settleRefund(Number(refund.gatewayRefundId), 'failed');
    expect(await deliverWebhook(db, await refundWebhook(payment.reference, 'refund.failed', refund.gatewayRefundId!))).toMatchObject({ kind: 'processed' });
    const failedJob = await jobFor('refund/settled', `${refund.id}:failed`);
    expect(await relay(failedJob.id)).toMatchObject({ done: 1 });
    const mails = await mailTo(email, 2);
    expect(mails.map((mail) => mail.subject)).toContain(`Your refund on order ${order.number} is delayed – Paystack Commerce`);

    // Run again (a retried job): no second email of either kind.
    const run = definitionFor('refund/settled')!.steps[0]!.run;
    expect(await run(deps, { refundId: refund.id, outcome: 'failed' })).toMatchObject({ status: 'already_sent' });
    expect(await run(deps, { refundId: refund.id, outcome: 'processed' })).toMatchObject({ status: 'skipped', reason: 'refund_not_in_that_state' });
    expect(await db.$count(refunds, eq(refunds.orderId, order.id))).toBe(1);
  });
});
