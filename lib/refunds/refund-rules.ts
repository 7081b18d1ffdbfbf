// The refund arithmetic, apart from the database: how much may still go back, which lines may go back on the shelf,
// what a request's fingerprint is, and which statuses a payment and an order take once their refunds change.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AuditActor } from '../audit/record-audit';
import { err, ok, type Result } from '../core/result';
import { refundRestockLineSchema, restockLineKey } from './refund-input';
import type { RefundActor, RequestRefundInput, RestockLine } from './types';

/** What every door hands to requestRefund, checked again here (a job or a script is a door too). */
export const requestRefundInputSchema = z.object({
  orderId: z.uuid(),
  amount: z.number().int().positive().max(2_000_000_000).optional(),
  reason: z.string().trim().min(1, 'Give a reason').max(500),
  restock: z
    .array(refundRestockLineSchema)
    .max(100)
    .refine((lines) => new Set(lines.map(restockLineKey)).size === lines.length, 'Each item may appear once')
    .optional(),
  actor: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('admin'), userId: z.uuid() }),
    z.object({ kind: z.literal('system'), reason: z.string().min(1) }),
    z.object({ kind: z.literal('external') }),
  ]),
  idempotencyKey: z.string().trim().min(1).max(200),
  paymentId: z.uuid().optional(),
  flagged: z.object({ captured: z.number().int().positive().max(2_000_000_000) }).optional(),
});

/**
 * A digest of what the key asks for. The amount as asked (omitted = "whatever remains"), not as resolved: a replay
 * after the first refund went through would otherwise resolve to something else and look like another request.
 */
export function requestFingerprint(input: Pick<RequestRefundInput, 'orderId' | 'paymentId' | 'amount' | 'restock'>): string {
  // A line that came back carries a third element; a plain line keeps the two it always had (old keys still match).
  const lines = [...(input.restock ?? [])]
    .sort((a, b) => restockLineKey(a).localeCompare(restockLineKey(b)))
    .map((line) => (line.returnedToStock ? [line.variantId, line.quantity, 'returned'] : [line.variantId, line.quantity]));
  const canonical = JSON.stringify([input.orderId, input.paymentId ?? null, input.amount ?? null, lines]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * The amount to refund: the one asked for, or everything that remains. `committed` is every refund of the payment
 * that has not failed, whatever its stage (a `requested` one counts: it may be at Paystack already).
 */
export function resolveRefundAmount(
  captured: number,
  committed: number,
  requested: number | undefined,
): Result<number, { requested: number; remaining: number }> {
  const remaining = Math.max(0, captured - committed);
  const amount = requested ?? remaining;
  if (amount <= 0 || amount > remaining) return err({ requested: amount, remaining });
  return ok(amount);
}

/**
 * Lines that may go back on the shelf: variants the order sold (stock that actually left: `sold` counts committed
 * holds only). Units that never shipped: no more than sold − shipped − what earlier refunds cancelled (`restocked`,
 * their lines without returnedToStock). Units that came back (returnedToStock): no more than shipped − what earlier
 * refunds took back. A shipped unit goes back on the shelf only when the admin says it came back.
 */
export function checkRestockLines(
  lines: readonly RestockLine[],
  sold: ReadonlyMap<string, number>,
  restocked: ReadonlyMap<string, number>,
  shipping: { shipped: ReadonlyMap<string, number>; returned: ReadonlyMap<string, number> } = { shipped: new Map(), returned: new Map() },
): Result<RestockLine[], string> {
  for (const line of lines) {
    const bought = sold.get(line.variantId);
    if (bought === undefined) return err(`Item ${line.variantId} did not leave the shelf for this order, so it cannot be restocked`);
    const shipped = shipping.shipped.get(line.variantId) ?? 0;
    if (line.returnedToStock) {
      const back = shipped - (shipping.returned.get(line.variantId) ?? 0);
      if (line.quantity > back) return err(`Only ${back} shipped unit(s) of item ${line.variantId} can still come back to stock for this order`);
      continue;
    }
    const left = bought - shipped - (restocked.get(line.variantId) ?? 0);
    if (line.quantity > left) {
      return err(
        shipped > 0
          ? `Only ${Math.max(0, left)} unshipped unit(s) of item ${line.variantId} can still be restocked for this order; shipped units go back in stock only if they came back (returned to stock)`
          : `Only ${left} of item ${line.variantId} can still be restocked for this order`,
      );
    }
  }
  return ok([...lines].sort((a, b) => restockLineKey(a).localeCompare(restockLineKey(b))));
}

export type RefundablePaymentStatus = 'paid' | 'needs_review' | 'partially_refunded' | 'refunded';

/** The payment's status for what Paystack has accepted to refund; `restoreTo` is where it stood before any refund. */
export function paymentStatusFor(amount: number, refunded: number, restoreTo: 'paid' | 'needs_review'): RefundablePaymentStatus {
  if (refunded <= 0) return restoreTo;
  return refunded >= amount ? 'refunded' : 'partially_refunded';
}

export const REFUND_TRACKED_ORDER_STATUSES = ['paid', 'partially_fulfilled', 'fulfilled', 'paid_needs_attention', 'partially_refunded', 'refunded'] as const;
export type RefundTrackedOrderStatus = (typeof REFUND_TRACKED_ORDER_STATUSES)[number];

/**
 * How much of the order's total has gone back, from what the customer still has paid across every captured payment
 * (`netPaid`). A refund of a surplus payment (one the order did not need) leaves the order's money whole.
 */
export function orderRefundedAmount(total: number, netPaid: number): number {
  return Math.min(total, Math.max(0, total - netPaid));
}

/** The order's status for that amount; `restoreTo` is where it stood before any refund (paid, fulfilled, …). */
export function orderStatusFor(
  total: number,
  refunded: number,
  restoreTo: Exclude<RefundTrackedOrderStatus, 'partially_refunded' | 'refunded'>,
): RefundTrackedOrderStatus {
  if (refunded <= 0) return restoreTo;
  return refunded >= total ? 'refunded' : 'partially_refunded';
}

/** Who the audit trail names for a refund's actor. */
export function auditActorOf(actor: RefundActor): AuditActor {
  switch (actor.kind) {
    case 'admin':
      return { type: 'admin', id: actor.userId };
    case 'system':
      return { type: 'system', id: actor.reason };
    case 'external':
      return { type: 'webhook', id: 'paystack' };
  }
}
