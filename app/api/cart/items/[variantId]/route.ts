// PATCH /api/cart/items/:variantId – set a line's quantity { quantity }; DELETE – remove the line
import { cartLineSchema, updateCartLineSchema } from '@/lib/cart/cart-input';
import { removeCartLine, updateCartLine } from '@/lib/cart/change-cart-line';
import { cartDeps, getCartOwner } from '@/lib/server/cart-session';
import { cartReply, guarded, parseBody, parseInput, refuseCrossSite } from '../../cart-route-kit';

type Context = { params: Promise<{ variantId: string }> };

export function PATCH(request: Request, { params }: Context) {
  return guarded(async () => {
    const refused = refuseCrossSite(request);
    if (refused) return refused;
    const body = await parseBody(request, updateCartLineSchema.omit({ variantId: true }));
    if ('reply' in body) return body.reply;
    const input = parseInput({ ...body.data, variantId: (await params).variantId }, updateCartLineSchema);
    if ('reply' in input) return input.reply;
    return cartReply(await updateCartLine(cartDeps(), await getCartOwner(request), input.data));
  });
}

export function DELETE(request: Request, { params }: Context) {
  return guarded(async () => {
    const refused = refuseCrossSite(request);
    if (refused) return refused;
    const input = parseInput({ variantId: (await params).variantId }, cartLineSchema);
    if ('reply' in input) return input.reply;
    return cartReply(await removeCartLine(cartDeps(), await getCartOwner(request), input.data));
  });
}
