// The refund dialog's pure parts: naira typed by a person → kobo (never through floating point), the form's schema as
// its server action applies it, and the order timeline's words for the audit entries a refund leaves behind.
import { describe, expect, it } from 'vitest';
import { refundFormSchema } from '@/app/(admin)/admin/orders/[id]/_components/refund-form';
import { parseMoneyInput } from '@/lib/core/money';
import { describeActor, describeEntry, type TimelineEntryInput } from '@/lib/orders/order-timeline';

describe('parseMoneyInput', () => {
  it.each([
    ['2500', 2_500_00],
    ['2,500', 2_500_00],
    ['2,500.5', 2_500_50],
    ['₦29,500.00', 29_500_00],
    ['NGN 10', 10_00],
    [' 0.07 ', 7],
    ['0', 0],
    // 0.1 + 0.2 style drift cannot happen: 1,234,567.89 is exactly 123456789 kobo.
    ['1,234,567.89', 123_456_789],
  ])('%s → %i kobo', (text, kobo) => {
    expect(parseMoneyInput(text, 'NGN')).toBe(kobo);
  });

  it.each(['', 'abc', '-5', '1.234', '1e5', '12.3.4', '99999999999999999999'])('refuses %j', (text) => {
    expect(parseMoneyInput(text, 'NGN')).toBeNull();
  });
});

describe('refundFormSchema', () => {
  const valid = {
    orderId: '6d1f6a4e-7c1b-4f8e-9f3a-0c2b7d9e1a11',
    amount: '5,000.50',
    reason: '  Damaged in transit ',
    idempotencyKey: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
  };

  it('turns the naira typed into kobo, trims the reason and defaults to no restock', () => {
    expect(refundFormSchema.parse(valid)).toEqual({ ...valid, amount: 5_000_50, reason: 'Damaged in transit', restock: [] });
  });

  it('reports each bad field by name, with words for the form', () => {
    const parsed = refundFormSchema.safeParse({
      ...valid,
      amount: '0',
      reason: ' ',
      restock: [
        { variantId: valid.orderId, quantity: 1 },
        { variantId: valid.orderId, quantity: 2 },
      ],
      idempotencyKey: 'x',
    });
    expect(parsed.success).toBe(false);
    const messages = Object.fromEntries(parsed.error!.issues.map((issue) => [String(issue.path[0]), issue.message]));
    expect(messages).toMatchObject({
      amount: 'Enter an amount in naira, e.g. 2500 or 2,500.50',
      reason: 'Give a reason for the refund',
      restock: 'Each item may appear once',
    });
    expect(messages.idempotencyKey).toBeDefined();
    expect(refundFormSchema.safeParse({ ...valid, amount: '' }).error?.issues[0]?.message).toBe('Enter the amount to refund');
  });
});

describe('order timeline words', () => {
  const refundId = '0f0e0d0c-0b0a-4908-8706-050403020100';
  const variantId = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
  const paymentId = '11111111-2222-4333-8444-555555555555';
  const context = {
    currency: 'NGN',
    variants: new Map([[variantId, 'CUFF-GOLD (Brass Cuff – Gold)']]),
    payments: new Map([[paymentId, 'TXN-abc']]),
    refunds: new Map([[refundId, 5_000_00]]),
  };
  const entry = (fields: Partial<TimelineEntryInput>): TimelineEntryInput => ({
    id: 1,
    actorType: 'system',
    actorId: null,
    actorName: null,
    action: 'order.placed',
    entityType: 'order',
    entityId: 'order-id',
    before: null,
    after: null,
    metadata: null,
    createdAt: new Date('2026-11-29T10:00:00Z'),
    ...fields,
  });

  it('says what each step of a refund did, with amounts, reasons, restocked lines and who', () => {
    expect(
      describeEntry(
        entry({
          action: 'refund.requested',
          entityType: 'refund',
          entityId: refundId,
          actorType: 'admin',
          actorId: 'admin-id',
          actorName: 'Adaeze Admin',
          after: { status: 'requested', amount: 5_000_00, restock: [{ variantId, quantity: 2 }] },
          metadata: { reason: 'Damaged' },
        }),
        context,
      ),
    ).toMatchObject({
      title: 'Refund of ₦5,000.00 requested',
      detail: 'Reason: Damaged · Restock 2 × CUFF-GOLD (Brass Cuff – Gold)',
      actor: 'Adaeze Admin (admin)',
      tone: 'refund',
    });
    expect(
      describeEntry(entry({ action: 'refund.pending', entityType: 'refund', entityId: refundId, metadata: { gatewayRefundId: 42 } }), context),
    ).toMatchObject({
      title: 'Refund of ₦5,000.00 accepted by Paystack',
      detail: 'Paystack refund 42',
    });
    expect(describeEntry(entry({ action: 'refund.failed', entityType: 'refund', entityId: refundId, actorType: 'webhook' }), context)).toMatchObject({
      title: 'Refund of ₦5,000.00 failed',
      actor: 'Paystack',
      tone: 'problem',
    });
    expect(
      describeEntry(
        entry({ action: 'stock.restocked', entityType: 'variant', entityId: variantId, after: { stockOnHand: 12 }, metadata: { quantity: 2, refundId } }),
        context,
      ),
    ).toMatchObject({ title: '2 × CUFF-GOLD (Brass Cuff – Gold) back in stock', detail: 'On hand now 12', tone: 'stock' });
    expect(
      describeEntry(
        entry({ action: 'order.refund_balance', before: { status: 'paid' }, after: { status: 'partially_refunded', refundedAmount: 5_000_00 } }),
        context,
      ),
    ).toMatchObject({ title: 'Order partially refunded', detail: 'Refunded so far: ₦5,000.00 (was paid)' });
  });

  it('names payments by their reference and still shows an action it does not know', () => {
    expect(describeEntry(entry({ action: 'payment.paid', entityType: 'payment', entityId: paymentId, actorType: 'webhook' }), context)).toMatchObject({
      title: 'Payment TXN-abc paid',
      tone: 'money',
    });
    expect(describeEntry(entry({ action: 'order.fulfilled_by_courier' }), context).title).toBe('Order: fulfilled by courier');
    expect(describeActor({ actorType: 'job', actorId: 'release-expired-reservations', actorName: null })).toBe('Background job (release-expired-reservations)');
  });
});
