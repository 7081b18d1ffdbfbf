// POST /api/cart/items – add units of a variant { variantId, quantity? } to the shopper's cart
import { addToCart } from '@/lib/cart/add-to-cart';
import { addToCartSchema } from '@/lib/cart/cart-input';
import { cartDeps, issueCartOwner } from '@/lib/server/cart-session';
import { cartReply } from '@/lib/server/replies';
import { route } from '@/lib/server/route';

export const POST = route({ name: 'api/cart/items', audience: 'shopper', mutates: true, body: addToCartSchema }, async ({ owner, body }) => {
  const { owner: cartOwner, issue } = issueCartOwner(owner);
  return cartReply(await addToCart(cartDeps(), cartOwner, body), issue);
});
