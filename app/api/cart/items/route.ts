// POST /api/cart/items – add units of a variant { variantId, quantity? } to the shopper's cart
import { addToCart } from '@/lib/cart/add-to-cart';
import { addToCartSchema } from '@/lib/cart/cart-input';
import { cartDeps, issueCartOwner, limitCartWrite } from '@/lib/server/cart-session';
import { cartReply } from '@/lib/server/replies';
import { route } from '@/lib/server/route';

export const POST = route(
  {
    name: 'api/cart/items',
    audience: 'shopper',
    mutates: true,
    body: addToCartSchema,
    rateLimit: ({ owner, ip, deps }) => limitCartWrite(deps.limiter(), owner, ip),
  },
  async ({ owner, body, ip, deps }) => {
    // A first add opens a guest cart: new carts are limited per address (cartSessionsByIp).
    const { owner: cartOwner, issue } = await issueCartOwner(owner, { limiter: deps.limiter(), ip });
    return cartReply(await addToCart(cartDeps(), cartOwner, body), issue);
  },
);
