// PUT/DELETE /api/account/addresses/:id – replace or delete one of the signed-in shopper's addresses (Store API)
import { z } from 'zod';
import { deleteAddress, savedAddressInputSchema, updateAddress } from '@/lib/account/addresses';
import { apiError, apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

const params = z.object({ id: z.uuid() });

export const PUT = route(
  {
    name: 'api/account/addresses/:id',
    audience: 'user',
    sameOrigin: true,
    params,
    body: savedAddressInputSchema,
    rateLimit: ({ user, deps }) => deps.limiter().limit('accountWritesByUser', user.id),
  },
  async ({ user, params, body, deps }) => {
    // Scoped to the owner: another shopper's address id is simply not found.
    const updated = await updateAddress(deps.db, user.id, params.id, body);
    return updated.ok ? apiJson({ address: updated.value }) : apiError(updated.error.code);
  },
);

export const DELETE = route(
  {
    name: 'api/account/addresses/:id',
    audience: 'user',
    sameOrigin: true,
    params,
    rateLimit: ({ user, deps }) => deps.limiter().limit('accountWritesByUser', user.id),
  },
  async ({ user, params, deps }) => {
    const deleted = await deleteAddress(deps.db, user.id, params.id);
    return deleted.ok ? apiJson({ deleted: deleted.value.id }) : apiError(deleted.error.code);
  },
);
