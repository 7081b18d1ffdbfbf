// POST /api/cart/items – add units of a variant { variantId, quantity? } to the shopper's cart
import { addToCart } from '@/lib/cart/add-to-cart';
import { addToCartSchema } from '@/lib/cart/cart-input';
import { cartDeps, getOrIssueCartOwner } from '@/lib/server/cart-session';
import { cartReply, guarded, parseBody, refuseCrossSite } from '../cart-route-kit';

export function POST(request: Request) {
  return guarded(async () => {
    const refused = refuseCrossSite(request);
    if (refused) return refused;
    const input = await parseBody(request, addToCartSchema);
    if ('reply' in input) return input.reply;
    const { owner, issue } = await getOrIssueCartOwner(request);
    return cartReply(await addToCart(cartDeps(), owner, input.data), issue);
  });
}
