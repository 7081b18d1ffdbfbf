// GET /api/admin/webhooks?q=&status=&type=&from=&to=&sort=&dir=&page=&pageSize= – one page of the webhook inbox (admin)
import { listWebhookEvents } from '@/db/queries/admin-webhooks';
import { webhookListQuerySchema } from '@/lib/admin/webhook-list-query';
import { apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const GET = route({ name: 'api/admin/webhooks', audience: 'admin', sameOrigin: false, query: webhookListQuerySchema }, async ({ query, deps }) =>
  apiJson(await listWebhookEvents(deps.db, query)),
);
