// The shared state machine's SQL against the real Postgres, on a table of its own (made and dropped here): a guarded
// move writes only from an allowed source, its audit entry lands in the same statement only when the row moved, a
// must-move throws its typed error and writes nothing, and a batch moves many rows with one audit row each.
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLogs } from '@/db/schema';
import { defineStateMachine, IllegalTransition } from '@/lib/state-machine/define-state-machine';
import { testDatabase } from '../support/db';

const { db, sql: client } = testDatabase(2);
type Light = 'green' | 'amber' | 'red';
const tableName = `state_machine_lights_${randomUUID().slice(0, 8)}`;
const lights = pgTable(tableName, {
  id: uuid('id').primaryKey().defaultRandom(),
  status: text('status').$type<Light>().notNull(),
  note: text('note'),
});

const machine = defineStateMachine(lights, {
  entity: 'order',
  transitions: { green: ['amber'], amber: ['red'], red: ['green', 'amber'] },
});
const actor = { type: 'job', id: 'state-machine-test' } as const;

beforeAll(async () => {
  await db.execute(sql.raw(`CREATE TABLE "${tableName}" (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), status text NOT NULL, note text)`));
});
afterAll(async () => {
  await db.execute(sql.raw(`DROP TABLE IF EXISTS "${tableName}"`));
  await client.end();
});

async function light(status: Light): Promise<string> {
  const [row] = await db.insert(lights).values({ status }).returning({ id: lights.id });
  return row!.id;
}
const statusOf = async (id: string) => (await db.select().from(lights).where(eq(lights.id, id)))[0];
const auditOf = (ids: string[]) =>
  db
    .select({ entityId: auditLogs.entityId, action: auditLogs.action, before: auditLogs.before, after: auditLogs.after, actorId: auditLogs.actorId })
    .from(auditLogs)
    .where(and(eq(auditLogs.entityType, 'order'), inArray(auditLogs.entityId, ids)));

describe('a guarded move', () => {
  it('moves from an allowed source with its extra columns and its audit entry', async () => {
    const id = await light('green');
    expect(await machine.tryMove(db, id, 'amber', { extra: { note: 'slowing' }, audit: { actor, before: { status: 'green' } } })).toBe(true);
    expect(await statusOf(id)).toMatchObject({ status: 'amber', note: 'slowing' });
    expect(await auditOf([id])).toEqual([
      { entityId: id, action: 'order.amber', before: { status: 'green' }, after: { status: 'amber' }, actorId: 'state-machine-test' },
    ]);
  });

  it('refuses a move its table does not allow, or onlyFrom excludes: nothing written, no audit entry', async () => {
    const id = await light('green');
    expect(await machine.tryMove(db, id, 'red', { extra: { note: 'skipped amber' }, audit: { actor } })).toBe(false);
    const redId = await light('red');
    expect(await machine.tryMove(db, redId, 'amber', { onlyFrom: ['green'], audit: { actor } })).toBe(false);
    expect(await statusOf(id)).toMatchObject({ status: 'green', note: null });
    expect(await statusOf(redId)).toMatchObject({ status: 'red' });
    expect(await auditOf([id, redId])).toEqual([]);
  });

  it('must-move throws the typed error naming where the row stood, and writes nothing', async () => {
    const id = await light('amber');
    const refused = machine.move(db, id, 'green', { audit: { actor } });
    await expect(refused).rejects.toBeInstanceOf(IllegalTransition);
    await expect(refused).rejects.toMatchObject({ id, from: 'amber', to: 'green' });
    await expect(machine.move(db, randomUUID(), 'amber')).rejects.toMatchObject({ from: 'unknown' });
    expect(await auditOf([id])).toEqual([]);
  });

  it('a locked-row move writes only from the status the caller read', async () => {
    const id = await light('red');
    await machine.moveLocked(db, { id, status: 'red' }, 'green', { audit: { actor, action: 'light.go' } });
    expect(await statusOf(id)).toMatchObject({ status: 'green' });
    // The caller's read is stale (it says red, the row is green): refused, not overwritten.
    await expect(machine.moveLocked(db, { id, status: 'red' }, 'amber')).rejects.toBeInstanceOf(IllegalTransition);
    expect(await statusOf(id)).toMatchObject({ status: 'green' });
    expect((await auditOf([id])).map((entry) => entry.action)).toEqual(['light.go']);
  });

  it('two concurrent moves of one row: exactly one wins', async () => {
    const id = await light('green');
    const results = await Promise.all(Array.from({ length: 5 }, () => machine.tryMove(db, id, 'amber', { audit: { actor } })));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await auditOf([id])).toHaveLength(1);
  });
});

describe('a batch move', () => {
  it('moves every row an allowed source holds in one statement, one audit row each, and skips the rest', async () => {
    const greens = await Promise.all([light('green'), light('green'), light('green')]);
    const stuck = await light('amber');
    const moved = await machine.moveMany(
      db,
      [...greens, stuck].map((id, index) => ({ id, audit: { actor, metadata: { index } } })),
      'amber',
      { extra: { note: 'batch' } },
    );
    expect(moved.sort()).toEqual([...greens].sort());
    for (const id of greens) expect(await statusOf(id)).toMatchObject({ status: 'amber', note: 'batch' });
    expect(await statusOf(stuck)).toMatchObject({ status: 'amber', note: null });
    const entries = await auditOf([...greens, stuck]);
    expect(entries.map((entry) => entry.entityId).sort()).toEqual([...greens].sort());
  });

  it('moves every row a condition picks, with one shared audit entry per moved row', async () => {
    const note = randomUUID();
    const ids = await Promise.all([light('amber'), light('amber'), light('green')]);
    await db.update(lights).set({ note }).where(inArray(lights.id, ids));
    const moved = await machine.moveWhere(db, eq(lights.note, note), 'red', { audit: { actor } });
    expect(moved.sort()).toEqual(ids.slice(0, 2).sort());
    expect((await auditOf(ids)).map((entry) => entry.entityId).sort()).toEqual(ids.slice(0, 2).sort());
    expect(await statusOf(ids[2]!)).toMatchObject({ status: 'green' });
  });
});
