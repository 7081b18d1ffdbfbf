// The order timeline's words (lib/orders/order-timeline.ts) for the audit entries a refund leaves behind, as the
// admin order page shows them.
import { describe, expect, it } from 'vitest';
import { describeActor, describeEntry, type TimelineEntryInput } from '@/lib/orders/order-timeline';

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
    ).toMatchObject({ title: 'Order partly refunded', detail: 'Refunded so far: ₦5,000.00 (was paid)' });
  });

  it('shows an internal note with its words, and a payment that started as started', () => {
    expect(
      describeEntry(entry({ action: 'order.note_added', actorType: 'admin', actorName: 'Adaeze Admin', after: { note: 'Rang the customer' } }), context),
    ).toMatchObject({ title: 'Internal note added', detail: 'Rang the customer', actor: 'Adaeze Admin (admin)' });
    expect(
      describeEntry(
        entry({ action: 'payment.refund_balance', entityType: 'payment', entityId: paymentId, after: { status: 'partially_refunded', refundedAmount: 1_00 } }),
        context,
      ),
    ).toMatchObject({ title: 'Payment TXN-abc partly refunded' });
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
