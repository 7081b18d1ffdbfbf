// GET /api/admin/audit?actorType=&actor=&entityType=&entityId=&action=&from=&to=&dir=&page=&pageSize= – one page of the audit log (admin)
import { listAuditEntries } from '@/db/queries/admin-audit';
import { auditListQuerySchema } from '@/lib/admin/audit-list-query';
import { apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const GET = route({ name: 'api/admin/audit', audience: 'admin', sameOrigin: false, query: auditListQuerySchema }, async ({ query, deps }) =>
  apiJson(await listAuditEntries(deps.db, query)),
);
