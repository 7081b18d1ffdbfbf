// GET /api/health/live – liveness for a load balancer or orchestrator: the process is up and answering. No I/O, so a
// database or Redis outage never gets a healthy instance restarted; /api/health/ready says whether to send it traffic.
import { apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const GET = route({ name: 'api/health/live', audience: 'public', sameOrigin: false }, async () => apiJson({ status: 'ok' }));
