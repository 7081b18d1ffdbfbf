// Applies one verified Paystack webhook exactly once. The route handler has already checked the signature; the
// gateway boundary reads the body into a domain event, and this records it and runs its effects in one transaction.
// An operator's replay of a stored event comes through here too, exactly as a delivery would, with `replayOf` naming
// the stored row: its key is the row's own (a body-hash key cannot be derived again from the stored, redacted body),
// and an ignored event may be re-run (lib/webhooks/apply-once.ts).
import type { Database } from '../../db/client';
import { commitPayment, type CommitContext, type CommitEffects } from '../payments/commit-payment';
import { readWebhookEvent } from '../payments/paystack/webhook-events';
import { applyRefundEvent } from '../refunds/apply-refund-event';
import { applyOnce, type Applied, type ApplyOutcome } from './apply-once';

export type WebhookResult = ApplyOutcome<CommitEffects> | { kind: 'invalid'; error: string };

export async function receivePaystackWebhook(
  deps: { db: Database },
  input: { rawBody: string; headers: Record<string, string> },
  ctx: Omit<CommitContext, 'actor'>,
  options: { replayOf?: { eventKey: string } } = {},
): Promise<WebhookResult> {
  const read = readWebhookEvent(input.rawBody);
  if (!read.ok) return { kind: 'invalid', error: read.error };
  const event = read.value;

  // Every readable event is recorded, even the ones the shop does not act on, so a redelivery is a duplicate.
  return applyOnce<CommitEffects>(
    deps.db,
    { eventKey: options.replayOf?.eventKey ?? event.key, type: event.type, payload: event.payload, headers: input.headers },
    async (tx): Promise<Applied<CommitEffects>> => {
      switch (event.kind) {
        case 'charge_succeeded':
          return commitPayment(tx, event.charge, { ...ctx, actor: { type: 'webhook', id: 'paystack' } });
        case 'charge_unusable':
          return { status: 'ignored', outcome: event.reason };
        case 'refund':
          return applyRefundEvent(tx, event.refund, { type: 'webhook', id: 'paystack' });
        case 'refund_unusable':
          return { status: 'ignored', outcome: event.reason };
        case 'other':
          return { status: 'ignored', outcome: `unhandled event type ${event.type}` };
      }
    },
    { replay: options.replayOf !== undefined },
  );
}
