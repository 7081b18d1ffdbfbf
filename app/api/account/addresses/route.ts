// GET/POST /api/account/addresses – the signed-in shopper's saved delivery addresses: list, add (Store API)
import { createAddress, listAddresses, savedAddressInputSchema } from '@/lib/account/addresses';
import { apiError, apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const GET = route({ name: 'api/account/addresses', audience: 'user', sameOrigin: false }, async ({ user, deps }) =>
  apiJson({ addresses: await listAddresses(deps.db, user.id) }),
);

export const POST = route(
  {
    name: 'api/account/addresses',
    audience: 'user',
    sameOrigin: true,
    body: savedAddressInputSchema,
    rateLimit: ({ user, deps }) => deps.limiter().limit('accountWritesByUser', user.id),
  },
  async ({ user, body, deps }) => {
    const created = await createAddress(deps.db, user.id, body);
    return created.ok ? apiJson({ address: created.value }, { status: 201 }) : apiError(created.error.code);
  },
);
