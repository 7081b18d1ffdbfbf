'use server';
// The cart's server actions: the UI's way to change the cart. Next checks their Origin itself (CSRF); each parses its
// input with zod (an action is a public endpoint), resolves the owner from the session and calls one use case —
// the same ones the Store API route handlers call.
import type { z } from 'zod';
import { addToCart } from '@/lib/cart/add-to-cart';
import { addToCartSchema, cartLineSchema, describeInputError, updateCartLineSchema } from '@/lib/cart/cart-input';
import { toCartActionResult } from '@/lib/cart/cart-messages';
import { clearCart, removeCartLine, updateCartLine } from '@/lib/cart/change-cart-line';
import type { CartActionResult } from '@/lib/cart/types';
import { cartDeps, getCartOwner, getOrIssueCartOwner, setCartSessionCookie } from '@/lib/server/cart-session';

function parse<T>(schema: z.ZodType<T>, input: unknown): { data: T } | { invalid: CartActionResult } {
  const parsed = schema.safeParse(input);
  return parsed.success ? { data: parsed.data } : { invalid: { ok: false, code: 'invalid_input', message: describeInputError(parsed.error) } };
}

export async function addToCartAction(input: { variantId: string; quantity: number }): Promise<CartActionResult> {
  const parsed = parse(addToCartSchema, input);
  if ('invalid' in parsed) return parsed.invalid;
  const { owner, issue } = await getOrIssueCartOwner();
  const result = await addToCart(cartDeps(), owner, parsed.data);
  if (result.ok && issue) await setCartSessionCookie(issue);
  return toCartActionResult(result);
}

export async function updateCartLineAction(input: { variantId: string; quantity: number }): Promise<CartActionResult> {
  const parsed = parse(updateCartLineSchema, input);
  if ('invalid' in parsed) return parsed.invalid;
  return toCartActionResult(await updateCartLine(cartDeps(), await getCartOwner(), parsed.data));
}

export async function removeCartLineAction(input: { variantId: string }): Promise<CartActionResult> {
  const parsed = parse(cartLineSchema, input);
  if ('invalid' in parsed) return parsed.invalid;
  return toCartActionResult(await removeCartLine(cartDeps(), await getCartOwner(), parsed.data));
}

export async function clearCartAction(): Promise<CartActionResult> {
  return toCartActionResult(await clearCart(cartDeps(), await getCartOwner()));
}
