// PATCH /api/cart/items/:variantId – set a line's quantity { quantity }; DELETE – remove the line
import { cartLineSchema, updateCartLineSchema } from '@/lib/cart/cart-input';
import { removeCartLine, updateCartLine } from '@/lib/cart/change-cart-line';
import type { CartOwner } from '@/lib/cart/types';
import { cartDeps, limitCartWrite } from '@/lib/server/doors/cart-session';
import type { DoorDeps } from '@/lib/server/deps/door-deps';
import { cartReply } from '@/lib/server/doors/replies';
import { route } from '@/lib/server/doors/route';

const line = {
  name: 'api/cart/items/:variantId',
  audience: 'shopper',
  sameOrigin: true,
  params: cartLineSchema,
  rateLimit: ({ owner, ip, deps }: { owner: CartOwner | null; ip: string; deps: DoorDeps }) => limitCartWrite(deps.limiter(), owner, ip),
} as const;

export const PATCH = route({ ...line, body: updateCartLineSchema.omit({ variantId: true }) }, async ({ owner, params, body }) =>
  cartReply(await updateCartLine(cartDeps(), owner, { ...body, variantId: params.variantId })),
);

export const DELETE = route(line, async ({ owner, params }) => cartReply(await removeCartLine(cartDeps(), owner, params)));
