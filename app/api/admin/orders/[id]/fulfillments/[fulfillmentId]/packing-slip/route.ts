// GET /api/admin/orders/:id/fulfillments/:fulfillmentId/packing-slip – one shipment's packing slip PDF (admin only)
import { z } from 'zod';
import { packingSlipFor } from '@/lib/fulfillments/render-packing-slip';
import { isUuid } from '@/lib/is-uuid';
import { apiError, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const GET = route(
  {
    name: 'api/admin/orders/:id/fulfillments/:fulfillmentId/packing-slip',
    audience: 'admin',
    sameOrigin: false,
    params: z.object({ id: z.string(), fulfillmentId: z.string() }),
  },
  async ({ params, deps }) => {
    const slip = isUuid(params.id) && isUuid(params.fulfillmentId) ? await packingSlipFor(deps.db, params.id, params.fulfillmentId) : null;
    if (!slip) return apiError('not_found');
    return new Response(new Uint8Array(slip.pdf), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="${slip.filename}"`,
        'content-length': String(slip.pdf.length),
        // The customer's name and address: never kept by a shared cache.
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  },
);
