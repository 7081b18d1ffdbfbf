'use server';
// Account → Payment methods: remove a saved card, through the user door (signed-in shoppers only, their own cards only).
import { revalidatePath } from 'next/cache';
import { zfd } from 'zod-form-data';
import { removeSavedCard } from '@/lib/cards/saved-cards';
import { errorMessage } from '@/lib/errors';
import { formText, userAction } from '@/lib/server/doors/actions';

export type RemoveCardState = { status: 'idle' } | { status: 'removed' } | { status: 'refused'; message: string };

const removeCardForm = zfd.formData({ cardId: formText(64) });

export const removeCardAction = userAction.inputSchema(removeCardForm).stateAction<RemoveCardState>(async ({ parsedInput, ctx }) => {
  const decision = await ctx.deps.limiter().limit('savedCardsByUser', ctx.user.id);
  if (!decision.allowed) return { status: 'refused', message: errorMessage('rate_limited') };
  const uuid = /^[0-9a-f-]{36}$/i.test(parsedInput.cardId);
  const removed = uuid ? await removeSavedCard(ctx.deps.db, ctx.user.id, parsedInput.cardId) : null;
  if (!removed?.ok) return { status: 'refused', message: errorMessage('card_not_found') };
  revalidatePath('/account/payment-methods');
  return { status: 'removed' };
});
