// An operator's replay of a stored Paystack event: its stored body (card secrets already removed) goes through
// receivePaystackWebhook exactly as a delivery would, and the exactly-once machinery decides — a failed or ignored
// event is applied again, a processed one is a duplicate and nothing changes. No signature is checked: the body was
// verified when it arrived (unsigned bodies are refused before anything is stored) and the admin is the authority.
// Every replay, whatever it did, leaves one audit entry with the admin as actor.
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { webhookEvents } from '../../db/schema';
import { type AuditActor, recordAudit } from '../audit/record-audit';
import type { CommitContext, CommitEffects } from '../payments/commit-payment';
import { receivePaystackWebhook } from './receive-paystack-webhook';

export type ReplayResult =
  /** Applied now: `processed` (its effects happened) or `ignored` again (with the reason). */
  | { kind: 'processed' | 'ignored'; outcome: string; effects?: CommitEffects }
  /** The event had already been applied: nothing changed. */
  | { kind: 'duplicate' }
  /** Processing failed again; the event stays failed with this error. */
  | { kind: 'failed'; error: string }
  /** Nothing a delivery could carry: the body was pruned, or the row was written by a Paystack verification. */
  | { kind: 'not_replayable'; reason: string }
  | { kind: 'not_found' };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why a stored body cannot go through the webhook path, or null when it can. */
export function whyNotReplayable(payload: unknown): string | null {
  if (isRecord(payload) && payload.pruned === true) return 'Its body was removed after the retention period, so there is nothing to replay.';
  if (isRecord(payload) && typeof payload.source === 'string' && !('event' in payload)) {
    return `It was recorded by a Paystack verification (${payload.source}), not by a delivery: use "Verify with Paystack" on the payment instead.`;
  }
  return null;
}

export async function replayWebhookEvent(
  deps: { db: Database },
  input: { eventId: string; actor: AuditActor },
  ctx: Omit<CommitContext, 'actor'>,
): Promise<ReplayResult> {
  const [stored] = await deps.db.select().from(webhookEvents).where(eq(webhookEvents.id, input.eventId));
  if (!stored) return { kind: 'not_found' };
  const refusal = whyNotReplayable(stored.payload);

  const received = refusal
    ? ({ kind: 'not_replayable', reason: refusal } as const)
    : await receivePaystackWebhook(deps, { rawBody: JSON.stringify(stored.payload), headers: stored.headers }, ctx, {
        replayOf: { eventKey: stored.eventKey },
      });
  const result: ReplayResult =
    received.kind === 'invalid' ? { kind: 'not_replayable', reason: `The stored body is not a Paystack event: ${received.error}.` } : received;

  const [after] = await deps.db
    .select({ status: webhookEvents.status, attempts: webhookEvents.attempts, outcome: webhookEvents.outcome })
    .from(webhookEvents)
    .where(eq(webhookEvents.id, stored.id));
  await recordAudit(deps.db, {
    actor: input.actor,
    action: 'webhook_event.replayed',
    entityType: 'webhook_event',
    entityId: stored.id,
    before: { status: stored.status, attempts: stored.attempts, outcome: stored.outcome },
    after: after ?? null,
    metadata: {
      eventKey: stored.eventKey,
      type: stored.type,
      result: result.kind,
      ...(result.kind === 'failed' ? { error: result.error.slice(0, 500) } : {}),
      ...(result.kind === 'not_replayable' ? { reason: result.reason } : {}),
    },
  });
  return result;
}
