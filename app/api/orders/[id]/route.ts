// GET /api/orders/:id – one order for its signed-in owner, or a guest order with its signed `?token=`; 404 otherwise
import { guardedApi, apiError, orderJson } from '@/lib/server/checkout-api';
import { orderForViewer } from '@/lib/server/order-access';

export const dynamic = 'force-dynamic';

export function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return guardedApi('api/orders', async () => {
    const { id } = await params;
    const found = await orderForViewer(id, { token: new URL(request.url).searchParams.get('token') });
    // The same answer for "no such order" and "not yours": an order id alone reveals nothing.
    if (!found) return apiError(404, 'order_not_found', 'Order not found.');
    return Response.json(orderJson(found.order), { headers: { 'cache-control': 'no-store' } });
  });
}
