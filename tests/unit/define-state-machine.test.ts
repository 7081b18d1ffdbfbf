// The shared state machine's rules without a database: which moves the table allows, which sources a guarded UPDATE
// names, and that an illegal move of a locked row is refused before anything is sent. Its SQL (guarded UPDATE, audit
// in the same statement, batches) runs against the real Postgres in tests/integration/state-machine.test.ts.
import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import type { DbOrTx } from '@/db/client';
import { canTransitionReservation, type ReservationStatus } from '@/lib/inventory/reservation-status';
import { defineStateMachine, IllegalTransition } from '@/lib/state-machine/define-state-machine';

type Light = 'green' | 'amber' | 'red';
const lights = pgTable('lights', { id: uuid('id').primaryKey(), status: text('status').$type<Light>().notNull() });

const machine = defineStateMachine(lights, {
  entity: 'order',
  transitions: { green: ['amber'], amber: ['red'], red: ['green', 'amber'] },
});

/** A database handle that fails the test if anything reaches it. */
const untouchable = new Proxy({} as DbOrTx, {
  get: (_target, property) => {
    throw new Error(`the database was used (${String(property)})`);
  },
});

describe('defineStateMachine', () => {
  it.each([
    ['green', 'amber', true],
    ['green', 'red', false],
    ['amber', 'red', true],
    ['amber', 'green', false],
    ['red', 'green', true],
    ['red', 'red', false],
  ] as const)('%s → %s allowed: %s', (from, to, expected) => {
    expect(machine.can(from, to)).toBe(expected);
  });

  it('names every allowed source of a move, narrowed by onlyFrom', () => {
    expect(machine.sourcesOf('amber')).toEqual(['green', 'red']);
    expect(machine.sourcesOf('amber', ['red'])).toEqual(['red']);
    expect(machine.sourcesOf('amber', ['amber'])).toEqual([]);
    expect(machine.statuses).toEqual(['green', 'amber', 'red']);
  });

  it('refuses an illegal move of a locked row with its typed error, before sending anything', async () => {
    const refused = machine.moveLocked(untouchable, { id: 'L1', status: 'green' }, 'red');
    await expect(refused).rejects.toBeInstanceOf(IllegalTransition);
    await expect(refused).rejects.toMatchObject({ id: 'L1', from: 'green', to: 'red' });
  });

  it('sends nothing for an empty batch or a move no source allows', async () => {
    await expect(machine.moveMany(untouchable, [], 'amber')).resolves.toEqual([]);
    await expect(machine.tryMove(untouchable, 'L1', 'amber', { onlyFrom: ['amber'] })).resolves.toBe(false);
  });
});

describe('reservation moves', () => {
  const statuses: ReservationStatus[] = ['active', 'committed', 'released', 'expired'];
  it('lets a hold end once, and a late payment still commit an ended one', () => {
    const moves = statuses.flatMap((from) => statuses.filter((to) => canTransitionReservation(from, to)).map((to) => `${from}→${to}`));
    expect(moves).toEqual(['active→committed', 'active→released', 'active→expired', 'released→committed', 'expired→committed']);
  });
});
