// What the operations pages show, as pure functions: a webhook body with the customer's contact partly masked (and
// any card secret masked even if a body predates redaction), an audit entry's change in one line per field, and the
// words an admin reads after "Verify with Paystack".
import { describe, expect, it } from 'vitest';
import { changeLines, describeChange } from '@/lib/admin/audit-change';
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
  it('shows each field that moved, fields only set after, and removed ones', () => {
    const lines = changeLines({ status: 'dead', attempts: 8, lastError: 'timeout', same: 1 }, { status: 'pending', attempts: 0, same: 1, generation: 1 });
    expect(lines.map(describeChange)).toEqual(['status: dead → pending', 'attempts: 8 → 0', 'lastError: timeout → (removed)', 'generation: 1']);
  });

  it('handles entries with no before, no fields at all, and long or nested values', () => {
    expect(changeLines(null, { status: 'requested' }).map(describeChange)).toEqual(['status: requested']);
    expect(changeLines(null, null)).toEqual([]);
    const [line] = changeLines(null, { restock: [{ variantId: 'a'.repeat(36), quantity: 1 }] });
    expect(line?.after).toHaveLength(48);
    expect(line?.after?.endsWith('…')).toBe(true);
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
