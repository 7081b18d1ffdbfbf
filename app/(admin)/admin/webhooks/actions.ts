'use server';
// Replay of a stored Paystack event, through the admin door (role re-read from the database before the input is
// parsed): the stored body goes through the webhook's own use case exactly as a delivery would (no signature; a stored
// charge.success is first checked with Paystack, and applied only if Paystack confirms it) and the exactly-once
// machinery decides (a failed or ignored event is applied again, a processed one is a duplicate and nothing changes).
// Then the same after-commit effects as the webhook route.
import { replayWebhookInputSchema } from '@/lib/admin/webhook-list-query';
import { paystackMode } from '@/lib/core/env';
import { paystackClient } from '@/lib/payments/paystack';
import { AppError } from '@/lib/errors';
import { adminAction } from '@/lib/server/doors/actions';
import { afterPaymentCommitted } from '@/lib/server/deps/payment-effects';
import { replayWebhookEvent } from '@/lib/webhooks/replay-webhook-event';

export type ReplayActionData = {
  result: 'processed' | 'ignored' | 'duplicate' | 'failed' | 'not_replayable' | 'not_confirmed';
  /** What happened, in words for the admin. */
  message: string;
};

export const replayWebhookEventAction = adminAction.inputSchema(replayWebhookInputSchema).action(async ({ parsedInput, ctx }): Promise<ReplayActionData> => {
  const replayed = await replayWebhookEvent(
    { db: ctx.deps.db, paystack: paystackClient() },
    { eventId: parsedInput.eventId, actor: { type: 'admin', id: ctx.admin.id } },
    { expectedDomain: paystackMode() },
  );
  switch (replayed.kind) {
    case 'not_found':
      throw new AppError('not_found', 'That event does not exist.');
    case 'processed':
      if (replayed.effects) await afterPaymentCommitted(replayed.effects);
      return { result: 'processed', message: `Applied now: ${replayed.outcome}.` };
    case 'ignored':
      return { result: 'ignored', message: `Processed and ignored again: ${replayed.outcome}.` };
    case 'duplicate':
      return { result: 'duplicate', message: 'Already applied — nothing changed.' };
    case 'failed':
      return { result: 'failed', message: `Failed again: ${replayed.error}. The event stays failed; fix the cause and replay it.` };
    case 'not_replayable':
      return { result: 'not_replayable', message: replayed.reason };
    case 'not_confirmed':
      return { result: 'not_confirmed', message: `${replayed.reason} The event stays as it was.` };
  }
});
