'use server';
// "Put these items back in my cart", from the recovery email's restore page, through the shopper door: the cart is
// this browser's (signed-in user's, or the guest cookie's — issued here for a first visit). The link's signature and
// single use are checked by the use case, so no attempt limit is needed; a new guest cart it opens is still limited
// per address like any other (cartSessionsByIp).
import { redirect } from 'next/navigation';
import { zfd } from 'zod-form-data';
import { env } from '@/lib/core/env';
import { type RestoreRefusal, restoreCheckout } from '@/lib/recovery/restore-checkout';
import { describeRestoreNotice, describeRestoreRefusal } from '@/lib/recovery/restore-messages';
import { formText, shopperAction } from '@/lib/server/doors/actions';
import { issueCartOwner, setCartSessionCookie } from '@/lib/server/doors/cart-session';

export type RestoreCartState =
  | { status: 'idle' }
  /** Some lines came back short or not at all: the shopper reads why before going to the cart. */
  | { status: 'restored'; orderNumber: string; restored: number; messages: string[] }
  | { status: 'refused'; code: RestoreRefusal | 'cart_unavailable'; message: string };

const restoreForm = zfd.formData({ token: formText(200) });

export const restoreCartAction = shopperAction.inputSchema(restoreForm).stateAction<RestoreCartState>(async ({ parsedInput, ctx }) => {
  const { token } = parsedInput;
  if (!token) return { status: 'refused', code: 'invalid', message: describeRestoreRefusal('invalid') };
  const { owner, issue } = await issueCartOwner(ctx.owner, { limiter: ctx.deps.limiter(), ip: ctx.ip });
  const result = await restoreCheckout({ db: ctx.deps.db, redis: ctx.deps.redis(), secret: env().NEXTAUTH_SECRET }, owner, token);
  if (!result.ok) return { status: 'refused', code: result.error, message: describeRestoreRefusal(result.error) };
  if (issue && result.value.restored > 0) await setCartSessionCookie(issue);
  // Everything came back as it was: straight to the cart. Otherwise the shopper first reads what changed.
  if (result.value.notices.length === 0) redirect('/cart');
  return {
    status: 'restored',
    orderNumber: result.value.orderNumber,
    restored: result.value.restored,
    messages: result.value.notices.map(describeRestoreNotice),
  };
});
