'use server';
// The cart's server actions: the UI's way to change the cart, through the shopper door (owner from the session or
// the cart cookie, zod input). Each calls the same use case as the Store API route handlers.
import { addToCart } from '@/lib/cart/add-to-cart';
import { addToCartSchema, cartLineSchema, updateCartLineSchema } from '@/lib/cart/cart-input';
import { toCartActionResult } from '@/lib/cart/cart-messages';
import { clearCart, removeCartLine, updateCartLine } from '@/lib/cart/change-cart-line';
import { type ActionLimitContext, shopperAction } from '@/lib/server/doors/actions';
import { cartDeps, issueCartOwner, limitCartWrite, setCartSessionCookie } from '@/lib/server/doors/cart-session';

// Every change is rate-limited per cart and per address, and a first add opens a guest cart (limited per address):
// declared as each action's metadata, checked by the shopper door before the input is parsed.
const cartWrites = { rateLimit: ({ deps, owner, ip }: ActionLimitContext) => limitCartWrite(deps.limiter(), owner ?? null, ip) };
const cartOpeningWrites = { rateLimit: ({ deps, owner, ip }: ActionLimitContext) => limitCartWrite(deps.limiter(), owner ?? null, ip, { opensCart: true }) };

export const addToCartAction = shopperAction
  .metadata(cartOpeningWrites)
  .inputSchema(addToCartSchema)
  .action(async ({ parsedInput, ctx }) => {
    const { owner, issue } = await issueCartOwner(ctx.owner, { limitedWithWrites: true });
    const result = await addToCart(cartDeps(), owner, parsedInput, { newCart: issue !== null });
    if (result.ok && issue) await setCartSessionCookie(issue);
    return toCartActionResult(result);
  });

export const updateCartLineAction = shopperAction
  .metadata(cartWrites)
  .inputSchema(updateCartLineSchema)
  .action(async ({ parsedInput, ctx }) => {
    return toCartActionResult(await updateCartLine(cartDeps(), ctx.owner, parsedInput));
  });

export const removeCartLineAction = shopperAction
  .metadata(cartWrites)
  .inputSchema(cartLineSchema)
  .action(async ({ parsedInput, ctx }) => {
    return toCartActionResult(await removeCartLine(cartDeps(), ctx.owner, parsedInput));
  });

export const clearCartAction = shopperAction.metadata(cartWrites).action(async ({ ctx }) => {
  return toCartActionResult(await clearCart(cartDeps(), ctx.owner));
});
