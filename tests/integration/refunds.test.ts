// The refund use case against the real Postgres and the Paystack simulator over HTTP: money, statuses, stock and the
// simulator's own record of refunds, under concurrency, replays and Paystack answers that never arrive. Stood in:
// a Paystack client whose listRefunds is down (the simulator's list faults are global and would touch other files).
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLogs, orderItems, outbox, productVariants, refunds, users } from '@/db/schema';
import type { PaystackClient } from '@/lib/payments/paystack/client';
import { orderLedger } from '@/lib/refunds/order-ledger';
import { requestRefund } from '@/lib/refunds/request-refund';
import { resumeRequestedRefunds } from '@/lib/refunds/resume-refunds';
import type { RequestRefundInput } from '@/lib/refunds/types';
import { err } from '@/lib/core/result';
import { variantStock } from '../support/catalog-fixtures';
import { orderAwaitingPayment } from '../support/checkout-fixtures';
import { testDatabase } from '../support/db';
import { simulator } from '../support/paystack-sim';
import { adminUser, moneyState, newKey, refundableOrder, refundDeps, simulatorRefunds } from '../support/refund-fixtures';

const { db, sql: client } = testDatabase(25);
afterAll(() => client.end());
const deps = refundDeps(db);

const seedAdminId = async () => (await db.select({ id: users.id }).from(users).where(eq(users.email, 'admin@shop.test')))[0]!.id;

async function input(orderId: string, change: Partial<RequestRefundInput> = {}): Promise<RequestRefundInput> {
  return { orderId, reason: 'Customer returned the item', actor: { kind: 'admin', userId: await seedAdminId() }, idempotencyKey: newKey(), ...change };
}

const variantOf = async (orderId: string) =>
  (await db.select({ variantId: orderItems.variantId }).from(orderItems).where(eq(orderItems.orderId, orderId)))[0]!.variantId;

/** Makes a refund look as if its last Paystack attempt was two minutes ago, without waiting for it. */
const agedTwoMinutes = (refundId: string) =>
  db.update(refunds).set({ createdAt: sql`now() - interval '2 minutes'`, lastSubmittedAt: sql`now() - interval '2 minutes'` }).where(eq(refunds.id, refundId));

describe('requestRefund', () => {
  it('refunds part of an order with a line back on the shelf, then the rest, and the ledger adds up', async () => {
    const { order, payment } = await refundableOrder(db, { quantity: 2 });
    const variantId = await variantOf(order.id);
    const before = await variantStock(db, variantId);

    const first = await requestRefund(deps, await input(order.id, { amount: 5_000_00, restock: [{ variantId, quantity: 1 }] }));
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    expect(first.value).toMatchObject({
      status: 'pending',
      amount: { amount: 5_000_00, currency: 'NGN' },
      origin: 'admin',
      restock: [{ variantId, quantity: 1 }],
    });
    expect(first.value.gatewayRefundId).toMatch(/^\d+$/);

    let state = await moneyState(db, order.id);
    expect(state.payments[0]).toMatchObject({ status: 'partially_refunded', refundedAmount: 5_000_00 });
    expect(state.order).toMatchObject({ status: 'partially_refunded', refundedAmount: 5_000_00 });
    expect(await variantStock(db, variantId)).toMatchObject({ stockOnHand: before.stockOnHand + 1, reserved: 0, version: before.version + 1 });
    const atPaystack = await simulatorRefunds(payment.reference);
    expect(atPaystack).toEqual([expect.objectContaining({ id: Number(first.value.gatewayRefundId), amount: 5_000_00, status: 'pending' })]);
    expect(atPaystack[0]!.merchantNote).toContain(first.value.id);
    expect(await db.$count(outbox, and(eq(outbox.event, 'refund/settled'), eq(outbox.dedupeKey, `${first.value.id}:processed`)))).toBe(1);
    const actions = await db.select({ action: auditLogs.action }).from(auditLogs).where(eq(auditLogs.entityId, first.value.id));
    expect(actions.map((row) => row.action).sort()).toEqual(['refund.pending', 'refund.requested']);

    // No amount: whatever remains. The restocked line cannot go back twice.
    const overStock = await requestRefund(deps, await input(order.id, { restock: [{ variantId, quantity: 2 }] }));
    expect(overStock).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: `Only 1 of item ${variantId} can still be restocked for this order` },
    });
    const rest = await requestRefund(deps, await input(order.id));
    expect(rest).toMatchObject({ ok: true, value: { status: 'pending', amount: { amount: payment.amount - 5_000_00 } } });

    state = await moneyState(db, order.id);
    expect(state.payments[0]).toMatchObject({ status: 'refunded', refundedAmount: payment.amount });
    expect(state.order).toMatchObject({ status: 'refunded', refundedAmount: order.totalAmount });
    expect(await requestRefund(deps, await input(order.id, { amount: 1 }))).toMatchObject({ ok: false, error: { code: 'not_refundable', status: 'refunded' } });

    const ledger = await orderLedger(db, order.id);
    expect(ledger).toMatchObject({
      charged: { amount: payment.amount },
      fees: { amount: payment.feesAmount },
      refunded: { amount: 0 },
      refundsInProgress: { amount: payment.amount },
      net: { amount: 0 },
      netAfterFees: { amount: -payment.feesAmount! },
    });
    expect(ledger!.refunds.map((refund) => refund.status)).toEqual(['pending', 'pending']);
  });

  it('takes 10 concurrent partial refunds that together exceed the capture: the accepted ones fit, the rest are told what remains', async () => {
    const { order, payment } = await refundableOrder(db);
    const part = Math.floor(payment.amount / 4) + 1; // three fit, a fourth does not
    const results = await Promise.all(Array.from({ length: 10 }, async () => requestRefund(deps, await input(order.id, { amount: part }))));

    const accepted = results.flatMap((result) => (result.ok ? [result.value] : []));
    const refused = results.flatMap((result) => (result.ok ? [] : [result.error]));
    expect(accepted).toHaveLength(3);
    expect(accepted.reduce((sum, refund) => sum + refund.amount.amount, 0)).toBeLessThanOrEqual(payment.amount);
    expect(refused).toHaveLength(7);
    for (const error of refused)
      expect(error).toEqual({ code: 'refund_exceeds_remaining', requested: part, remaining: payment.amount - 3 * part, currency: 'NGN' });

    const atPaystack = await simulatorRefunds(payment.reference);
    expect(atPaystack.map((refund) => refund.id).sort()).toEqual(accepted.map((refund) => Number(refund.gatewayRefundId)).sort());
    expect(await db.$count(refunds, eq(refunds.orderId, order.id))).toBe(3);
    expect((await moneyState(db, order.id)).payments[0]).toMatchObject({ status: 'partially_refunded', refundedAmount: 3 * part });
  });

  it('answers the same key sent 5 times at once with one refund at Paystack and five identical answers', async () => {
    const { order, payment } = await refundableOrder(db);
    const request = await input(order.id, { amount: 2_000_00 });
    const answers = await Promise.all(Array.from({ length: 5 }, () => requestRefund(deps, request)));

    expect(answers[0]).toMatchObject({ ok: true, value: { status: 'pending' } });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(await simulatorRefunds(payment.reference)).toHaveLength(1);
    expect(await db.$count(refunds, eq(refunds.orderId, order.id))).toBe(1);

    // Later, the same key: the same refund as it is now. The key for something else: refused.
    expect(await requestRefund(deps, request)).toEqual(answers[0]);
    expect(await requestRefund(deps, { ...request, amount: 3_000_00 })).toEqual({ ok: false, error: { code: 'idempotency_key_reused' } });
    const other = await refundableOrder(db);
    expect(await requestRefund(deps, { ...request, orderId: other.order.id })).toEqual({ ok: false, error: { code: 'idempotency_key_reused' } });
    expect(await simulatorRefunds(payment.reference)).toHaveLength(1);
  });

  it('adopts the refund Paystack made when its reply timed out, and a retry of the request refunds nothing more', async () => {
    const { order, payment } = await refundableOrder(db);
    await simulator.setKnobs(payment.reference, { faults: { refund: { mode: 'timeout', phase: 'after', times: 1, holdMs: 10_000 } } });
    const request = await input(order.id, { amount: 4_000_00 });

    const first = await requestRefund(deps, request);
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    const atPaystack = await simulatorRefunds(payment.reference);
    expect(atPaystack).toHaveLength(1);
    expect(first.value).toMatchObject({ status: 'pending', gatewayRefundId: String(atPaystack[0]!.id) });

    expect(await requestRefund(deps, request)).toEqual(first);
    expect(await simulatorRefunds(payment.reference)).toHaveLength(1);
    expect((await moneyState(db, order.id)).payments[0]).toMatchObject({ refundedAmount: 4_000_00 });
  });

  it('keeps a refund whose outcome is unknown as requested, and a retry looks it up at Paystack before anything else', async () => {
    const { order, payment } = await refundableOrder(db);
    // Paystack makes the refund, then answers 500; looking it up fails too.
    await simulator.setKnobs(payment.reference, { faults: { refund: { mode: 'error', status: 500, phase: 'after', times: 1 } } });
    const listingDown: PaystackClient = { ...deps.paystack, listRefunds: async () => err({ kind: 'unavailable', message: 'listing is down' }) };
    const request = await input(order.id, { amount: 3_000_00 });

    const first = await requestRefund({ db, paystack: listingDown }, request);
    expect(first).toMatchObject({ ok: false, error: { code: 'refund_pending_confirmation', refund: { status: 'requested', gatewayRefundId: null } } });
    expect((await moneyState(db, order.id)).payments[0]).toMatchObject({ status: 'paid', refundedAmount: 0 });
    const [row] = await db.select().from(refunds).where(eq(refunds.orderId, order.id));
    expect(row!.lastSubmitError).toMatch(/unavailable \(500\)/);
    expect(await simulatorRefunds(payment.reference)).toHaveLength(1);

    const retried = await requestRefund(deps, request);
    expect(retried).toMatchObject({
      ok: true,
      value: { id: row!.id, status: 'pending', gatewayRefundId: String((await simulatorRefunds(payment.reference))[0]!.id) },
    });
    expect(await simulatorRefunds(payment.reference)).toHaveLength(1);
    expect((await moneyState(db, order.id)).payments[0]).toMatchObject({ status: 'partially_refunded', refundedAmount: 3_000_00 });
  });

  it('lets the reconciliation schedule finish unanswered refunds: adopting one Paystack made, asking again for one it never saw', async () => {
    const made = await refundableOrder(db);
    const lost = await refundableOrder(db);
    await simulator.setKnobs(made.payment.reference, { faults: { refund: { mode: 'timeout', phase: 'after', times: 1, holdMs: 10_000 } } });
    await simulator.setKnobs(lost.payment.reference, { faults: { refund: { mode: 'error', status: 503, phase: 'before', times: 1 } } });
    const listingDown: PaystackClient = { ...deps.paystack, listRefunds: async () => err({ kind: 'timeout', message: 'no answer' }) };

    const pending = await Promise.all(
      [made, lost].map(async ({ order }) => requestRefund({ db, paystack: listingDown }, await input(order.id, { amount: 1_500_00 }))),
    );
    const ids = pending.map((result) => {
      if (result.ok || result.error.code !== 'refund_pending_confirmation') throw new Error(`expected an unconfirmed refund: ${JSON.stringify(result)}`);
      return result.error.refund.id;
    });
    expect((await simulatorRefunds(made.payment.reference)).length + (await simulatorRefunds(lost.payment.reference)).length).toBe(1);

    // Too young for the schedule: it leaves them alone.
    expect(await resumeRequestedRefunds(deps, { onlyIds: ids })).toEqual({ accepted: 0, rejected: 0, unknown: 0, busy: 0 });
    for (const id of ids) await agedTwoMinutes(id);
    expect(await resumeRequestedRefunds(deps, { onlyIds: ids })).toEqual({ accepted: 2, rejected: 0, unknown: 0, busy: 0 });
    expect(await simulatorRefunds(made.payment.reference)).toHaveLength(1);
    expect(await simulatorRefunds(lost.payment.reference)).toHaveLength(1);
    for (const { order } of [made, lost]) expect((await moneyState(db, order.id)).refunds.map((refund) => refund.status)).toEqual(['pending']);
  });

  it('records Paystack refusing a refund as failed, keeps the balance, and answers a replay the same way', async () => {
    const { order, payment } = await refundableOrder(db);
    await simulator.setKnobs(payment.reference, { faults: { refund: { mode: 'error', status: 400, times: 1 } } });
    const request = await input(order.id, { amount: 1_000_00 });

    const refused = await requestRefund(deps, request);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'refund_rejected', message: 'An error occurred, please try again', refund: { status: 'failed' } },
    });
    expect(await simulatorRefunds(payment.reference)).toHaveLength(0);
    expect((await moneyState(db, order.id)).payments[0]).toMatchObject({ status: 'paid', refundedAmount: 0 });
    expect(await requestRefund(deps, request)).toEqual(refused);

    // A refused refund holds nothing back: the whole amount can still go.
    expect(await requestRefund(deps, await input(order.id))).toMatchObject({ ok: true, value: { amount: { amount: payment.amount } } });
    expect(await simulatorRefunds(payment.reference)).toHaveLength(1);
  });

  it('refuses an admin demoted in the database, and a customer, before touching anything', async () => {
    const { order, payment } = await refundableOrder(db);
    const demoted = await adminUser(db);
    await db.update(users).set({ role: 'customer' }).where(eq(users.id, demoted.id));
    const [customer] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'customer@shop.test'));

    for (const userId of [demoted.id, customer!.id]) {
      expect(await requestRefund(deps, await input(order.id, { actor: { kind: 'admin', userId } }))).toEqual({ ok: false, error: { code: 'forbidden' } });
    }
    expect(await requestRefund(deps, await input(order.id, { actor: { kind: 'external' } }))).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(await db.$count(refunds, eq(refunds.orderId, order.id))).toBe(0);
    expect(await simulatorRefunds(payment.reference)).toHaveLength(0);
  });

  it('explains what cannot be refunded: an unknown order, an unpaid one, too much, a line the order never had', async () => {
    const { order, payment } = await refundableOrder(db);
    const unpaid = await orderAwaitingPayment(db);
    const [stranger] = await db.select({ id: productVariants.id }).from(productVariants).limit(1);

    expect(await requestRefund(deps, await input('00000000-0000-4000-8000-000000000000'))).toEqual({ ok: false, error: { code: 'order_not_found' } });
    expect(await requestRefund(deps, await input(unpaid.order.id))).toEqual({ ok: false, error: { code: 'not_refundable', status: 'initialized' } });
    expect(await requestRefund(deps, await input(order.id, { amount: payment.amount + 1 }))).toEqual({
      ok: false,
      error: { code: 'refund_exceeds_remaining', requested: payment.amount + 1, remaining: payment.amount, currency: 'NGN' },
    });
    expect(await requestRefund(deps, await input(order.id, { restock: [{ variantId: stranger!.id, quantity: 1 }] }))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('did not leave the shelf for this order') },
    });
    expect(await requestRefund(deps, await input(order.id, { reason: ' ' }))).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await db.$count(refunds, eq(refunds.orderId, order.id))).toBe(0);
  });
});
