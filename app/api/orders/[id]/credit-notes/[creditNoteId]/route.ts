// GET /api/orders/:id/credit-notes/:creditNoteId – a refund's credit note PDF, for whoever may see the order and its invoice (owner, or `?token=` for a guest order); 404 otherwise
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { creditNotes } from '@/db/schema';
import { creditNotePdf } from '@/lib/invoices/render-credit-note';
import { isUuid } from '@/lib/is-uuid';
import { orderForViewer } from '@/lib/server/doors/order-access';
import { apiError, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const GET = route(
  {
    name: 'api/orders/:id/credit-notes/:creditNoteId',
    audience: 'public',
    sameOrigin: false,
    params: z.object({ id: z.string(), creditNoteId: z.string() }),
    query: z.object({ token: z.string().optional() }),
  },
  async ({ params, query, deps }) => {
    const found = await orderForViewer(params.id, { token: query.token ?? null });
    // The same answer for "no such order", "not yours" and "not this order's credit note": an id alone reveals nothing.
    if (!found || !isUuid(params.creditNoteId)) return apiError('not_found');
    const [own] = await deps.db
      .select({ id: creditNotes.id })
      .from(creditNotes)
      .where(and(eq(creditNotes.id, params.creditNoteId), eq(creditNotes.orderId, found.order.id)));
    const note = own ? await creditNotePdf(deps.db, own.id) : null;
    if (!note) return apiError('not_found');
    return new Response(new Uint8Array(note.pdf), {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="${note.filename}"`,
        'content-length': String(note.pdf.length),
        // The customer's name and address: never kept by a shared cache.
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  },
);
