// `npm run db:seed`: seeds the database at DATABASE_URL (migrations must have run).
import { createDatabase } from '../db/client';
import { seedDatabase } from './seed/index';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set: point it at the database to seed.');
  process.exit(1);
}
const { db, sql } = createDatabase(url, { max: 1 });
try {
  const result = await seedDatabase(db);
  console.log(`seeded: ${result.productsCreated} new products, ${result.usersCreated} new users`);
} finally {
  await sql.end();
}
