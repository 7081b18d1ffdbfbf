// `npm run db:seed [-- --force]`: seeds the demo shop into the database at DATABASE_URL (migrations must have run).
// A database that is not on this machine is refused without --force, and seeded there with generated passwords; so is
// any database when NODE_ENV=production, unless SEED_DEMO_ACCOUNTS=1 asks for the published demo passwords.
import { createDatabase } from '../db/client';
import { assertSeedable, SeedRefused } from './seed/database-guard';
import { seedDatabase } from './seed/index';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set: point it at the database to seed.');
  process.exit(1);
}
let passwords: 'published' | 'generated';
try {
  ({ passwords } = assertSeedable(url, {
    force: process.argv.includes('--force'),
    nodeEnv: process.env.NODE_ENV,
    demoAccounts: process.env.SEED_DEMO_ACCOUNTS === '1',
  }));
} catch (error) {
  if (!(error instanceof SeedRefused)) throw error;
  console.error(error.message);
  process.exit(1);
}
const { db, sql } = createDatabase(url, { max: 1 });
try {
  const result = await seedDatabase(db, passwords === 'published' ? {} : { passwords, adminPassword: process.env.ADMIN_PASSWORD || undefined });
  console.log(`seeded: ${result.productsCreated} new products, ${result.usersCreated} new users`);
  for (const account of result.credentials) {
    console.log(`  ${account.role} ${account.email}  password: ${account.password}  (shown once: store it now)`);
  }
} finally {
  await sql.end();
}
