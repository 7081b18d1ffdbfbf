// GET/PATCH /api/account – the signed-in shopper's profile (name, phone; the email is read-only) (Store API)
import { getProfile, profileInputSchema, updateProfile } from '@/lib/account/profile';
import { AppError } from '@/lib/errors';
import { apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const GET = route({ name: 'api/account', audience: 'user', sameOrigin: false }, async ({ user, deps }) => {
  const profile = await getProfile(deps.db, user.id);
  if (!profile) throw new AppError('unauthenticated');
  return apiJson({ profile });
});

export const PATCH = route(
  {
    name: 'api/account',
    audience: 'user',
    sameOrigin: true,
    body: profileInputSchema,
    rateLimit: ({ user, deps }) => deps.limiter().limit('accountWritesByUser', user.id),
  },
  async ({ user, body, deps }) => {
    const updated = await updateProfile(deps.db, user.id, body);
    if (!updated.ok) throw new AppError('unauthenticated');
    return apiJson({ profile: updated.value });
  },
);
