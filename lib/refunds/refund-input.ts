// What every way of asking for a refund says besides the amount: why, and which lines go back on the shelf. The admin
// dialog, its server action and POST /api/admin/orders/:id/refunds each extend this one schema with the amount in their
// own form (naira as typed in the dialog, kobo in JSON), so a rule about reasons or restock lines is written once.
import { z } from 'zod';

export const REFUND_REASON_MAX = 500;

export const refundRestockLineSchema = z.object({
  variantId: z.uuid(),
  quantity: z.number().int().positive().max(10_000),
  /**
   * These units had shipped and came back to the shop: they go back on the shelf. Without it the units are ones that
   * never shipped (and now never will). A shipped unit that did not come back is refunded without any restock line.
   */
  returnedToStock: z.boolean().optional(),
});

/** One line per item and kind (not shipped / came back): a refund may cancel some units of a line and take back others. */
export const restockLineKey = (line: { variantId: string; returnedToStock?: boolean }) =>
  `${line.variantId}:${line.returnedToStock ? 'returned' : 'unshipped'}`;

export const refundInputSchema = z.object({
  reason: z.string().trim().min(1, 'Give a reason for the refund').max(REFUND_REASON_MAX, `Keep the reason under ${REFUND_REASON_MAX} characters`),
  restock: z
    .array(refundRestockLineSchema)
    .max(100)
    .refine((lines) => new Set(lines.map(restockLineKey)).size === lines.length, 'Each item may appear once')
    .default([]),
});
