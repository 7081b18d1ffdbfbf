// Applies one verified Paystack webhook exactly once. The route handler has already checked the signature; the
// gateway boundary reads the body into a domain event, and this records it and runs its effects in one transaction.
// An operator's replay of a stored event comes through here too, exactly as a delivery would, with `replayOf` naming
// the stored row: its key is the row's own (a body-hash key cannot be derived again from the stored, redacted body),
// and an ignored event may be re-run (lib/webhooks/apply-once.ts).
import type { Database, Tx } from '../../db/client';
import { commitPayment, type CommitContext, type CommitEffects } from '../payments/commit-payment';
import { type PaystackWebhookEvent, readWebhookEvent } from '../payments/paystack/webhook-events';
import { elapsedMs, log, loggableMessage } from '../log';
import { applyRefundEvent } from '../refunds/apply-refund-event';
import { applyDisputeEvent } from '../disputes/apply-dispute-event';
import { applyOnce, type Applied, type ApplyOutcome } from './apply-once';

export type WebhookResult = ApplyOutcome<CommitEffects> | { kind: 'invalid'; error: string };

/**
 * One line per event: its type, its key and what became of it (processed, ignored, duplicate, failed, invalid), never
 * its body. A failure is an error line with its message (the webhook answers 500 and Paystack retries).
 */
export function logWebhookEvent(line: { eventType?: string; eventKey?: string; replay: boolean; startedAt: number; result: WebhookResult }): void {
  const { result } = line;
  const fields = {
    eventType: line.eventType,
    eventKey: line.eventKey,
    outcome: result.kind,
    ...(line.replay ? { replay: true } : {}),
    durationMs: elapsedMs(line.startedAt),
    ...('outcome' in result ? { detail: result.outcome } : {}),
    ...('error' in result ? { error: loggableMessage(result.error) } : {}),
  };
  if (result.kind === 'failed') log().error(fields, 'webhook');
  else if (result.kind === 'invalid') log().warn(fields, 'webhook');
  else log().info(fields, 'webhook');
}

export async function receivePaystackWebhook(
  deps: { db: Database },
  input: { rawBody: string; headers: Record<string, string> },
  ctx: Omit<CommitContext, 'actor'>,
  options: { replayOf?: { eventKey: string } } = {},
): Promise<WebhookResult> {
  const startedAt = performance.now();
  const replay = options.replayOf !== undefined;
  const read = readWebhookEvent(input.rawBody);
  if (!read.ok) {
    const invalid = { kind: 'invalid', error: read.error } as const;
    logWebhookEvent({ replay, startedAt, result: invalid });
    return invalid;
  }
  const event = read.value;
  const eventKey = options.replayOf?.eventKey ?? event.key;

  // Every readable event is recorded, even the ones the shop does not act on, so a redelivery is a duplicate.
  const result = await applyOnce<CommitEffects>(
    deps.db,
    { eventKey, type: event.type, payload: event.payload, headers: input.headers },
    (tx) => applyPaystackEvent(tx, event, ctx),
    { replay },
  );
  logWebhookEvent({ eventType: event.type, eventKey, replay, startedAt, result });
  return result;
}

/**
 * What one Paystack event does, inside the caller's transaction (applyOnce's for a delivery or a replay, the inbox
 * worker's for a stored event): the same effects whichever path brought it.
 */
export async function applyPaystackEvent(tx: Tx, event: PaystackWebhookEvent, ctx: Omit<CommitContext, 'actor'>): Promise<Applied<CommitEffects>> {
  switch (event.kind) {
    case 'charge_succeeded':
      return commitPayment(tx, event.charge, { ...ctx, actor: { type: 'webhook', id: 'paystack' } });
    case 'charge_unusable':
      return { status: 'ignored', outcome: event.reason };
    case 'refund':
      return applyRefundEvent(tx, event.refund, { type: 'webhook', id: 'paystack' });
    case 'refund_unusable':
      return { status: 'ignored', outcome: event.reason };
    case 'dispute':
      return applyDisputeEvent(tx, event.dispute, { type: 'webhook', id: 'paystack' });
    case 'dispute_unusable':
      return { status: 'ignored', outcome: event.reason };
    case 'other':
      return { status: 'ignored', outcome: `unhandled event type ${event.type}` };
  }
}
