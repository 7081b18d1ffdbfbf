import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` only diffs the schema files against db/migrations; it needs no database.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost:54320/shop' },
  strict: true,
  verbose: true,
});
