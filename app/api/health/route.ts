// GET /api/health – liveness and database reachability for the local stack and load balancers
import { sql } from 'drizzle-orm';
import { apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const GET = route({ name: 'api/health', audience: 'public', sameOrigin: false }, async ({ deps }) => {
  try {
    await deps.db.execute(sql`SELECT 1`);
    return apiJson({ status: 'ok' });
  } catch {
    return apiJson({ status: 'unavailable', database: 'unreachable' }, { status: 503 });
  }
});
