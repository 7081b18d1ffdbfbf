// The webhook inbox (issue #26). A verified delivery is STORED — one `INSERT … ON CONFLICT` keyed by the event's
// identity, the same `event_key` the exactly-once apply uses — and acknowledged at once; the inbox worker applies it
// afterwards. Applying a stored event takes the row with `FOR UPDATE SKIP LOCKED`, runs the event's effects and marks
// the row in ONE transaction, so an event is applied exactly once however many workers, processes, deliveries and
// replays meet it: a second taker either skips the locked row or, once it is committed, finds it settled.
//
// A failed apply rolls back to a savepoint, and the row records the attempt, the error and when to try again (backoff
// as the outbox relay's); after MAX_INBOX_ATTEMPTS it stays `failed` with no next attempt, for an operator (replay).
// A redelivery of a failed event makes it due at once (Paystack's retries are the safety net); of any other, a duplicate.
import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client';
import { webhookEvents } from '../../db/schema';
import type { CardVault, SealedSecret } from '../cards/card-vault';
import { backoffSeconds } from '../jobs/relay';
import type { CommitContext, CommitEffects } from '../payments/commit-payment';
import { currentRequestId, elapsedMs, isSaneRequestId, log, loggableMessage, REQUEST_ID_HEADER, withLogContext } from '../log';
import { REDACTED } from '../payments/paystack/redact';
import { type PaystackWebhookEvent, readWebhookEvent } from '../payments/paystack/webhook-events';
import { applyPaystackEvent, logWebhookEvent } from './receive-paystack-webhook';

/** Attempts the worker makes before an event stays `failed` for an operator. */
export const MAX_INBOX_ATTEMPTS = 5;

export type AcceptResult =
  /** Stored now, or (a redelivery of a failed event) due again now: the worker applies it. */
  | { kind: 'received' | 'requeued'; id: string }
  /** Seen before and not failed (waiting, applied or ignored): nothing changed. */
  | { kind: 'duplicate' }
  | { kind: 'invalid'; error: string };

/** A charge whose card Paystack marked reusable: its authorization code must survive until the apply (sealed). */
const carriesReusableCard = (event: PaystackWebhookEvent) =>
  event.kind === 'charge_succeeded' && Boolean(event.charge.card?.reusable && event.charge.card.authorizationCode);

/** Stores one verified delivery in the inbox. The route has already checked the signature. */
export async function acceptPaystackWebhook(
  deps: { db: Database; cardVault?: CardVault | null },
  input: { rawBody: string; headers: Record<string, string> },
): Promise<AcceptResult> {
  const startedAt = performance.now();
  const read = readWebhookEvent(input.rawBody);
  if (!read.ok) {
    log().warn({ outcome: 'invalid', error: loggableMessage(read.error), durationMs: elapsedMs(startedAt) }, 'webhook');
    return { kind: 'invalid', error: read.error };
  }
  const event = read.value;
  const sealedBody = deps.cardVault && carriesReusableCard(event) ? deps.cardVault.seal(input.rawBody) : null;
  // The id of the request that stored it: the apply logs under it, and the jobs it queues carry it, as before the inbox.
  const requestId = currentRequestId();
  const headers = requestId ? { ...input.headers, [REQUEST_ID_HEADER]: requestId } : input.headers;
  const rows = await deps.db.execute<{ id: string; inserted: boolean }>(sql`
    INSERT INTO ${webhookEvents} (event_key, type, payload, headers, status, attempts, next_attempt_at, sealed_body)
    VALUES (${event.key}, ${event.type}, ${JSON.stringify(event.payload)}::jsonb, ${JSON.stringify(headers)}::jsonb, 'received', 0, now(),
      ${sealedBody ? JSON.stringify(sealedBody) : null}::jsonb)
    ON CONFLICT (event_key) DO UPDATE SET next_attempt_at = now(), sealed_body = coalesce(${webhookEvents.sealedBody}, excluded.sealed_body)
      WHERE ${webhookEvents.status} = 'failed'
    RETURNING id, (xmax = 0) AS inserted`);
  const [row] = rows;
  const result: AcceptResult = row ? { kind: row.inserted ? 'received' : 'requeued', id: row.id } : { kind: 'duplicate' };
  // One line per delivery (stored, requeued or duplicate); the worker writes the apply's own line under the same id.
  log().info({ eventType: event.type, eventKey: event.key, outcome: result.kind, durationMs: elapsedMs(startedAt) }, 'webhook');
  return result;
}

type StoredRow = {
  id: string;
  event_key: string;
  type: string;
  payload: unknown;
  headers: Record<string, string>;
  sealed_body: SealedSecret | null;
  attempts: number;
};

export interface InboxApplied {
  id: string;
  eventKey: string;
  kind: 'processed' | 'ignored' | 'failed';
  effects?: CommitEffects | undefined;
}

/** What the operator reads: the database's own words, not drizzle's "Failed query: <SQL and its parameters>" wrapper. */
function failureMessage(error: unknown): string {
  const root = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return (root instanceof Error ? root.message : String(root)).slice(0, 2000);
}

/**
 * The event as delivered: the sealed body when one was kept and the vault opens it, else the stored (redacted) payload,
 * whose card is then dropped — a redacted authorization code must never be saved as a card.
 */
function storedEvent(row: StoredRow, vault: CardVault | null | undefined): PaystackWebhookEvent | string {
  const opened = row.sealed_body && vault ? vault.open(row.sealed_body) : null;
  const read = readWebhookEvent(opened ?? JSON.stringify(row.payload));
  if (!read.ok) return read.error;
  const event = read.value;
  if (event.kind === 'charge_succeeded' && event.charge.card?.authorizationCode === REDACTED) {
    return { ...event, charge: { ...event.charge, card: null } };
  }
  return event;
}

/**
 * Applies the oldest due inbox event this worker can take, in one transaction; null when none is due (or all due ones
 * are being applied by other workers). `retryInSeconds` is the wait before the next attempt after a failure.
 */
export async function applyNextInboxEvent(
  deps: { db: Database; cardVault?: CardVault | null },
  ctx: Omit<CommitContext, 'actor'>,
  opts: { maxAttempts?: number; retryInSeconds?: (attempts: number) => number } = {},
): Promise<InboxApplied | null> {
  const maxAttempts = opts.maxAttempts ?? MAX_INBOX_ATTEMPTS;
  const startedAt = performance.now();
  const done = await deps.db.transaction(
    async (tx): Promise<(InboxApplied & { outcome?: string; error?: string; type: string; requestId: string | undefined }) | null> => {
      const [row] = await tx.execute<StoredRow>(sql`
      SELECT id, event_key, type, payload, headers, sealed_body, attempts FROM ${webhookEvents}
      WHERE ${webhookEvents.nextAttemptAt} <= now() AND ${webhookEvents.status} IN ('received', 'failed')
      ORDER BY ${webhookEvents.nextAttemptAt}
      LIMIT 1
      FOR UPDATE SKIP LOCKED`);
      if (!row) return null;
      const base = { id: row.id, eventKey: row.event_key, type: row.type };
      const stamped = row.headers[REQUEST_ID_HEADER];
      const requestId = isSaneRequestId(stamped) ? stamped : undefined;
      try {
        // A savepoint: a failed apply takes back its own writes and nothing else, and the attempt is recorded in the
        // same transaction, still holding the row — no other worker can take it between the failure and its record.
        const applied = await withLogContext({ requestId }, () =>
          tx.transaction(async (inner: Tx) => {
            const event = storedEvent(row, deps.cardVault);
            if (typeof event === 'string') return { status: 'ignored' as const, outcome: `stored body is not a Paystack event: ${event}`, effects: undefined };
            return applyPaystackEvent(inner, event, ctx);
          }),
        );
        await tx.execute(sql`
        UPDATE ${webhookEvents} SET status = ${applied.status}::webhook_event_status, outcome = ${applied.outcome}, attempts = ${webhookEvents.attempts} + 1,
          last_attempt_at = now(), processed_at = now(), next_attempt_at = NULL, sealed_body = NULL
        WHERE id = ${row.id}`);
        return { ...base, requestId, kind: applied.status, outcome: applied.outcome, effects: applied.effects };
      } catch (error) {
        const message = failureMessage(error);
        const attempts = row.attempts + 1;
        const retryIn = attempts >= maxAttempts ? null : (opts.retryInSeconds ?? backoffSeconds)(attempts);
        await tx.execute(sql`
        UPDATE ${webhookEvents} SET status = 'failed', outcome = ${message}, attempts = ${attempts}, last_attempt_at = now(),
          next_attempt_at = ${retryIn === null ? sql`NULL` : sql`now() + make_interval(secs => ${retryIn})`}
        WHERE id = ${row.id}`);
        return { ...base, requestId, kind: 'failed', error: message };
      }
    },
  );
  if (!done) return null;
  const result = done.kind === 'failed' ? ({ kind: 'failed', error: done.error ?? '' } as const) : ({ kind: done.kind, outcome: done.outcome ?? '' } as const);
  withLogContext({ requestId: done.requestId }, () => logWebhookEvent({ eventType: done.type, eventKey: done.eventKey, replay: false, startedAt, result }));
  return { id: done.id, eventKey: done.eventKey, kind: done.kind, effects: done.effects };
}
