// Applies the committed migrations in db/migrations. Used by the local stack and by `npm run db:migrate` in production.
import path from 'node:path';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { createDatabase } from './client';

export const migrationsFolder = path.resolve(import.meta.dirname, 'migrations');

export async function migrateDatabase(url: string): Promise<void> {
  const { db, sql } = createDatabase(url, { max: 1 });
  try {
    await migrate(db, { migrationsFolder });
  } finally {
    await sql.end();
  }
}
