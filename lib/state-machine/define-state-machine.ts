// One way to write a status column: a table of allowed moves and a guarded UPDATE whose WHERE names the allowed
// source states, so reading the status and writing it are the same statement (safe under concurrency) and an illegal
// move never overwrites. The audit entries of a move ride in the SAME statement (a data-modifying CTE inserts them
// for the rows that actually moved), so auditing a move costs no extra round trip — the payment commit and checkout
// are benchmarked — and a batch writes all its entries in one multi-row insert.
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { auditActorType, auditLogs } from '../../db/schema';
import type { AuditActor, AuditEntry } from '../audit/record-audit';

/** A move the table does not allow: a bug or a race the caller did not expect, never a silent overwrite. */
export class IllegalTransition extends Error {
  override name = 'IllegalTransition';
  constructor(
    readonly entity: string,
    readonly id: string,
    readonly from: string,
    readonly to: string,
  ) {
    super(`${entity[0]?.toUpperCase()}${entity.slice(1)} ${id} cannot move from ${from} to ${to}`);
  }
}

type StatusTable = PgTable & { id: AnyPgColumn; status: AnyPgColumn };

export interface MoveAudit {
  actor: AuditActor;
  /** Defaults to `<entity>.<to>`. */
  action?: string;
  before?: unknown;
  /** Defaults to `{ status: <to> }`. */
  after?: unknown;
  metadata?: Record<string, unknown>;
}

export interface MoveOptions<T extends StatusTable, S extends string> {
  /** Columns written in the same UPDATE (gateway id, failure reason, …). */
  extra?: Omit<PgUpdateSetSource<T>, 'status'>;
  /** Narrows the sources the table allows, e.g. to close only an intent that never got past its first state. */
  onlyFrom?: readonly S[];
  /** Recorded only when the row actually moved; no audit, no entry. */
  audit?: MoveAudit;
}

/** One row of a batch move, with its own audit entry (a batch's entries differ by their `before`). */
export interface BatchMove {
  id: string;
  audit?: MoveAudit;
}

export interface StateMachineSpec<S extends string> {
  /** The audit trail's entity type, also the default action prefix (`order.paid`). */
  entity: AuditEntry['entityType'];
  transitions: Record<S, readonly S[]>;
}

export interface StateMachine<T extends StatusTable, S extends string> {
  readonly statuses: readonly S[];
  can(from: S, to: S): boolean;
  /** Every status the table lets move to `to` (narrowed by `onlyFrom`). */
  sourcesOf(to: S, onlyFrom?: readonly S[]): S[];
  /** Moves the row if its status allows; false (nothing written) when it does not — duplicates, late events. */
  tryMove(db: DbOrTx, id: string, to: S, options?: MoveOptions<T, S>): Promise<boolean>;
  /** Like tryMove for moves that must happen: an illegal one throws IllegalTransition naming the entity. */
  move(db: DbOrTx, id: string, to: S, options?: MoveOptions<T, S>): Promise<void>;
  /**
   * For a caller that already holds the row lock and read its status (the payment commit): checked against the table
   * without reading the row again, written with `WHERE status = <what the caller read>`.
   */
  moveLocked(db: DbOrTx, row: { id: string; status: S }, to: S, options?: Omit<MoveOptions<T, S>, 'onlyFrom'>): Promise<void>;
  /** Many rows in one statement; returns the ids that moved. `options.audit` applies to every row without its own. */
  moveMany(db: DbOrTx, rows: readonly (string | BatchMove)[], to: S, options?: MoveOptions<T, S>): Promise<string[]>;
  /** Every row matching `where` whose status allows the move, in one statement (e.g. an order's open intents). */
  moveWhere(db: DbOrTx, where: SQL, to: S, options?: MoveOptions<T, S>): Promise<string[]>;
}

export function defineStateMachine<T extends StatusTable, S extends string>(table: T, spec: StateMachineSpec<S>): StateMachine<T, S> {
  const statuses = Object.keys(spec.transitions) as S[];
  const can = (from: S, to: S) => spec.transitions[from]?.includes(to) ?? false;
  const sourcesOf = (to: S, onlyFrom?: readonly S[]) => statuses.filter((from) => can(from, to) && (!onlyFrom || onlyFrom.includes(from)));

  /** The guarded UPDATE (plus its audit entries, same statement); the ids that moved. */
  async function write(
    db: DbOrTx,
    where: SQL | undefined,
    to: S,
    sources: readonly S[],
    options: MoveOptions<T, S>,
    audits: Array<{ id?: string; audit?: MoveAudit }>,
  ): Promise<string[]> {
    if (sources.length === 0) return [];
    const update = db
      .update(table)
      .set({ ...options.extra, status: to } as PgUpdateSetSource<T>)
      .where(and(where, inArray(table.status, [...sources])))
      .returning({ id: table.id });
    const entries = audits.flatMap(({ id, audit }) => {
      const entry = audit ?? options.audit;
      if (!entry) return [];
      return [
        {
          entity_id: id ?? null,
          actor_type: entry.actor.type,
          actor_id: entry.actor.id ?? null,
          action: entry.action ?? `${spec.entity}.${to}`,
          before: entry.before ?? null,
          after: entry.after ?? { status: to },
          metadata: entry.metadata ?? null,
        },
      ];
    });
    if (entries.length === 0) return (await update).map((row) => String(row.id));
    // An entry with no entity_id stands for every moved row (moveWhere); the others for their own row. Without such an
    // entry the join is a plain equality, which PostgreSQL hashes: with the OR it compared every moved row with every
    // entry (a 500-hold release batch: 250,000 comparisons, half a second).
    const matches = entries.some((entry) => entry.entity_id === null)
      ? sql`a.entity_id IS NULL OR lower(a.entity_id) = lower(moved.id::text)`
      : sql`lower(a.entity_id) = lower(moved.id::text)`;
    const rows = await db.execute<{ id: string }>(sql`
      WITH moved AS ${update},
      audit AS (
        INSERT INTO ${auditLogs} (actor_type, actor_id, action, entity_type, entity_id, before, after, metadata)
        SELECT a.actor_type::${sql.identifier(auditActorType.enumName)}, a.actor_id, a.action, ${spec.entity}, moved.id::text, a.before, a.after, a.metadata
        FROM moved JOIN jsonb_to_recordset(${JSON.stringify(entries)}::jsonb)
          AS a(entity_id text, actor_type text, actor_id text, action text, before jsonb, after jsonb, metadata jsonb)
          ON ${matches}
      )
      SELECT id FROM moved`);
    return [...rows].map((row) => String(row.id));
  }

  async function moveMany(db: DbOrTx, rows: readonly (string | BatchMove)[], to: S, options: MoveOptions<T, S> = {}): Promise<string[]> {
    const moves = rows.map((row) => (typeof row === 'string' ? { id: row } : row));
    if (moves.length === 0) return [];
    return write(
      db,
      inArray(
        table.id,
        moves.map((move) => move.id),
      ),
      to,
      sourcesOf(to, options.onlyFrom),
      options,
      moves,
    );
  }

  async function tryMove(db: DbOrTx, id: string, to: S, options: MoveOptions<T, S> = {}): Promise<boolean> {
    return (await moveMany(db, [id], to, options)).length > 0;
  }

  return {
    statuses,
    can,
    sourcesOf,
    tryMove,
    moveMany,
    async move(db, id, to, options = {}) {
      if (await tryMove(db, id, to, options)) return;
      const [current] = await db
        .select({ status: table.status })
        .from(table as PgTable)
        .where(eq(table.id, id));
      throw new IllegalTransition(spec.entity, id, (current?.status as S | undefined) ?? 'unknown', to);
    },
    async moveLocked(db, row, to, options = {}) {
      if (!can(row.status, to)) throw new IllegalTransition(spec.entity, row.id, row.status, to);
      const moved = await write(db, eq(table.id, row.id), to, [row.status], options, [{ id: row.id }]);
      // The caller's lock makes this impossible; if it happens, the caller's read was not what the row holds.
      if (moved.length === 0) throw new IllegalTransition(spec.entity, row.id, row.status, to);
    },
    async moveWhere(db, where, to, options = {}) {
      return write(db, where, to, sourcesOf(to, options.onlyFrom), options, [{}]);
    },
  };
}
