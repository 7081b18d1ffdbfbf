// PgBouncer in transaction mode (Debian's package) in front of the test database, as the README's production topology
// puts it: with DATABASE_POOLER=pgbouncer (postgres.js without named prepared statements) the app's queries,
// transactions, row locks and schedule claims work through it; with prepared statements left on, a statement prepared
// on one server connection is missing on the next one, which is why the setting exists.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countProducts, listProducts } from '@/db/queries/catalog';
import { createDatabase } from '@/db/client';
import { claimSchedulePeriod } from '@/lib/jobs/claim-schedule-period';
import { profiles } from '../../scripts/stack/profiles';
import { ensureSystemPackage } from '../../scripts/stack/system-packages';
import { closedPort } from '../support/closed-port';
import { waitFor } from '../support/wait';

let bouncer: ChildProcess | undefined;
let url = '';

beforeAll(async () => {
  const binary = await ensureSystemPackage({ binary: 'pgbouncer', aptPackage: 'pgbouncer', missing: 'pgbouncer is missing' }, () => {});
  const dir = path.join(profiles.test.dataDir, 'pgbouncer');
  mkdirSync(dir, { recursive: true });
  const port = await closedPort();
  const config = path.join(dir, 'pgbouncer.ini');
  writeFileSync(
    config,
    [
      '[databases]',
      `${profiles.test.database} = host=127.0.0.1 port=${profiles.test.ports.postgres} dbname=${profiles.test.database} user=postgres password=postgres`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'auth_type = any',
      'pool_mode = transaction',
      'default_pool_size = 4',
      'max_client_conn = 200',
      'unix_socket_dir =',
      'ignore_startup_parameters = extra_float_digits',
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  // PgBouncer refuses to run as root; the test stack's PostgreSQL runs as `postgres` for the same reason.
  const asRoot = process.getuid?.() === 0;
  bouncer = spawn(binary, [...(asRoot ? ['-u', 'postgres'] : []), config], { stdio: ['ignore', 'ignore', 'pipe'] });
  url = `postgres://postgres:postgres@127.0.0.1:${port}/${profiles.test.database}`;
  await waitFor(
    'PgBouncer to accept connections',
    async () => {
      const probe = createDatabase(url, { max: 1, prepare: false });
      try {
        await probe.sql`select 1`;
        return true;
      } catch {
        return undefined;
      } finally {
        await probe.sql.end();
      }
    },
    15_000,
  );
}, 120_000);

afterAll(() => {
  bouncer?.kill('SIGTERM');
});

describe('PostgreSQL through PgBouncer in transaction mode', () => {
  it('runs the app’s reads, transactions with row and advisory locks, and schedule claims without prepared statements', async () => {
    const { db, sql: client } = createDatabase(url, { max: 8, prepare: false });
    try {
      const rounds = await Promise.all(
        Array.from({ length: 40 }, async (_, n) => {
          if (n % 4 === 0) return (await listProducts(db, { sort: 'newest', page: 1, pageSize: 12 })).length;
          if (n % 4 === 1) return countProducts(db, {});
          if (n % 4 === 2) {
            return db.transaction(async (tx) => {
              await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`pgbouncer-test:${n % 3}`}, 0))`);
              const rows = await tx.execute<{ id: string }>(sql`SELECT id FROM products ORDER BY id LIMIT 1 FOR UPDATE`);
              return rows.length;
            });
          }
          return (await claimSchedulePeriod(db, { id: `pgbouncer-test-${n}`, everyMs: 60_000 }, 'pgbouncer-test')) ? 1 : 0;
        }),
      );
      expect(rounds.every((value) => typeof value === 'number' && value >= 0)).toBe(true);
      expect(rounds.filter((_, n) => n % 4 === 3).every((claimed) => claimed === 1)).toBe(true);
      await db.execute(sql`DELETE FROM schedule_claims WHERE claimed_by = 'pgbouncer-test'`);
    } finally {
      await client.end();
    }
  });

  it('breaks with prepared statements on: a statement prepared on one server connection is missing on the next', async () => {
    const shopper = createDatabase(url, { max: 1, prepare: true });
    const other = createDatabase(url, { max: 1, prepare: true });
    try {
      await shopper.sql`select ${1}::int as n`; // prepared on the only server connection so far
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let holding!: () => void;
      const isHolding = new Promise<void>((resolve) => {
        holding = resolve;
      });
      // Another client's transaction takes that server connection and keeps it…
      const transaction = other.sql.begin(async (tx) => {
        await tx`select 1`;
        holding();
        await held;
      });
      await isHolding;
      // …so the same statement, in a transaction, runs on a fresh server connection where it was never prepared; outside
      // a transaction postgres.js quietly prepares it again, inside one the failed attempt has already aborted it.
      const second = await shopper.sql
        .begin((tx) => tx`select ${2}::int as n`)
        .then(
          () => 'ok',
          (error: Error) => error.message,
        );
      release();
      await transaction;
      expect(second).toMatch(/prepared statement .* does not exist|current transaction is aborted/);
    } finally {
      await Promise.all([shopper.sql.end(), other.sql.end()]);
    }
  });
});
