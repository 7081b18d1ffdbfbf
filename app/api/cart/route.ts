// GET /api/cart – the shopper's cart; DELETE /api/cart – empty it
import { clearCart } from '@/lib/cart/change-cart-line';
import { getCart } from '@/lib/cart/get-cart';
import { cartDeps, getCartOwner } from '@/lib/server/cart-session';
import { cartReply, guarded, refuseCrossSite } from './cart-route-kit';

export function GET(request: Request) {
  return guarded(async () => cartReply(await getCart(cartDeps(), await getCartOwner(request))));
}

export function DELETE(request: Request) {
  return guarded(async () => refuseCrossSite(request) ?? cartReply(await clearCart(cartDeps(), await getCartOwner(request))));
}
