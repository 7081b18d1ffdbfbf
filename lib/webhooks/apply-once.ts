// Exactly-once application of a provider event: the webhook_events row is written in the SAME transaction as the
// event's effects rather than before them. Its unique event_key makes concurrent copies wait for the first;
// if the first commits they are duplicates, if it rolls back one of them processes the event.
//
// A live delivery re-runs only a `failed` event; a `processed` or `ignored` one is a duplicate. An operator's explicit
// replay (`{ replay: true }`) may also re-run an `ignored` one — what made it ignorable (a payment not recorded yet, a
// bug since fixed) may have changed — while a `processed` event stays a duplicate whoever sends it.
import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client';
import { webhookEvents } from '../../db/schema';

export interface ProviderEvent {
  eventKey: string;
  type: string;
  payload: unknown;
  headers?: Record<string, string>;
}

export type Applied<E> = { status: 'processed' | 'ignored'; outcome: string; effects?: E };

export type ApplyOutcome<E> = { kind: 'processed' | 'ignored'; outcome: string; effects?: E } | { kind: 'duplicate' } | { kind: 'failed'; error: string };

export interface ApplyOptions {
  /** An operator's replay: an `ignored` event may be re-run too (a live redelivery of one stays a duplicate). */
  replay?: boolean;
}

/** Which earlier outcomes a new attempt may take over. */
// A `received` row waits in the inbox: a delivery applied here first takes it over (the worker then finds it settled).
const reclaimable = (options: ApplyOptions) =>
  options.replay ? sql`${webhookEvents.status} IN ('received', 'failed', 'ignored')` : sql`${webhookEvents.status} IN ('received', 'failed')`;

export async function applyOnce<E>(
  db: Database,
  event: ProviderEvent,
  apply: (tx: Tx) => Promise<Applied<E>>,
  options: ApplyOptions = {},
): Promise<ApplyOutcome<E>> {
  try {
    return await db.transaction(async (tx) => {
      // New key: insert. Key seen before and failed (or, on a replay, ignored): claim it for another attempt.
      // Anything else: no row back — a duplicate.
      const [claimed] = await tx
        .insert(webhookEvents)
        .values({ eventKey: event.eventKey, type: event.type, payload: event.payload, headers: event.headers ?? {}, status: 'processed' })
        .onConflictDoUpdate({
          target: webhookEvents.eventKey,
          set: { attempts: sql`${webhookEvents.attempts} + 1`, lastAttemptAt: sql`now()`, payload: event.payload },
          setWhere: reclaimable(options),
        })
        .returning({ id: webhookEvents.id });
      if (!claimed) return { kind: 'duplicate' as const };

      const result = await apply(tx);
      await tx
        .update(webhookEvents)
        .set({ status: result.status, outcome: result.outcome, processedAt: sql`now()`, nextAttemptAt: null, sealedBody: null })
        .where(sql`${webhookEvents.id} = ${claimed.id}`);
      return { kind: result.status, outcome: result.outcome, effects: result.effects };
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await recordFailure(db, event, message, options);
    return { kind: 'failed', error: message };
  }
}

/** Outside the rolled-back transaction, so the attempt and its error survive for the operator and the retry. */
async function recordFailure(db: Database, event: ProviderEvent, message: string, options: ApplyOptions): Promise<void> {
  await db
    .insert(webhookEvents)
    .values({
      eventKey: event.eventKey,
      type: event.type,
      payload: event.payload,
      headers: event.headers ?? {},
      status: 'failed',
      outcome: message.slice(0, 2000),
    })
    .onConflictDoUpdate({
      target: webhookEvents.eventKey,
      set: { status: 'failed', attempts: sql`${webhookEvents.attempts} + 1`, lastAttemptAt: sql`now()`, outcome: message.slice(0, 2000) },
      // Never overwrite an event a concurrent delivery has processed in the meantime. A replayed ignored event that
      // failed this time is now failed: the next delivery or replay tries it again.
      setWhere: reclaimable(options),
    });
}
