// POST /api/cart/items – add units of a variant { variantId, quantity? } to the shopper's cart. The product page's
// form posts here natively when it is clicked before its JavaScript has run; that post gets the cart page back.
import { addToCart } from '@/lib/cart/add-to-cart';
import { addToCartFormSchema, addToCartSchema } from '@/lib/cart/cart-input';
import { cartDeps, issueCartOwner, limitCartWrite } from '@/lib/server/doors/cart-session';
import { cartPageReply, cartProblemPage, cartReply } from '@/lib/server/doors/replies';
import { route } from '@/lib/server/doors/route';

export const POST = route(
  {
    name: 'api/cart/items',
    audience: 'shopper',
    sameOrigin: true,
    body: addToCartSchema,
    formBody: { schema: addToCartFormSchema, errorPage: cartProblemPage },
    // A first add opens a guest cart: new carts are limited per address (cartSessionsByIp), asked with the write limits.
    rateLimit: ({ owner, ip, deps }) => limitCartWrite(deps.limiter(), owner, ip, { opensCart: true }),
  },
  async ({ owner, body, viaForm }) => {
    const { owner: cartOwner, issue } = await issueCartOwner(owner, { limitedWithWrites: true });
    const result = await addToCart(cartDeps(), cartOwner, body, { newCart: issue !== null });
    return viaForm ? cartPageReply(result, issue) : cartReply(result, issue);
  },
);
