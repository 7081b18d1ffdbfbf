// An operator's replay of a stored Paystack event: its stored body (card secrets already removed) goes through
// receivePaystackWebhook exactly as a delivery would, and the exactly-once machinery decides — a failed or ignored
// event is applied again, a processed one is a duplicate and nothing changes. No signature is checked (the body was
// verified when it arrived; unsigned bodies are refused before anything is stored), but a stored `charge.success` is
// not taken on its word: Paystack is asked about its reference first (GET /transaction/verify), and unless Paystack
// says that same transaction succeeded for the same amount, currency and mode, nothing is applied and the admin is
// told why — a stored body (a secret key leaked once, a body edited in the database) can never commit money alone.
// Every replay, whatever it did, leaves one audit entry with the admin as actor.
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { webhookEvents } from '../../db/schema';
import { type AuditActor, recordAudit } from '../audit/record-audit';
import { checkChargeWithPaystack } from '../payments/ask-paystack';
import type { CommitContext, CommitEffects } from '../payments/commit-payment';
import type { PaystackClient } from '../payments/paystack/client';
import { readWebhookEvent } from '../payments/paystack/webhook-events';
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
  /** A stored charge.success Paystack does not confirm (not paid, another amount, …): nothing was applied. */
  | { kind: 'not_confirmed'; reason: string }
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

/** For a stored charge.success: Paystack's disagreement with it, or null when Paystack confirms it (or it is no charge). */
async function whyPaystackDisagrees(paystack: PaystackClient, rawBody: string): Promise<{ kind: 'not_confirmed'; reason: string } | null> {
  const read = readWebhookEvent(rawBody);
  if (!read.ok || read.value.kind !== 'charge_succeeded') return null;
  const check = await checkChargeWithPaystack(paystack, read.value.charge);
  return check.agrees ? null : { kind: 'not_confirmed', reason: `Not applied: ${check.reason}` };
}

export async function replayWebhookEvent(
  deps: { db: Database; paystack: PaystackClient },
  input: { eventId: string; actor: AuditActor },
  ctx: Omit<CommitContext, 'actor'>,
): Promise<ReplayResult> {
  const [stored] = await deps.db.select().from(webhookEvents).where(eq(webhookEvents.id, input.eventId));
  if (!stored) return { kind: 'not_found' };
  const rawBody = JSON.stringify(stored.payload);
  const notReplayable = whyNotReplayable(stored.payload);
  // A processed event is a duplicate whatever Paystack says now: nothing to ask before the no-op.
  const refusal = notReplayable
    ? ({ kind: 'not_replayable', reason: notReplayable } as const)
    : stored.status === 'processed'
      ? null
      : await whyPaystackDisagrees(deps.paystack, rawBody);

  const received = refusal
    ? refusal
    : await receivePaystackWebhook(deps, { rawBody, headers: stored.headers }, ctx, {
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
      ...(result.kind === 'not_replayable' || result.kind === 'not_confirmed' ? { reason: result.reason } : {}),
    },
  });
  return result;
}
