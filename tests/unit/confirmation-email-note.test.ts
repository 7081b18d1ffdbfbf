// The order page mentions the confirmation email only while what it says is true.
import { describe, expect, it } from 'vitest';
import { CONFIRMATION_EXPECTED_WITHIN_MS, confirmationEmailNote } from '@/lib/orders/confirmation-email-note';

const now = new Date('2026-12-07T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

describe('confirmationEmailNote', () => {
  it('says it was sent once it was, however long ago', () => {
    expect(confirmationEmailNote({ paidAt: ago(9 * 86_400_000), confirmationSentAt: ago(9 * 86_400_000) }, now)).toBe('sent');
    expect(confirmationEmailNote({ paidAt: ago(5_000), confirmationSentAt: ago(1_000) }, now)).toBe('sent');
  });

  it('says it is on its way only shortly after payment', () => {
    expect(confirmationEmailNote({ paidAt: ago(5_000), confirmationSentAt: null }, now)).toBe('on_its_way');
    expect(confirmationEmailNote({ paidAt: ago(CONFIRMATION_EXPECTED_WITHIN_MS - 1), confirmationSentAt: null }, now)).toBe('on_its_way');
  });

  it('says nothing days later when no email went out, or without a payment time', () => {
    expect(confirmationEmailNote({ paidAt: ago(CONFIRMATION_EXPECTED_WITHIN_MS), confirmationSentAt: null }, now)).toBeNull();
    expect(confirmationEmailNote({ paidAt: ago(3 * 86_400_000), confirmationSentAt: null }, now)).toBeNull();
    expect(confirmationEmailNote({ paidAt: null, confirmationSentAt: null }, now)).toBeNull();
  });
});
