// Payments that need a person, against the real Postgres and the Paystack simulator: a charge whose amount or currency
// did not match is flagged (`needs_review`, order `paid_needs_attention`), and an admin accepts it or refunds it in
// full — through the use case and `POST /api/admin/payments/:id/resolve` (a route handler called with real Requests;
// who is signed in is stood in through the doors' seam). A mismatch is made by changing the shop's record of the
// payment before Paystack's signed charge.success is applied, so Paystack itself holds the real charge.
// Also: when the customer bears Paystack's fee, the card is charged more than was asked, and that is no mismatch.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/admin/payments/[id]/resolve/route';
import { auditLogs, inventoryReservations, orders, outbox, payments, productVariants, refunds } from '@/db/schema';
import { allocateCreditNote } from '@/lib/invoices/allocate-credit-note';
import { allocateInvoice } from '@/lib/invoices/allocate-invoice';
import { confirmPayment } from '@/lib/payments/ask-paystack';
import { resolveFlaggedPayment } from '@/lib/payments/resolve-flagged-payment';
import type { SessionUser } from '@/lib/server/deps/door-deps';
import { receivePaystackWebhook } from '@/lib/webhooks/receive-paystack-webhook';
import { cartTestClients, createFixtureUser } from '../support/cart-fixtures';
import { closeCheckoutApiClients, request } from '../support/checkout-api-fixtures';
import { orderAwaitingPayment, payAndCaptureWebhook, testPaystack } from '../support/checkout-fixtures';
import { signedInAs, through } from '../support/doors';
import { simulator } from '../support/paystack-sim';

const clients = cartTestClients();
const { db } = clients;
const userIds: string[] = [];
let admin: SessionUser;
let customer: SessionUser;
const deps = () => ({ db, paystack: testPaystack(), expectedDomain: 'test' as const });

beforeAll(async () => {
  const [adminRow, customerRow] = [await createFixtureUser(db, 'admin'), await createFixtureUser(db, 'customer')];
  userIds.push(adminRow.id, customerRow.id);
  admin = { id: adminRow.id, email: adminRow.email, name: adminRow.name, role: 'admin' };
  customer = { id: customerRow.id, email: customerRow.email, name: customerRow.name, role: 'customer' };
});
afterAll(() => closeCheckoutApiClients(clients, userIds));

/**
 * A paid charge the shop flagged: `change` rewrites the shop's record of the payment (amount or currency) before
 * Paystack's signed charge.success is applied. Refunds stay pending at Paystack until a test settles them.
 */
async function flaggedPayment(change: { amountOff?: number; currency?: 'USD' } = { amountOff: 100_00 }, quantity = 2) {
  const { order, variant, reference } = await orderAwaitingPayment(db, { stock: 5, quantity });
  await simulator.setKnobs(reference, { refundAutoProcessMs: null });
  const [before] = await db.select().from(payments).where(eq(payments.reference, reference));
  await db
    .update(payments)
    .set({ amount: before!.amount - (change.amountOff ?? 0), ...(change.currency ? { currency: change.currency } : {}) })
    .where(eq(payments.reference, reference));
  const { body } = await payAndCaptureWebhook(reference);
  await receivePaystackWebhook({ db }, { rawBody: body, headers: {} }, { expectedDomain: 'test' });
  const [payment] = await db.select().from(payments).where(eq(payments.reference, reference));
  const [flaggedOrder] = await db.select().from(orders).where(eq(orders.id, order.id));
  expect(payment).toMatchObject({ status: 'needs_review' });
  expect(flaggedOrder).toMatchObject({ status: 'paid_needs_attention' });
  return { order, variant, payment: payment!, charged: before!.amount, quantity };
}

const stockOf = async (variantId: string) => {
  const [row] = await db
    .select({ onHand: productVariants.stockOnHand, reserved: productVariants.reserved })
    .from(productVariants)
    .where(eq(productVariants.id, variantId));
  return row!;
};
const holdStatuses = async (orderId: string) =>
  (await db.select({ status: inventoryReservations.status }).from(inventoryReservations).where(eq(inventoryReservations.orderId, orderId))).map(
    (row) => row.status,
  );
const paymentRow = async (id: string) => (await db.select().from(payments).where(eq(payments.id, id)))[0]!;
const orderRow = async (id: string) => (await db.select().from(orders).where(eq(orders.id, id)))[0]!;

const resolve = (as: SessionUser | null, paymentId: string, body: unknown) =>
  through(POST, () => signedInAs(as))(request('POST', `/api/admin/payments/${paymentId}/resolve`, { body }), {
    params: Promise.resolve({ id: paymentId }),
  });

describe('customer-borne fees', () => {
  it('commits a charge of requested amount + fee as paid (no mismatch), by webhook and by verify alike', async () => {
    const { order, reference } = await orderAwaitingPayment(db, { stock: 3, quantity: 1 });
    await simulator.setKnobs(reference, { customerBearsFees: true });
    const { body } = await payAndCaptureWebhook(reference);
    const data = (JSON.parse(body) as { data: { amount: number; requested_amount: number; fees: number } }).data;
    const [payment] = await db.select().from(payments).where(eq(payments.reference, reference));
    expect(data.requested_amount).toBe(payment!.amount);
    expect(data.amount).toBe(payment!.amount + data.fees);

    const verified = await testPaystack().verifyTransaction(reference);
    expect(verified).toMatchObject({ ok: true, value: { amount: data.amount, requestedAmount: payment!.amount, charge: { feesAmount: 0 } } });

    await receivePaystackWebhook({ db }, { rawBody: body, headers: {} }, { expectedDomain: 'test' });
    expect(await paymentRow(payment!.id)).toMatchObject({ status: 'paid', amount: payment!.amount, feesAmount: 0 });
    expect(await orderRow(order.id)).toMatchObject({ status: 'paid' });
    // Reconciliation's path (verify) agrees: the same charge, already applied.
    expect(await confirmPayment(deps(), reference, { type: 'job', id: 'test' })).toMatchObject({ ok: true, value: { applied: { kind: 'duplicate' } } });
  });

  it('still flags a charge whose requested amount is not what the shop asked for', async () => {
    const { payment } = await flaggedPayment({ amountOff: 1_00 });
    expect(payment.failureReason).toContain('≠ expected');
  });
});

describe('resolving a flagged payment', () => {
  it('accepts: the payment is paid for what Paystack captured, the order paid, its held stock sold, the reason audited', async () => {
    const { order, variant, payment, charged, quantity } = await flaggedPayment();
    const stock = await stockOf(variant.id);
    const result = await resolveFlaggedPayment(deps(), { paymentId: payment.id, action: 'accept', reason: 'Customer paid the old price', adminId: admin.id });
    expect(result).toMatchObject({ ok: true, value: { action: 'accept', stock: 'committed' } });

    expect(await paymentRow(payment.id)).toMatchObject({ status: 'paid', amount: charged, failureReason: null });
    expect(await orderRow(order.id)).toMatchObject({ status: 'paid' });
    expect(await holdStatuses(order.id)).toEqual(['committed']);
    expect(await stockOf(variant.id)).toEqual({ onHand: stock.onHand - quantity, reserved: stock.reserved - quantity });
    const [audit] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, payment.id), eq(auditLogs.action, 'payment.accepted')));
    expect(audit).toMatchObject({ actorType: 'admin', actorId: admin.id, metadata: { reason: 'Customer paid the old price' } });
    expect(await db.$count(outbox, and(eq(outbox.event, 'order/paid'), eq(outbox.dedupeKey, payment.id)))).toBe(1);
  });

  it('refunds in full: what Paystack captured goes back, the order is refunded and its held stock is on sale again', async () => {
    const { order, variant, payment, charged } = await flaggedPayment();
    const stock = await stockOf(variant.id);
    const result = await resolveFlaggedPayment(deps(), { paymentId: payment.id, action: 'refund', reason: 'Wrong amount', adminId: admin.id });
    expect(result).toMatchObject({
      ok: true,
      value: { action: 'refund', confirmedByPaystack: true, refund: { status: 'pending', amount: { amount: charged } } },
    });

    expect(await paymentRow(payment.id)).toMatchObject({ status: 'refunded', amount: charged, refundedAmount: charged });
    expect(await orderRow(order.id)).toMatchObject({ status: 'refunded' });
    expect(await holdStatuses(order.id)).toEqual(['released']);
    expect(await stockOf(variant.id)).toEqual({ onHand: stock.onHand, reserved: stock.reserved - 2 });
    // Nothing was sold: the order gets no invoice number, and its refund no credit note (what the jobs would ask).
    expect(await allocateInvoice(db, order.id)).toEqual({ ok: false, error: 'order_not_paid' });
    const [refund] = await db.select().from(refunds).where(eq(refunds.orderId, order.id));
    expect(await allocateCreditNote(db, refund!.id)).toEqual({ ok: false, error: 'not_invoiced' });
  });

  it('an accept racing a refund of the same payment: exactly one wins, and money and stock agree with the winner', async () => {
    for (let round = 0; round < 4; round++) {
      const { order, variant, payment, charged, quantity } = await flaggedPayment();
      const stock = await stockOf(variant.id);
      const [accepted, refunded] = await Promise.all([
        resolveFlaggedPayment(deps(), { paymentId: payment.id, action: 'accept', reason: 'Keep it', adminId: admin.id }),
        resolveFlaggedPayment(deps(), { paymentId: payment.id, action: 'refund', reason: 'Give it back', adminId: admin.id }),
      ]);
      expect([accepted.ok, refunded.ok].filter(Boolean)).toHaveLength(1);
      const loser = accepted.ok ? refunded : accepted;
      expect(loser).toMatchObject({ ok: false, error: { code: 'payment_not_flagged' } });
      const live = await db.select().from(refunds).where(eq(refunds.paymentId, payment.id));
      if (accepted.ok) {
        expect(await paymentRow(payment.id)).toMatchObject({ status: 'paid', refundedAmount: 0 });
        expect(await orderRow(order.id)).toMatchObject({ status: 'paid' });
        expect(live).toEqual([]);
        expect(await stockOf(variant.id)).toEqual({ onHand: stock.onHand - quantity, reserved: stock.reserved - quantity });
      } else {
        expect(await paymentRow(payment.id)).toMatchObject({ status: 'refunded', refundedAmount: charged });
        expect(await orderRow(order.id)).toMatchObject({ status: 'refunded' });
        expect(live.map((row) => [row.amount, row.status])).toEqual([[charged, 'pending']]);
        expect(await stockOf(variant.id)).toEqual({ onHand: stock.onHand, reserved: stock.reserved - quantity });
      }
    }
  });
});

describe('POST /api/admin/payments/:id/resolve', () => {
  it('is for admins only: 401 anonymous, 403 a customer, nothing changed', async () => {
    const { payment } = await flaggedPayment();
    expect((await resolve(null, payment.id, { action: 'accept', reason: 'x' })).status).toBe(401);
    expect((await resolve(customer, payment.id, { action: 'accept', reason: 'x' })).status).toBe(403);
    expect(await paymentRow(payment.id)).toMatchObject({ status: 'needs_review' });
  });

  it('answers 200 and the outcome, then 409 once settled; 404 for no such payment; 400 without a reason', async () => {
    const { payment, order } = await flaggedPayment();
    const noReason = await resolve(admin, payment.id, { action: 'accept', reason: ' ' });
    expect(noReason.status).toBe(400);
    const accepted = await resolve(admin, payment.id, { action: 'accept', reason: 'Customer confirmed by phone' });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ resolution: { action: 'accept', paymentId: payment.id, orderId: order.id, stock: 'committed' } });
    const again = await resolve(admin, payment.id, { action: 'refund', reason: 'Changed my mind' });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'payment_not_flagged' } });
    const missing = await resolve(admin, randomUUID(), { action: 'accept', reason: 'x' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'payment_not_found' } });
  });

  it('answers 422 for a charge in another currency than the order’s, for either action, and changes nothing', async () => {
    const { payment, variant } = await flaggedPayment({ currency: 'USD' });
    const stock = await stockOf(variant.id);
    for (const action of ['accept', 'refund']) {
      const reply = await resolve(admin, payment.id, { action, reason: 'Try' });
      expect(reply.status).toBe(422);
      expect(await reply.json()).toMatchObject({ error: { code: 'payment_not_resolvable', message: expect.stringContaining("Paystack's dashboard") } });
    }
    expect(await paymentRow(payment.id)).toMatchObject({ status: 'needs_review' });
    expect(await stockOf(variant.id)).toEqual(stock);
  });
});
