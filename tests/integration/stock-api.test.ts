// GET /api/stock, the live availability every cached catalogue page polls: the real route handler against the real
// database. Each call is counted at the database (a drizzle logger on the handler's own connection, through the doors'
// seam): one statement per call, and none at all for a refused query.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { afterAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/stock/route';
import { products, productVariants } from '@/db/schema';
import * as schema from '@/db/schema';
import { MAX_STOCK_KEYS } from '@/lib/inventory/stock-query';
import { createTestVariants } from '../support/catalog-fixtures';
import { testDatabase } from '../support/db';
import { through } from '../support/doors';

const { db, sql } = testDatabase(2);
afterAll(() => sql.end());

const statements: string[] = [];
const countingDb = drizzle(sql, { schema, logger: { logQuery: (query) => statements.push(query) } });
const stock = through(GET, () => ({ db: countingDb }));

async function ask(query: string) {
  statements.length = 0;
  const response = await stock(new Request(`http://127.0.0.1:3100/api/stock?${query}`));
  return { response, body: (await response.json()) as Record<string, Record<string, { available: number; state: string }>>, statements: [...statements] };
}

describe('GET /api/stock', () => {
  it('answers available = on hand − reserved per variant with the pages’ wording, in one statement, never cached', async () => {
    const [plenty, few, held, none] = await createTestVariants(db, [{ stock: 20 }, { stock: 3 }, { stock: 5 }, { stock: 0 }]);
    await db.update(productVariants).set({ reserved: 5 }).where(eq(productVariants.id, held!.id));
    const { response, body, statements: ran } = await ask(`variants=${[plenty, few, held, none].map((v) => v!.id).join(',')}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(body.variants).toEqual({
      [plenty!.id]: { available: 20, state: 'in_stock' },
      [few!.id]: { available: 3, state: 'low' },
      [held!.id]: { available: 0, state: 'sold_out' },
      [none!.id]: { available: 0, state: 'sold_out' },
    });
    expect(ran).toHaveLength(1);
  });

  it('answers sold out for an unknown id, an archived variant and a withdrawn product', async () => {
    const [archived, kept] = await createTestVariants(db, [{ stock: 9 }, { stock: 9 }]);
    await db.update(productVariants).set({ archivedAt: new Date() }).where(eq(productVariants.id, archived!.id));
    const unknown = randomUUID();
    const before = await ask(`variants=${archived!.id},${kept!.id},${unknown}`);
    expect(before.body.variants).toEqual({
      [archived!.id]: { available: 0, state: 'sold_out' },
      [kept!.id]: { available: 9, state: 'in_stock' },
      [unknown]: { available: 0, state: 'sold_out' },
    });
    await db.update(products).set({ status: 'archived' }).where(eq(products.id, kept!.productId));
    expect((await ask(`variants=${kept!.id}`)).body.variants).toEqual({ [kept!.id]: { available: 0, state: 'sold_out' } });
  });

  it('answers per product slug for the cards: the sum over live variants, unknown slugs sold out', async () => {
    const [a, b] = await createTestVariants(db, [{ stock: 2 }, { stock: 1 }]);
    const [product] = await db.select({ slug: products.slug }).from(products).where(eq(products.id, a!.productId));
    await db.update(productVariants).set({ reserved: 1 }).where(eq(productVariants.id, b!.id));
    const { body, statements: ran } = await ask(`products=${product!.slug},no-such-product`);
    expect(body.products).toEqual({ [product!.slug]: { available: 2, state: 'low' }, 'no-such-product': { available: 0, state: 'sold_out' } });
    expect(ran).toHaveLength(1);
  });

  it.each([
    ['no list', ''],
    ['a bad id', 'variants=not-a-uuid'],
    ['both lists', `variants=${randomUUID()}&products=x`],
    ['too many ids', `variants=${Array.from({ length: MAX_STOCK_KEYS + 1 }, () => randomUUID()).join(',')}`],
  ])('refuses %s with a 400 and reads nothing', async (_name, query) => {
    const { response, body, statements: ran } = await ask(query);
    expect(response.status).toBe(400);
    expect(body.error).toMatchObject({ code: 'invalid_input' });
    expect(ran).toEqual([]);
  });
});
