// GET, POST /api/admin/orders/:id/fulfillments – list an order's shipments; ship lines of it (admin, Idempotency-Key required)
import { z } from 'zod';
import { findOrderSummary } from '@/db/queries/orders';
import { listFulfillments } from '@/lib/fulfillments/fulfillment-view';
import { shipOrder } from '@/lib/fulfillments/ship-order';
import { isUuid } from '@/lib/is-uuid';
import { shipFailure } from '@/lib/server/deps/fulfillments';
import { idempotencyKeyOf } from '@/lib/server/doors/idempotency-key';
import { apiError, apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

const params = z.object({ id: z.string() });

export const GET = route({ name: 'api/admin/orders/:id/fulfillments', audience: 'admin', sameOrigin: false, params }, async ({ params, deps }) => {
  const order = isUuid(params.id) ? await findOrderSummary(deps.db, params.id) : null;
  if (!order) return apiError('order_not_found');
  return apiJson({ orderId: order.id, fulfillments: await listFulfillments(deps.db, order.id) });
});

export const POST = route(
  // The body is any JSON here and checked by the use case, so a shipment it cannot take (a missing carrier, a line not on
  // the order, a tracking link that is not a web address) is one answer: 422 `fulfillment_invalid` with field errors.
  { name: 'api/admin/orders/:id/fulfillments', audience: 'admin', sameOrigin: true, params, body: z.unknown() },
  async ({ request, params, body, user, deps }) => {
    const key = idempotencyKeyOf(request, 'Send an Idempotency-Key header (a fresh UUID per shipment) so a retry cannot ship twice.');
    if ('refusal' in key) return key.refusal;
    if (!isUuid(params.id)) return apiError('order_not_found');
    const result = await shipOrder(deps.db, { orderId: params.id, shipment: body, adminId: user.id, idempotencyKey: key.key });
    if (!result.ok) {
      const failure = shipFailure(result.error);
      return apiError(failure.code, { message: failure.message, details: failure.details });
    }
    if (!result.value.created) return apiJson({ fulfillment: result.value.fulfillment }, { status: 200, headers: { 'idempotent-replayed': 'true' } });
    // Nothing to revalidate: the admin and shopper order pages are dynamic (rendered per request, never cached).
    return apiJson({ fulfillment: result.value.fulfillment }, { status: 201 });
  },
);
