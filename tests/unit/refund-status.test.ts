import { describe, expect, it } from 'vitest';
import { refundStatus } from '@/db/schema';
import { canTransitionRefund, FINAL_REFUND_STATUSES, fromGatewayStatus, isAcceptedRefund, isFinalRefund } from '@/lib/refunds/refund-status';
import type { RefundStatus } from '@/lib/refunds/types';

const statuses = refundStatus.enumValues;

// Every move a refund may make, and nothing else: a pair missing here must be refused.
const allowedMoves: Array<[RefundStatus, RefundStatus]> = [
  ['requested', 'pending'],
  ['requested', 'processing'],
  ['requested', 'processed'],
  ['requested', 'failed'],
  ['requested', 'needs_attention'],
  ['pending', 'processing'],
  ['pending', 'processed'],
  ['pending', 'failed'],
  ['pending', 'needs_attention'],
  ['processing', 'processed'],
  ['processing', 'failed'],
  ['processing', 'needs_attention'],
  ['needs_attention', 'processing'],
  ['needs_attention', 'processed'],
  ['needs_attention', 'failed'],
];

const isAllowed = (from: RefundStatus, to: RefundStatus) => allowedMoves.some(([a, b]) => a === from && b === to);
const everyPair = statuses.flatMap((from) => statuses.map((to) => [from, to, isAllowed(from, to)] as const));

describe('refund transitions', () => {
  it('has the statuses of the contract, in the database enum', () => {
    const contract: RefundStatus[] = ['requested', 'pending', 'processing', 'processed', 'failed', 'needs_attention'];
    expect([...statuses].sort()).toEqual([...contract].sort());
  });

  it.each(everyPair)('%s → %s allowed: %s', (from, to, expected) => {
    expect(canTransitionRefund(from, to)).toBe(expected);
  });

  it('never moves a final refund, so a late or repeated webhook cannot undo it', () => {
    expect(FINAL_REFUND_STATUSES).toEqual(['processed', 'failed']);
    for (const from of FINAL_REFUND_STATUSES) expect(statuses.filter((to) => canTransitionRefund(from, to))).toEqual([]);
    expect(statuses.filter(isFinalRefund)).toEqual(['processed', 'failed']);
  });

  it('never goes back to requested or pending once Paystack moved it on (out-of-order events)', () => {
    for (const from of statuses) expect(canTransitionRefund(from, 'requested')).toBe(false);
    expect(statuses.filter((from) => canTransitionRefund(from, 'pending'))).toEqual(['requested']);
  });

  it('counts a refund against the payment exactly while Paystack has it and has not given up', () => {
    expect(statuses.filter(isAcceptedRefund)).toEqual(['pending', 'processing', 'processed', 'needs_attention']);
  });

  it.each([
    ['pending', 'pending'],
    ['processing', 'processing'],
    ['processed', 'processed'],
    ['failed', 'failed'],
    ['needs-attention', 'needs_attention'],
  ] as const)('reads Paystack’s %s as %s', (gateway, ours) => {
    expect(fromGatewayStatus(gateway)).toBe(ours);
  });
});
