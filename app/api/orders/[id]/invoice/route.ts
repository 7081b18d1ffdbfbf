// GET /api/orders/:id/invoice – the order's invoice PDF, for whoever may see the order (owner, or `?token=` for a guest order); 404 otherwise
import { z } from 'zod';
import { invoiceDownload } from '@/lib/invoices/invoice-download';
import { orderForViewer } from '@/lib/server/doors/order-access';
import { apiError, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const GET = route(
  {
    name: 'api/orders/:id/invoice',
    audience: 'public',
    // A GET may allocate the paid order's invoice number early; that is the same idempotent step the paid-order job
    // takes, so a cross-site link to this URL can change nothing a shopper would notice.
    sameOrigin: false,
    params: z.object({ id: z.string() }),
    query: z.object({ token: z.string().optional() }),
  },
  async ({ params, query, deps }) => {
    const found = await orderForViewer(params.id, { token: query.token ?? null });
    // The same answer for "no such order" and "not yours": an order id alone reveals nothing.
    if (!found) return apiError('order_not_found');
    const invoice = await invoiceDownload(deps.db, found.order.id);
    if (!invoice.ok) return apiError('invoice_not_available');
    return new Response(new Uint8Array(invoice.value.pdf), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="${invoice.value.filename}"`,
        'content-length': String(invoice.value.pdf.length),
        // The invoice carries the customer's name and address: never kept by a shared cache.
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  },
);
