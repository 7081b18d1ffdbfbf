// POST /api/cart/items – add units of a variant { variantId, quantity? } to the shopper's cart
import { addToCart } from '@/lib/cart/add-to-cart';
import { addToCartSchema } from '@/lib/cart/cart-input';
import { cartDeps, issueCartOwner, limitCartWrite } from '@/lib/server/doors/cart-session';
import { cartReply } from '@/lib/server/doors/replies';
import { route } from '@/lib/server/doors/route';

export const POST = route(
  {
    name: 'api/cart/items',
    audience: 'shopper',
    sameOrigin: true,
    body: addToCartSchema,
    // A first add opens a guest cart: new carts are limited per address (cartSessionsByIp), asked with the write limits.
    rateLimit: ({ owner, ip, deps }) => limitCartWrite(deps.limiter(), owner, ip, { opensCart: true }),
  },
  async ({ owner, body }) => {
    const { owner: cartOwner, issue } = await issueCartOwner(owner, { limitedWithWrites: true });
    return cartReply(await addToCart(cartDeps(), cartOwner, body, { newCart: issue !== null }), issue);
  },
);
