// Paystack's webhook envelope and the event key that makes delivery exactly-once. Paystack sends no event id,
// so the key is derived from the event type and the gateway object it is about (DESIGN.md flow 3).
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const envelopeSchema = z.object({ event: z.string().min(1).max(100), data: z.record(z.string(), z.unknown()) });
export type PaystackEnvelope = z.infer<typeof envelopeSchema>;

/** The part of `charge.success` the commit path needs, checked with zod (Paystack's wire names). */
export const chargeDataSchema = z.object({
  id: z.number().int().positive(),
  reference: z.string().min(1).max(200),
  amount: z.number().int().positive(),
  currency: z.string().length(3),
  domain: z.enum(['test', 'live']),
  status: z.string(),
  channel: z.string().nullish(),
  fees: z.number().int().nonnegative().nullish(),
  paid_at: z.string().nullish(),
});

const refundDataSchema = z.object({
  id: z.union([z.number(), z.string()]).optional(),
  status: z.string().optional(),
  transaction_reference: z.string().optional(),
  refund_reference: z.string().nullish(),
});

export function eventKey(envelope: PaystackEnvelope, rawBody: string): string {
  if (envelope.event === 'charge.success') {
    const id = chargeDataSchema.shape.id.safeParse(envelope.data.id);
    if (id.success) return `charge.success:${id.data}`;
  }
  if (envelope.event.startsWith('refund.')) {
    const refund = refundDataSchema.safeParse(envelope.data);
    if (refund.success && refund.data.transaction_reference) {
      const { transaction_reference: reference, id, status } = refund.data;
      return `refund:${reference}:${id ?? refund.data.refund_reference ?? '-'}:${status ?? envelope.event.slice(7)}`;
    }
  }
  // Anything else is kept and acknowledged once per distinct body.
  return `${envelope.event}:sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
}
