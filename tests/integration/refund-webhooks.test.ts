// Paystack's refund.* webhooks against the real Postgres: bodies signed by the simulator for refunds it really holds,
// applied through the same exactly-once path as the route (receivePaystackWebhook, after the signature check).
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { outbox, refunds, users, webhookEvents } from '@/db/schema';
import { merchantNoteFor } from '@/lib/refunds/find-gateway-refund';
import { openRefund } from '@/lib/refunds/open-refund';
import { orderLedger } from '@/lib/refunds/order-ledger';
import { requestRefund } from '@/lib/refunds/request-refund';
import type { RefundView, RequestRefundInput } from '@/lib/refunds/types';
import { testDatabase } from '../support/db';
import { paystackApi, simulator } from '../support/paystack-sim';
import { deliverWebhook, moneyState, newKey, refundableOrder, refundDeps, refundWebhook } from '../support/refund-fixtures';

const { db, sql: client } = testDatabase(20);
afterAll(() => client.end());
const deps = refundDeps(db);

async function input(orderId: string, change: Partial<RequestRefundInput> = {}): Promise<RequestRefundInput> {
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'admin@shop.test'));
  return { orderId, reason: 'Changed their mind', actor: { kind: 'admin', userId: admin!.id }, idempotencyKey: newKey(), ...change };
}

async function refunded(orderId: string, change: Partial<RequestRefundInput> = {}): Promise<RefundView> {
  const result = await requestRefund(deps, await input(orderId, change));
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

const outboxCount = (event: string, dedupeKey: string) => db.$count(outbox, and(eq(outbox.event, event), eq(outbox.dedupeKey, dedupeKey)));

describe('refund webhooks', () => {
  it('gives the money back to the balance when an accepted refund fails, once however often the event comes', async () => {
    const { order, payment } = await refundableOrder(db);
    const refund = await refunded(order.id);
    expect((await moneyState(db, order.id)).order).toMatchObject({ status: 'refunded', refundedAmount: order.totalAmount });

    // Our own answer already recorded `pending`: its webhook changes nothing.
    const pending = await refundWebhook(payment.reference, 'refund.pending', refund.gatewayRefundId!);
    expect(await deliverWebhook(db, pending)).toMatchObject({ kind: 'ignored', outcome: 'refund already pending; pending changes nothing' });

    await simulator.settleRefund(Number(refund.gatewayRefundId), 'failed');
    const failed = await refundWebhook(payment.reference, 'refund.failed', refund.gatewayRefundId!);
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => deliverWebhook(db, failed)));
    expect(outcomes.filter((outcome) => outcome.kind === 'processed')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.kind === 'duplicate')).toHaveLength(3);

    const state = await moneyState(db, order.id);
    expect(state.refunds[0]).toMatchObject({ status: 'failed', failureReason: 'Paystack reports the refund as failed' });
    expect(state.payments[0]).toMatchObject({ status: 'paid', refundedAmount: 0 });
    expect(state.order).toMatchObject({ status: 'paid', refundedAmount: 0 });
    expect(await outboxCount('refund/settled', `${refund.id}:failed`)).toBe(1);
    const [alert] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.event, 'payment/needs-attention'), eq(outbox.dedupeKey, `refund:${refund.id}:failed`)));
    expect(alert!.payload).toMatchObject({ orderId: order.id, paymentId: payment.id, topic: `refund:${refund.id}:failed` });
    expect((await orderLedger(db, order.id))!.net.amount).toBe(payment.amount);

    // The balance is refundable again, in full.
    expect((await refunded(order.id)).amount.amount).toBe(payment.amount);
  });

  it('ends in the right final state when events arrive out of order, and never moves back from it', async () => {
    const { order, payment } = await refundableOrder(db);
    const refund = await refunded(order.id, { amount: 2_500_00 });
    const id = Number(refund.gatewayRefundId);
    await simulator.settleRefund(id, 'processing');
    await simulator.settleRefund(id, 'processed');
    const [pending, processing, processed] = await Promise.all(
      ['refund.pending', 'refund.processing', 'refund.processed'].map((event) => refundWebhook(payment.reference, event, id)),
    );

    expect(await deliverWebhook(db, processed!)).toMatchObject({ kind: 'processed', outcome: 'refund pending → processed' });
    expect(await deliverWebhook(db, processing!)).toMatchObject({ kind: 'ignored' });
    expect(await deliverWebhook(db, pending!)).toMatchObject({ kind: 'ignored' });
    for (const body of [processed!, processing!, pending!]) expect(await deliverWebhook(db, body)).toEqual({ kind: 'duplicate' });

    const state = await moneyState(db, order.id);
    expect(state.refunds[0]).toMatchObject({ status: 'processed' });
    expect(state.refunds[0]!.processedAt).toBeInstanceOf(Date);
    expect(state.payments[0]).toMatchObject({ status: 'partially_refunded', refundedAmount: 2_500_00 });
    expect(await outboxCount('refund/settled', `${refund.id}:processed`)).toBe(1);
    expect(await orderLedger(db, order.id)).toMatchObject({
      refunded: { amount: 2_500_00 },
      refundsInProgress: { amount: 0 },
      net: { amount: payment.amount - 2_500_00 },
    });
  });

  it('flags a refund Paystack needs help with and alerts the admins', async () => {
    const { order, payment } = await refundableOrder(db);
    const refund = await refunded(order.id, { amount: 1_000_00 });
    await simulator.settleRefund(Number(refund.gatewayRefundId), 'needs-attention');
    const body = await refundWebhook(payment.reference, 'refund.needs-attention', refund.gatewayRefundId!);

    expect(await deliverWebhook(db, body)).toMatchObject({ kind: 'processed', outcome: 'refund pending → needs_attention' });
    expect((await moneyState(db, order.id)).refunds[0]).toMatchObject({ status: 'needs_attention' });
    // Still Paystack's to finish: the money stays promised back.
    expect((await moneyState(db, order.id)).payments[0]).toMatchObject({ refundedAmount: 1_000_00 });
    expect(await outboxCount('payment/needs-attention', `refund:${refund.id}:needs_attention`)).toBe(1);
  });

  it('records a refund made in Paystack’s dashboard against its payment, so the ledger adds up', async () => {
    const { order, payment } = await refundableOrder(db);
    const made = await paystackApi('POST', '/refund', { body: { transaction: payment.reference, amount: 3_000_00 } });
    expect(made.status).toBe(200);
    const id = (made.body.data as { id: number }).id;

    const pending = await refundWebhook(payment.reference, 'refund.pending', id);
    expect(await deliverWebhook(db, pending)).toMatchObject({ kind: 'processed', outcome: `external refund ${id} recorded as pending` });
    expect(await deliverWebhook(db, pending)).toEqual({ kind: 'duplicate' });
    await simulator.settleRefund(id, 'processed');
    expect(await deliverWebhook(db, await refundWebhook(payment.reference, 'refund.processed', id))).toMatchObject({ kind: 'processed' });

    let state = await moneyState(db, order.id);
    expect(state.refunds).toEqual([
      expect.objectContaining({ origin: 'external', status: 'processed', amount: 3_000_00, gatewayRefundId: String(id), idempotencyKey: null }),
    ]);
    expect(state.payments[0]).toMatchObject({ status: 'partially_refunded', refundedAmount: 3_000_00 });
    expect(state.order).toMatchObject({ status: 'partially_refunded', refundedAmount: 3_000_00 });
    expect(await orderLedger(db, order.id)).toMatchObject({ refunded: { amount: 3_000_00 }, net: { amount: payment.amount - 3_000_00 } });
    // Nobody in the shop made it, so the shop does not email the shopper about it.
    expect(await db.$count(outbox, and(eq(outbox.event, 'refund/settled'), sql`${outbox.payload} ->> 'refundId' = ${state.refunds[0]!.id}`))).toBe(0);

    // What remains is what the shop can still refund.
    expect((await refunded(order.id)).amount.amount).toBe(payment.amount - 3_000_00);
    state = await moneyState(db, order.id);
    expect(state.payments[0]).toMatchObject({ status: 'refunded', refundedAmount: payment.amount });
  });

  it('never takes a second partial refund’s id-less webhook for a duplicate of the first', async () => {
    // Paystack's documented refund payloads sometimes carry no refund id (and `refund_reference` stays null until the
    // bank has one): two partial refunds of one transaction must still be two events, each applied to its own refund.
    const { order, payment } = await refundableOrder(db);
    const first = await refunded(order.id, { amount: 1_000_00 });
    const second = await refunded(order.id, { amount: 2_000_00 });
    for (const refund of [first, second]) await simulator.settleRefund(Number(refund.gatewayRefundId), 'processing');
    const withoutId = async (refund: RefundView) => {
      const signed = JSON.parse(await refundWebhook(payment.reference, 'refund.processing', refund.gatewayRefundId!)) as {
        event: string;
        data: Record<string, unknown>;
      };
      delete signed.data.id;
      signed.data.refund_reference = null;
      return JSON.stringify(signed);
    };
    const [firstBody, secondBody] = [await withoutId(first), await withoutId(second)];

    expect(await deliverWebhook(db, firstBody)).toMatchObject({ kind: 'processed', outcome: 'refund pending → processing' });
    expect(await deliverWebhook(db, secondBody)).toMatchObject({ kind: 'processed', outcome: 'refund pending → processing' });
    // A redelivery of the same body is still the same event.
    expect(await deliverWebhook(db, secondBody)).toEqual({ kind: 'duplicate' });
    const state = await moneyState(db, order.id);
    expect(state.refunds.map((refund) => [refund.amount, refund.status]).sort()).toEqual([
      [1_000_00, 'processing'],
      [2_000_00, 'processing'],
    ]);
  });

  it('has Paystack redeliver a refund event that overtook our own record of that refund', async () => {
    const { order, payment } = await refundableOrder(db);
    const request = await input(order.id, { amount: 1_200_00 });
    // Step 1 committed and the create went out; Paystack made the refund and its webhook came before our step 3.
    const opened = await openRefund(db, request);
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    const refundId = opened.value.refund.id;
    await db.update(refunds).set({ lastSubmittedAt: sql`now()` }).where(eq(refunds.id, refundId));
    const made = await paystackApi('POST', '/refund', {
      body: { transaction: payment.reference, amount: 1_200_00, merchant_note: merchantNoteFor(refundId, order.number) },
    });
    const gatewayId = (made.body.data as { id: number }).id;
    const body = await refundWebhook(payment.reference, 'refund.pending', gatewayId);

    expect(await deliverWebhook(db, body)).toMatchObject({ kind: 'failed', error: expect.stringContaining(`awaits Paystack's answer`) });
    expect(await db.$count(refunds, eq(refunds.orderId, order.id))).toBe(1); // not taken for an external refund
    const [event] = await db
      .select()
      .from(webhookEvents)
      .where(eq(webhookEvents.eventKey, `refund:${payment.reference}:${gatewayId}:pending`));
    expect(event).toMatchObject({ status: 'failed' });

    // The replay looks first, adopts Paystack's refund; the redelivered event then finds it recorded.
    expect(await requestRefund(deps, request)).toMatchObject({ ok: true, value: { id: refundId, status: 'pending', gatewayRefundId: String(gatewayId) } });
    expect(await deliverWebhook(db, body)).toMatchObject({ kind: 'ignored', outcome: 'refund already pending; pending changes nothing' });
    expect((await moneyState(db, order.id)).payments[0]).toMatchObject({ refundedAmount: 1_200_00 });
  });
});
