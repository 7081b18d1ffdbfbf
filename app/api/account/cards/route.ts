// GET /api/account/cards – the signed-in shopper's saved cards (brand, last 4, expiry, bank; never the authorization)
import { listSavedCards } from '@/lib/cards/saved-cards';
import { apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const GET = route(
  {
    name: 'api/account/cards',
    audience: 'user',
    sameOrigin: false,
    rateLimit: ({ user, deps }) => deps.limiter().limit('savedCardsByUser', user.id),
  },
  async ({ user, deps }) => {
    const cards = await listSavedCards(deps.db, user.id);
    return apiJson({ cards: cards.map(({ id, brand, last4, expMonth, expYear, bank, expired }) => ({ id, brand, last4, expMonth, expYear, bank, expired })) });
  },
);
