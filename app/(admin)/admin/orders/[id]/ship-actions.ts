'use server';
// The admin order page's shipment, through the admin door: the role is re-read from the database before the input is
// parsed, and the shipping use case decides the rest under the order's lock (what is left to ship on each line). The
// dialog's idempotency key makes a double click or a retried submit the same shipment.
import { shipOrder } from '@/lib/fulfillments/ship-order';
import type { FulfillmentView } from '@/lib/fulfillments/fulfillment-view';
import { adminAction } from '@/lib/server/doors/actions';
import { revalidateShippedOrder, shipFailure } from '@/lib/server/deps/fulfillments';
import { shipFormSchema } from './_components/ship-form';

export type ShipActionData = { fulfillment: FulfillmentView };

export const shipOrderAction = adminAction.inputSchema(shipFormSchema).action(async ({ parsedInput, ctx }): Promise<ShipActionData> => {
  const { orderId, idempotencyKey, ...shipment } = parsedInput;
  const result = await shipOrder(ctx.deps.db, { orderId, shipment, adminId: ctx.admin.id, idempotencyKey });
  if (!result.ok) throw shipFailure(result.error);
  revalidateShippedOrder(orderId);
  return { fulfillment: result.value.fulfillment };
});
