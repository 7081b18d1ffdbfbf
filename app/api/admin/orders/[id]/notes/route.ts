// GET, POST /api/admin/orders/:id/notes – an order's internal notes, newest first; add one `{ body }` (admin, audited)
import { z } from 'zod';
import { listOrderNotes } from '@/db/queries/admin-notes';
import { findOrderSummary } from '@/db/queries/orders';
import { isUuid } from '@/lib/is-uuid';
import { addOrderNote } from '@/lib/notes/admin-notes';
import { noteFailure } from '@/lib/server/deps/notes';
import { apiError, apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

const params = z.object({ id: z.string() });

export const GET = route({ name: 'api/admin/orders/:id/notes', audience: 'admin', sameOrigin: false, params }, async ({ params, deps }) => {
  const order = isUuid(params.id) ? await findOrderSummary(deps.db, params.id) : null;
  if (!order) return apiError('order_not_found');
  return apiJson({ orderId: order.id, notes: await listOrderNotes(deps.db, order.id) });
});

export const POST = route(
  { name: 'api/admin/orders/:id/notes', audience: 'admin', sameOrigin: true, params, body: z.object({ body: z.unknown() }) },
  async ({ params, body, user, deps }) => {
    if (!isUuid(params.id)) return apiError('order_not_found');
    const result = await addOrderNote(deps.db, { orderId: params.id, body: body.body, adminId: user.id });
    if (!result.ok) {
      const failure = noteFailure(result.error);
      return apiError(failure.code, { message: failure.message });
    }
    return apiJson({ note: result.value }, { status: 201 });
  },
);
