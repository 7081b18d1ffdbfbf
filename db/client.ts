// Builds a Drizzle database over postgres.js. Framework-free so scripts, tests and jobs share it.
import type { TablesRelationalConfig } from 'drizzle-orm';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { PostgresJsSession } from 'drizzle-orm/postgres-js/session';
import postgres from 'postgres';
import * as schema from './schema';

// Every statement the query builder sends is prepared, as postgres.js prepares its own tagged queries: PostgreSQL
// parses and plans each distinct statement once per connection instead of on every call. Drizzle prepares only the
// queries given a name (`.prepare(name)`) and sends every other one unnamed, re-parsed and re-planned each time
// (GET /api/stock's statement: 0.4 ms of PostgreSQL per call unprepared, 0.1 ms prepared). `prepare: false` (behind
// PgBouncer in transaction mode) still turns it off: postgres.js reads its connection option before the query's.
// Checked by tests/integration/prepared-statements.test.ts.
type AnySession = PostgresJsSession<postgres.Sql, Record<string, unknown>, TablesRelationalConfig>;
type PrepareQuery = AnySession['prepareQuery'];
const prepareNamedOnly: PrepareQuery = PostgresJsSession.prototype.prepareQuery;
PostgresJsSession.prototype.prepareQuery = function prepareEveryQuery(this: AnySession, ...args: Parameters<PrepareQuery>) {
  args[2] ??= ''; // the name: any string makes drizzle pass `prepare: true`; postgres.js names the statement itself
  return prepareNamedOnly.apply(this, args);
} as PrepareQuery;

export type Schema = typeof schema;
export type Database = PostgresJsDatabase<Schema>;
/** A transaction handle: use cases take `Database | Tx` so a caller can pass either. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type DbOrTx = Database | Tx;

export function createDatabase(url: string, options: { max?: number; prepare?: boolean } = {}) {
  const sql = postgres(url, {
    max: options.max ?? 10,
    // Off behind PgBouncer in transaction mode, where a prepared statement may not exist on the next server connection.
    prepare: options.prepare ?? true,
    // Notices (e.g. "relation already exists, skipping") are noise in the shop's logs.
    onnotice: () => {},
  });
  const db = drizzle(sql, { schema, casing: undefined });
  return { db, sql };
}
