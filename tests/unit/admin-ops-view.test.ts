// What the operations pages show, as pure functions: a webhook body with the customer's contact partly masked (and
// any card secret masked even if a body predates redaction), an audit entry's change in one line per field, and the
// words an admin reads after "Verify with Paystack".
import { describe, expect, it } from 'vitest';
import { actionWords, changeLines, describeChange } from '@/lib/admin/audit-change';
import { maskEmail, maskPayloadForView, maskPhone } from '@/lib/admin/mask-payload';
import { describeVerdict } from '@/lib/payments/ask-paystack';

describe('maskPayloadForView', () => {
  it.each([
    ['ada.obi@example.com', 'ad•••••@example.com'],
    ['jo@example.com', 'j•@example.com'],
    ['a@b.co', 'a•@b.co'],
    ['not-an-address', '••••••••'],
  ])('masks the email %s as %s', (email, masked) => expect(maskEmail(email)).toBe(masked));

  it.each([
    ['+2348031234567', '+•••••••••4567'],
    ['0803 123 4567', '•••• ••• 4567'],
  ])('keeps the last four digits of the phone %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));

  it('masks contact details wherever they sit, card secrets by name, and leaves the rest alone', () => {
    const payload = {
      event: 'charge.success',
      data: {
        id: 42,
        reference: 'TXN-1',
        amount: 500000,
        customer: { email: 'chidi@example.com', phone: '+2348031234567', first_name: 'Chidi', metadata: null },
        authorization: { authorization_code: 'AUTH_live_secret', bin: 408408, last4: '4081', brand: 'visa', signature: '[redacted]' },
        metadata: { custom_fields: [{ value: 'buyer@example.org' }] },
      },
    };
    expect(maskPayloadForView(payload)).toEqual({
      event: 'charge.success',
      data: {
        id: 42,
        reference: 'TXN-1',
        amount: 500000,
        customer: { email: 'ch•••@example.com', phone: '+•••••••••4567', first_name: 'Chidi', metadata: null },
        authorization: { authorization_code: '[redacted]', bin: '[redacted]', last4: '4081', brand: 'visa', signature: '[redacted]' },
        metadata: { custom_fields: [{ value: 'bu•••@example.org' }] },
      },
    });
  });
});

describe('changeLines', () => {
  it('shows each field that moved in words, fields only set after, and removed ones', () => {
    const lines = changeLines({ status: 'dead', attempts: 8, lastError: 'timeout', same: 1 }, { status: 'pending', attempts: 0, same: 1, generation: 1 });
    expect(lines.map(describeChange)).toEqual(['Status: Dead → Pending', 'Attempts: 8 → 0', 'Last error: timeout → removed', 'Generation: 1']);
  });

  it('handles entries with no before, no fields at all, and long or nested values', () => {
    expect(changeLines(null, { status: 'requested' }).map(describeChange)).toEqual(['Status: Requested']);
    expect(changeLines(null, null)).toEqual([]);
    const [line] = changeLines(null, { note: 'x'.repeat(200) });
    expect(line?.after?.text).toHaveLength(80);
    expect(line?.after?.text.endsWith('…')).toBe(true);
  });

  it('formats amounts in the entry’s currency (kobo never shown), statuses in the console’s words, and links ids', () => {
    const orderId = '3f2a1b9c-0000-4000-8000-000000000001';
    const variantId = '7c1d2e3f-0000-4000-8000-000000000002';
    const lines = changeLines(
      { status: 'paid', refundedAmount: 0 },
      { status: 'partially_refunded', refundedAmount: 500_000, orderId, restock: [{ variantId, quantity: 2 }], paidAt: '2026-12-03T13:05:00.000Z' },
      { entityType: 'order' },
    );
    expect(lines.map(describeChange)).toEqual([
      'Status: Paid → Partly refunded',
      'Refunded amount: ₦0.00 → ₦5,000.00',
      'Order: order 3f2a1b9c',
      'Restock: 2 × variant 7c1d2e3f',
      expect.stringMatching(/^Paid at: 3 Dec 2026, 14:05$/),
    ]);
    expect(lines[2]?.after?.href).toBe(`/admin/orders/${orderId}`);
    expect(changeLines(null, { amount: 2_600_00, currency: 'USD' }).map(describeChange)).toEqual(['Amount: US$2,600.00', 'Currency: USD']);
    expect(changeLines({ status: 'initialized' }, { status: 'partially_refunded' }, { entityType: 'payment' }).map(describeChange)).toEqual([
      'Status: Started → Partly refunded',
    ]);
    expect(changeLines(null, { refunded: true, note: null }).map(describeChange)).toEqual(['Refunded: yes', 'Note: none']);
  });
});

describe('actionWords', () => {
  it('spells an action out', () => {
    expect(actionWords('order.note_added')).toBe('Order: note added');
    expect(actionWords('stock.adjusted')).toBe('Stock: adjusted');
  });
});

describe('describeVerdict', () => {
  it.each([
    [{ kind: 'paid', applied: { kind: 'processed', outcome: 'paid' } }, 'paid', 'paid_now', /committed now/],
    [{ kind: 'paid', applied: { kind: 'processed', outcome: 'mismatch' } }, 'needs_review', 'paid_flagged', /flagged for review/],
    [{ kind: 'paid', applied: { kind: 'duplicate' } }, 'paid', 'already_recorded', /already recorded — nothing changed/],
    [{ kind: 'paid', applied: { kind: 'failed', error: 'deadlock' } }, 'initialized', 'commit_failed', /recording it failed \(deadlock\)/],
    [{ kind: 'open', status: 'ongoing', gatewayResponse: null }, 'pending', 'still_pending', /Still pending at Paystack \(ongoing\)/],
    [
      { kind: 'closed', status: 'failed', moved: true, gatewayResponse: 'Declined' },
      'failed',
      'closed',
      /reports it failed \(“Declined”\)\. The payment is now marked failed/,
    ],
    [
      { kind: 'unverified', error: { kind: 'rejected', status: 400, message: 'Transaction reference not found' } },
      'initialized',
      'unknown_at_paystack',
      /no transaction/,
    ],
    [{ kind: 'unverified', error: { kind: 'timeout', message: 'after 10000 ms' } }, 'initialized', 'unreachable', /could not be asked/],
  ] as const)('%o with the payment %s → %s', (verdict, status, result, words) => {
    const described = describeVerdict(verdict as never, status);
    expect(described.result).toBe(result);
    expect(described.message).toMatch(words);
  });
});
