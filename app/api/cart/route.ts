// GET /api/cart – the shopper's cart; DELETE /api/cart – empty it
import { clearCart } from '@/lib/cart/change-cart-line';
import { getCart } from '@/lib/cart/get-cart';
import { cartDeps, limitCartWrite } from '@/lib/server/doors/cart-session';
import { cartReply } from '@/lib/server/doors/replies';
import { route } from '@/lib/server/doors/route';

export const GET = route({ name: 'api/cart', audience: 'shopper', sameOrigin: false }, async ({ owner }) => cartReply(await getCart(cartDeps(), owner)));

export const DELETE = route(
  { name: 'api/cart', audience: 'shopper', sameOrigin: true, rateLimit: ({ owner, ip, deps }) => limitCartWrite(deps.limiter(), owner, ip) },
  async ({ owner }) => cartReply(await clearCart(cartDeps(), owner)),
);
