// The ship dialog's input, shared by the dialog (to check before sending) and its server action (which checks again):
// the shipment as every door takes it, plus the order and the dialog's idempotency key. Whether the lines fit what is
// left to ship is the shipping use case's decision, made under the order's lock.
import { z } from 'zod';
import { fulfillmentInputSchema } from '@/lib/fulfillments/fulfillment-rules';

export const shipFormSchema = fulfillmentInputSchema.extend({
  orderId: z.uuid(),
  /** One per dialog opening: a double click or a retried submit is the same shipment. */
  idempotencyKey: z.uuid(),
});

export type ShipFormInput = z.input<typeof shipFormSchema>;
