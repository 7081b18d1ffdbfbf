// GET /api/health – liveness and database reachability for the local stack and load balancers
import { sql } from 'drizzle-orm';
import { db } from '@/db';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    await db.execute(sql`SELECT 1`);
    return Response.json({ status: 'ok' });
  } catch {
    return Response.json({ status: 'unavailable', database: 'unreachable' }, { status: 503 });
  }
}
