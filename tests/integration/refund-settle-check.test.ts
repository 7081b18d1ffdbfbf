// Refunds Paystack accepted and whose final webhook never came: the refund reconciliation asks Paystack
// (`GET /refund/:id`) about every one it has been silent on for an hour and moves it through the refund state machine.
// The simulator keeps the refund pending and drops its webhooks (knobs), then settles or fails it silently (control call).
// An hour of silence is stood in for by moving the refund's `gateway_checked_at` back (not its status).
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { outbox, refunds, users } from '@/db/schema';
import { orderLedger } from '@/lib/refunds/order-ledger';
import { checkOpenRefunds } from '@/lib/refunds/check-open-refunds';
import { requestRefund } from '@/lib/refunds/request-refund';
import type { RefundView, RequestRefundInput } from '@/lib/refunds/types';
import { testDatabase } from '../support/db';
import { simulator } from '../support/paystack-sim';
import { moneyState, newKey, refundableOrder, refundDeps } from '../support/refund-fixtures';
import { waitFor } from '../support/wait';

const { db, sql: client } = testDatabase(10);
afterAll(() => client.end());
const deps = refundDeps(db);

async function refunded(orderId: string, change: Partial<RequestRefundInput> = {}): Promise<RefundView> {
  const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'admin@shop.test'));
  const result = await requestRefund(deps, {
    orderId,
    reason: 'Returned',
    actor: { kind: 'admin', userId: admin!.id },
    idempotencyKey: newKey(),
    ...change,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

/** A paid order whose refunds stay pending at Paystack and whose refund webhooks are lost. */
async function silentRefundOrder() {
  const paid = await refundableOrder(db);
  await simulator.setKnobs(paid.payment.reference, { dropRefundWebhooks: true });
  return paid;
}

const silentForAnHour = (refundId: string) => db.update(refunds).set({ gatewayCheckedAt: sql`now() - interval '61 minutes'` }).where(eq(refunds.id, refundId));

const outboxCount = (event: string, dedupeKey: string) => db.$count(outbox, and(eq(outbox.event, event), eq(outbox.dedupeKey, dedupeKey)));

describe('refunds that never settle', () => {
  it('finds a refund that failed at Paystack without a webhook: the balance is refundable again and the admins are told', async () => {
    const { order, payment } = await silentRefundOrder();
    const refund = await refunded(order.id);
    expect(refund.status).toBe('pending');
    await simulator.settleRefund(Number(refund.gatewayRefundId), 'failed');
    const deliveries = await simulator.deliveries(payment.reference);
    expect(deliveries.filter((delivery) => delivery.event === 'refund.failed').map((delivery) => delivery.state)).toEqual(['dropped']);

    // Paystack answered moments ago: not asked yet.
    expect(await checkOpenRefunds(deps, { onlyIds: [refund.id] })).toEqual({ settled: 0, unchanged: 0, unreachable: 0 });
    expect((await moneyState(db, order.id)).order).toMatchObject({ status: 'refunded' });

    await silentForAnHour(refund.id);
    expect(await checkOpenRefunds(deps, { onlyIds: [refund.id] })).toEqual({ settled: 1, unchanged: 0, unreachable: 0 });
    const state = await moneyState(db, order.id);
    expect(state.refunds[0]).toMatchObject({ status: 'failed', failureReason: expect.stringContaining('Paystack reports the refund as failed') });
    expect(state.payments[0]).toMatchObject({ status: 'paid', refundedAmount: 0 });
    expect(state.order).toMatchObject({ status: 'paid', refundedAmount: 0 });
    // The admins' alert email and the shopper's "we will follow up" go through the outbox, once each.
    expect(await outboxCount('payment/needs-attention', `refund:${refund.id}:failed`)).toBe(1);
    expect(await outboxCount('refund/settled', `${refund.id}:failed`)).toBe(1);
    // The admin order page draws its refunds from the ledger: failed, and why.
    expect((await orderLedger(db, order.id))!.refunds[0]).toMatchObject({
      status: 'failed',
      failureReason: expect.stringContaining('found by the refund reconciliation'),
    });

    // Final: never asked about again, and the money can be refunded afresh.
    await silentForAnHour(refund.id);
    expect(await checkOpenRefunds(deps, { onlyIds: [refund.id] })).toEqual({ settled: 0, unchanged: 0, unreachable: 0 });
    expect((await refunded(order.id)).amount.amount).toBe(payment.amount);
  });

  it('moves a processed refund on, leaves a still-pending one for the next hour, and asks again after an outage', async () => {
    const { order, payment } = await silentRefundOrder();
    const done = await refunded(order.id, { amount: 1_000_00 });
    const waiting = await refunded(order.id, { amount: 2_000_00 });
    await simulator.settleRefund(Number(done.gatewayRefundId), 'processed');
    for (const refund of [done, waiting]) await silentForAnHour(refund.id);

    expect(await checkOpenRefunds(deps, { onlyIds: [done.id, waiting.id] })).toEqual({ settled: 1, unchanged: 1, unreachable: 0 });
    let state = await moneyState(db, order.id);
    const byId = (id: string) => state.refunds.find((refund) => refund.id === id);
    expect(byId(done.id)).toMatchObject({ status: 'processed', processedAt: expect.any(Date) });
    expect(byId(waiting.id)).toMatchObject({ status: 'pending' });
    expect(state.payments[0]).toMatchObject({ status: 'partially_refunded', refundedAmount: 3_000_00 });
    expect(await outboxCount('refund/settled', `${done.id}:processed`)).toBe(1);
    // Asked and still pending: the next question is an hour away.
    expect(await checkOpenRefunds(deps, { onlyIds: [waiting.id] })).toEqual({ settled: 0, unchanged: 0, unreachable: 0 });

    // Paystack unreachable: nothing changes, and the next run asks again.
    await silentForAnHour(waiting.id);
    await simulator.setKnobs(payment.reference, { faults: { fetchRefund: { mode: 'error', status: 503 } } });
    expect(await checkOpenRefunds(deps, { onlyIds: [waiting.id] })).toEqual({ settled: 0, unchanged: 0, unreachable: 1 });
    await simulator.setKnobs(payment.reference, { faults: { fetchRefund: null } });
    await simulator.settleRefund(Number(waiting.gatewayRefundId), 'processing');
    expect(await checkOpenRefunds(deps, { onlyIds: [waiting.id] })).toEqual({ settled: 1, unchanged: 0, unreachable: 0 });
    state = await moneyState(db, order.id);
    expect(byId(waiting.id)).toMatchObject({ status: 'processing' });
  });

  it('drops a transaction’s refund webhooks with dropRefundWebhooks alone (dropWebhooks off)', async () => {
    const { order, payment } = await refundableOrder(db);
    // Every webhook of this transaction would go to a closed port, except the refund ones, which the knob drops.
    await simulator.setKnobs(payment.reference, {
      dropWebhooks: false,
      dropRefundWebhooks: true,
      webhookUrl: 'http://127.0.0.1:9/closed',
      retrySchedule: 'none',
    });
    const refund = await refunded(order.id, { amount: 500_00 });
    const pending = await waitFor('the refund.pending delivery', async () =>
      (await simulator.deliveries(payment.reference)).find((delivery) => delivery.event === 'refund.pending'),
    );
    expect(pending.state).toBe('dropped');
    expect(refund.status).toBe('pending');
  });
});
