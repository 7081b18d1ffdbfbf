// GET /api/admin/orders/export.csv – the orders list's current filter and sort as a CSV download, streamed (admin)
import { ordersCsvStream } from '@/lib/admin/orders-csv';
import { orderListQuerySchema } from '@/lib/admin/order-list-query';
import { lagosDay } from '@/lib/core/format-date';
import { log } from '@/lib/log';
import { NO_STORE, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const GET = route(
  { name: 'api/admin/orders/export.csv', audience: 'admin', sameOrigin: false, query: orderListQuerySchema },
  async ({ query, deps }) => {
    const body = ordersCsvStream(
      { db: deps.db, onError: (error) => log().error({ route: 'api/admin/orders/export.csv', err: error }, 'export broke off') },
      query,
    );
    return new Response(body, {
      headers: {
        ...NO_STORE,
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="orders-${lagosDay(new Date())}.csv"`,
        'x-content-type-options': 'nosniff',
      },
    });
  },
);
