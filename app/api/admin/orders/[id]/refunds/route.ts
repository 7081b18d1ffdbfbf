// GET, POST /api/admin/orders/:id/refunds – list an order's refunds; refund it (admin, Idempotency-Key required)
import { z } from 'zod';
import { refundIdForKey } from '@/db/queries/admin-orders';
import { refundInputSchema } from '@/lib/refunds/refund-input';
import { requestRefund } from '@/lib/refunds/request-refund';
import { listRefunds } from '@/lib/refunds/refund-view';
import { refundDeps, refundFailure } from '@/lib/server/deps/refunds';
import { isUuid } from '@/lib/is-uuid';
import { apiError, apiJson, route } from '@/lib/server/doors/route';
import { findOrderSummary } from '@/db/queries/orders';

export const dynamic = 'force-dynamic';

const params = z.object({ id: z.string() });

const refundBodySchema = refundInputSchema.extend({
  /** Minor units (kobo), in the order's currency. */
  amount: z.number().int().positive(),
});

/** Printable ASCII, as HTTP header values are; a UUID per refund is what clients are asked to send. */
const idempotencyKeySchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'Idempotency-Key must be printable ASCII');

export const GET = route({ name: 'api/admin/orders/:id/refunds', audience: 'admin', sameOrigin: false, params }, async ({ params, deps }) => {
  const order = isUuid(params.id) ? await findOrderSummary(deps.db, params.id) : null;
  if (!order) return apiError('order_not_found');
  return apiJson({ orderId: order.id, refunds: await listRefunds(deps.db, order.id) });
});

export const POST = route(
  { name: 'api/admin/orders/:id/refunds', audience: 'admin', sameOrigin: true, params, body: refundBodySchema },
  async ({ request, params, body, user, deps }) => {
    const rawKey = request.headers.get('idempotency-key');
    if (rawKey === null || rawKey.trim() === '') return apiError('idempotency_key_required');
    const key = idempotencyKeySchema.safeParse(rawKey);
    if (!key.success) return apiError('invalid_input', { message: 'Idempotency-Key: at most 200 printable characters' });
    if (!isUuid(params.id)) return apiError('order_not_found');

    // Read before the use case: a key that already made a refund is a replay (200), not a creation (201).
    const replay = (await refundIdForKey(deps.db, { idempotencyKey: key.data })) !== null;
    const result = await requestRefund(refundDeps(deps), {
      orderId: params.id,
      amount: body.amount,
      reason: body.reason,
      restock: body.restock,
      actor: { kind: 'admin', userId: user.id },
      idempotencyKey: key.data,
    });
    const replayed = replay ? { 'idempotent-replayed': 'true' } : undefined;
    // Nothing to revalidate: the admin pages that show refunds are dynamic (rendered per request, never cached).
    if (result.ok) return apiJson({ refund: result.value }, { status: replay ? 200 : 201, headers: replayed });
    // Recorded, but Paystack has not answered: the refund stays `requested` and a job retries it.
    if (result.error.code === 'refund_pending_confirmation') return apiJson({ refund: result.error.refund }, { status: 202, headers: replayed });
    const failure = refundFailure(result.error);
    return apiError(failure.code, { message: failure.message, details: failure.details, headers: replayed });
  },
);
