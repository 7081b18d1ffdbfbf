// Builds a Drizzle database over postgres.js. Framework-free so scripts, tests and jobs share it.
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

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
