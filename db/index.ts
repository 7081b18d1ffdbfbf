// The app's database handle: one pool per server process, reused across hot reloads in development.
import 'server-only';
import { env } from '@/lib/core/env';
import { createDatabase, type Database } from './client';

const globalForDb = globalThis as unknown as { __shopDb?: ReturnType<typeof createDatabase> };

function instance() {
  const config = env();
  globalForDb.__shopDb ??= createDatabase(config.DATABASE_URL, { max: config.DATABASE_POOL_MAX, prepare: config.DATABASE_POOLER !== 'pgbouncer' });
  return globalForDb.__shopDb;
}

export const db: Database = new Proxy({} as Database, {
  get(_target, property) {
    const real = instance().db;
    const value: unknown = Reflect.get(real, property, real);
    return typeof value === 'function' ? value.bind(real) : value;
  },
});

export type { Database, DbOrTx, Tx } from './client';
