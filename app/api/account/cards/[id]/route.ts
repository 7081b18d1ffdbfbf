// DELETE /api/account/cards/:id – remove one of the signed-in shopper's saved cards (the row and its sealed secret)
import { z } from 'zod';
import { removeSavedCard } from '@/lib/cards/saved-cards';
import { apiError, apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const DELETE = route(
  {
    name: 'api/account/cards/:id',
    audience: 'user',
    sameOrigin: true,
    // Anything but a uuid is nobody's card: the same 404 as another account's card.
    params: z.object({ id: z.string() }),
    rateLimit: ({ user, deps }) => deps.limiter().limit('savedCardsByUser', user.id),
  },
  async ({ user, params, deps }) => {
    if (!z.uuid().safeParse(params.id).success) return apiError('card_not_found');
    const removed = await removeSavedCard(deps.db, user.id, params.id);
    return removed.ok ? apiJson({ removed: removed.value.id }) : apiError(removed.error.code);
  },
);
