// POST /api/account/addresses/:id/default – make one of the signed-in shopper's addresses the default (Store API)
import { z } from 'zod';
import { setDefaultAddress } from '@/lib/account/addresses';
import { apiError, apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const POST = route(
  {
    name: 'api/account/addresses/:id/default',
    audience: 'user',
    sameOrigin: true,
    params: z.object({ id: z.uuid() }),
    rateLimit: ({ user, deps }) => deps.limiter().limit('accountWritesByUser', user.id),
  },
  async ({ user, params, deps }) => {
    const chosen = await setDefaultAddress(deps.db, user.id, params.id);
    return chosen.ok ? apiJson({ address: chosen.value }) : apiError(chosen.error.code);
  },
);
