// The owner's console in words, pure parts: a phone search finds a number however it was typed; the list and the CSV
// name a customer the same way; a routine refund confirmation reads "Recorded" and offers no replay; the money
// ledger's minus is a real minus sign.
import { describe, expect, it } from 'vitest';
import { phoneSearchDigits } from '@/db/queries/admin-order-list';
import { orderCustomerLabel } from '@/lib/admin/order-list-query';
import { canReplay, webhookShownLabels, webhookShownState } from '@/lib/admin/webhook-list-query';
import { isRoutineRefundOutcome, routineRefundOutcome } from '@/lib/refunds/routine-refund-event';

describe('phoneSearchDigits', () => {
  it.each([
    ['0803 123 4567', '8031234567'],
    ['+234 803 123 4567', '8031234567'],
    ['2348031234567', '8031234567'],
    ['803-123-4567', '8031234567'],
    ['4567', '4567'],
    ['(0803) 123', '803123'],
  ])('reads %s as %s', (typed, digits) => {
    expect(phoneSearchDigits(typed)).toBe(digits);
  });

  it.each(['ada@example.com', 'SO-100042', 'Ada Obi', '12', 'TXN-ABC123'])('does not treat %s as a phone number', (typed) => {
    expect(phoneSearchDigits(typed)).toBeNull();
  });
});

describe('orderCustomerLabel', () => {
  it('names an account by its name and a guest by the name on the order', () => {
    expect(orderCustomerLabel({ customerName: 'Ada Obi', shippingName: 'Ada O.' })).toBe('Ada Obi');
    expect(orderCustomerLabel({ customerName: null, shippingName: 'Bayo Ade' })).toBe('Bayo Ade');
  });
});

describe('webhook inbox states', () => {
  const row = { source: 'delivery' as const, pruned: false };

  it('shows a refund confirmation the shop already had as Recorded, with no Replay', () => {
    const routine = { ...row, status: 'ignored' as const, outcome: routineRefundOutcome('pending', 'pending') };
    expect(isRoutineRefundOutcome(routine.outcome)).toBe(true);
    expect(webhookShownState(routine)).toBe('recorded');
    expect(webhookShownLabels[webhookShownState(routine)]).toBe('Recorded');
    expect(canReplay(routine)).toBe(false);
  });

  it('keeps Ignored (and Replay) for an event that could not be matched, and Failed for a failure', () => {
    const unmatched = { ...row, status: 'ignored' as const, outcome: 'no payment with reference TXN-X' };
    expect(webhookShownState(unmatched)).toBe('ignored');
    expect(webhookShownLabels.ignored).toBe('Ignored');
    expect(canReplay(unmatched)).toBe(true);
    expect(webhookShownState({ status: 'failed', outcome: 'deadlock' })).toBe('failed');
    expect(canReplay({ ...row, status: 'processed', outcome: 'refund pending → processed' })).toBe(false);
  });
});
