// The shipping arithmetic, apart from the database: what a shipment may ask for, what each line may still ship, what
// a request's fingerprint is, and where an order's shipments put its status.
//
// Per line (an order item): `sold` units left the shelf for the order (its committed hold; a flagged late payment whose
// stock was gone sold nothing), `shipped` went to a carrier, `cancelled` never shipped and went back on the shelf with a
// refund (restock lines without returnedToStock), `returned` shipped and came back with a refund. Then
//   shippable = sold − shipped − cancelled        and the invariant  shipped ≤ ordered − cancelled.
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const CARRIER_MAX = 100;
export const TRACKING_NUMBER_MAX = 100;

/** Only a web address the shopper's browser should open: no javascript:, data: or other schemes in an email or page. */
export const trackingUrlSchema = z
  .string()
  .trim()
  .max(500, 'Keep the tracking link under 500 characters')
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
    } catch {
      return false;
    }
  }, 'Enter a web address starting with https://');

export const fulfillmentLineSchema = z.object({
  orderItemId: z.uuid('Unknown order line'),
  quantity: z.number().int('Ship a whole number of items').positive('Ship at least one item').max(10_000),
});

/** What a shipment says, at every door (the admin page's action, POST /api/admin/orders/:id/fulfillments). */
export const fulfillmentInputSchema = z.object({
  lines: z
    .array(fulfillmentLineSchema)
    .min(1, 'Choose at least one item to ship')
    .max(100)
    .refine((lines) => new Set(lines.map((line) => line.orderItemId)).size === lines.length, 'Each line may appear once'),
  carrier: z.string().trim().min(1, 'Name the carrier').max(CARRIER_MAX, `Keep the carrier under ${CARRIER_MAX} characters`),
  trackingNumber: z
    .string()
    .trim()
    .min(1, 'Enter the tracking number')
    .max(TRACKING_NUMBER_MAX, `Keep the tracking number under ${TRACKING_NUMBER_MAX} characters`),
  trackingUrl: z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), trackingUrlSchema.optional()),
});

export type FulfillmentInput = z.output<typeof fulfillmentInputSchema>;

/** A digest of what the key asks for: the same key with other lines, carrier or tracking is another request. */
export function fulfillmentFingerprint(orderId: string, input: FulfillmentInput): string {
  const lines = [...input.lines].sort((a, b) => a.orderItemId.localeCompare(b.orderItemId)).map((line) => [line.orderItemId, line.quantity]);
  const canonical = JSON.stringify([orderId, lines, input.carrier, input.trackingNumber, input.trackingUrl ?? null]);
  return createHash('sha256').update(canonical).digest('hex');
}

export interface LineFacts {
  orderItemId: string;
  variantId: string;
  ordered: number;
  sold: number;
  shipped: number;
  cancelled: number;
  returned: number;
}

export const shippableOf = (line: LineFacts): number => Math.max(0, line.sold - line.shipped - line.cancelled);

/** Where shipments alone put an order that was paid: nothing shipped, some, or everything that can ship. */
export type ShippingStatus = 'paid' | 'partially_fulfilled' | 'fulfilled';

export function shippingStatusFor(lines: readonly LineFacts[]): ShippingStatus {
  const shipped = lines.reduce((total, line) => total + line.shipped, 0);
  if (shipped === 0) return 'paid';
  return lines.every((line) => shippableOf(line) === 0) ? 'fulfilled' : 'partially_fulfilled';
}

export type ShipLineProblem =
  | { kind: 'unknown_line'; orderItemId: string }
  | { kind: 'exceeds_remaining'; orderItemId: string; requested: number; remaining: number };

/** Every asked line belongs to the order and fits what it may still ship; the first problem otherwise. */
export function checkShipLines(asked: FulfillmentInput['lines'], facts: readonly LineFacts[]): ShipLineProblem | null {
  for (const line of asked) {
    const fact = facts.find((candidate) => candidate.orderItemId === line.orderItemId);
    if (!fact) return { kind: 'unknown_line', orderItemId: line.orderItemId };
    const remaining = shippableOf(fact);
    if (line.quantity > remaining) return { kind: 'exceeds_remaining', orderItemId: line.orderItemId, requested: line.quantity, remaining };
  }
  return null;
}
