// The query builder's statements are prepared once per connection (db/client.ts), and `prepare: false` — the setting
// for PgBouncer in transaction mode — still sends them unnamed. Read from PostgreSQL itself: pg_prepared_statements
// lists what the session has prepared, and one connection (max 1) makes every query of a handle the same session.
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase } from '@/db/client';
import { products } from '@/db/schema';
import { stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';

const url = stackEnv(profiles.test).DATABASE_URL!;
const opened: Array<ReturnType<typeof createDatabase>> = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map(({ sql: client }) => client.end()));
});

function handle(prepare?: boolean) {
  const database = createDatabase(url, { max: 1, ...(prepare === undefined ? {} : { prepare }) });
  opened.push(database);
  return database.db;
}

/** How many statements this session has prepared whose text reads `products` by slug. */
async function preparedBySlug(db: ReturnType<typeof handle>): Promise<number> {
  const [row] = await db.execute<{ count: number }>(
    // (This statement is prepared too, and its own text holds both patterns: it leaves itself out by name.)
    sql`select count(*)::int as count from pg_prepared_statements
        where statement like '%from "products"%' and statement like '%"slug" = $1%' and statement not like '%pg_prepared_statements%'`,
  );
  return row?.count ?? 0;
}

describe('prepared statements', () => {
  it('prepares a builder query once per connection and reuses it for every call with other values', async () => {
    const db = handle();
    expect(await preparedBySlug(db)).toBe(0);
    const read = (slug: string) => db.select({ id: products.id }).from(products).where(eq(products.slug, slug));
    await read('adire-indigo-shirt');
    await read('kente-bow-tie');
    await read('no-such-product');
    expect(await preparedBySlug(db)).toBe(1);
  });

  it('sends them unnamed with prepare: false (PgBouncer in transaction mode)', async () => {
    const db = handle(false);
    await db.select({ id: products.id }).from(products).where(eq(products.slug, 'adire-indigo-shirt'));
    expect(await preparedBySlug(db)).toBe(0);
  });
});
