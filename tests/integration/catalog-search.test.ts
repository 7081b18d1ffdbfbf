// Product search against the real database: full-text ranking (title above description), the prefix and
// substring fallback for half-typed words, the empty result and hostile input.
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { countSearchResults, searchProducts } from '@/db/queries/catalog-search';
import { products } from '@/db/schema';
import { testDatabase } from '../support/db';

const { db, sql } = testDatabase();
afterAll(() => sql.end());

class Rollback extends Error {}

async function search(query: string, pageSize = 50) {
  const [total, hits] = await Promise.all([countSearchResults(db, query), searchProducts(db, { query, page: 1, pageSize })]);
  return { total, slugs: hits.map((hit) => hit.slug), hits };
}

describe('full-text search', () => {
  it('ranks products with the word in the title above those with it only in the description', async () => {
    const { slugs, total } = await search('leather');
    // Title and description: the weekender bag and the sandals. Description only: the basket and the loafers.
    expect(new Set(slugs.slice(0, 2))).toEqual(new Set(['leather-weekender-bag', 'lekki-leather-sandals']));
    expect(slugs).toEqual(expect.arrayContaining(['woven-raffia-basket', 'suede-loafers']));
    expect(slugs.indexOf('woven-raffia-basket')).toBeGreaterThan(1);
    expect(total).toBe(slugs.length);
  });

  it('matches word forms through English stemming', async () => {
    // No product text contains "shirts" (so neither the prefix nor the substring fallback can match): only the
    // stemmer, which reduces it to "shirt", finds the Adire shirt (title) and the tee ("T-shirt" in its description).
    const { slugs, hits } = await search('shirts');
    expect(slugs).toEqual(['adire-indigo-shirt', 'everyday-cotton-tee']);
    expect(hits.every((hit) => hit.rank >= 2)).toBe(true);
  });

  it('understands web-search syntax: all words must match', async () => {
    const { slugs } = await search('indigo blanket');
    expect(slugs[0]).toBe('indigo-throw-blanket');
    expect(slugs).not.toContain('brass-cuff-bracelet');
  });

  it('returns results in rank order with whole-word matches first', async () => {
    const { hits } = await search('indigo');
    const ranks = hits.map((hit) => hit.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(
      hits
        .slice(0, 2)
        .map((hit) => hit.slug)
        .sort(),
    ).toEqual(['adire-indigo-shirt', 'indigo-throw-blanket']);
  });
});

describe('prefix and substring fallback', () => {
  it('finds "Sneakers" from the half-typed "sneak"', async () => {
    const { slugs } = await search('sneak');
    expect(slugs[0]).toBe('runner-knit-sneakers');
  });

  it('finds a word from its middle ("affi" → Raffia) and is case-insensitive', async () => {
    expect((await search('AFFI')).slugs).toEqual(['woven-raffia-basket']);
  });

  it('ranks a whole-word match above a prefix-only match', async () => {
    // "hood" is no word in the catalogue, only the start of "hoodie": a prefix match, ranked in the [1, 2) tier.
    const { hits } = await search('hood');
    expect(hits[0]?.slug).toBe('harmattan-hoodie');
    expect(hits[0]!.rank).toBeGreaterThanOrEqual(1);
    expect(hits[0]!.rank).toBeLessThan(2);
    const exact = await search('hoodie');
    expect(exact.hits[0]!.rank).toBeGreaterThanOrEqual(2);
  });
});

describe('empty and hostile input', () => {
  it('returns nothing for a word no product has', async () => {
    expect(await search('zzqxv')).toEqual({ total: 0, slugs: [], hits: [] });
  });

  it.each(["'", '&|!:*', '%', '_', '\\', '(((', 'a & | b', '"unclosed'])('treats %j as text, never as syntax', async (query) => {
    const { total, slugs } = await search(query);
    expect(total).toBe(slugs.length);
  });

  it('does not treat % and _ as wildcards', async () => {
    expect((await search('%')).total).toBe(0);
    expect((await search('_')).total).toBe(0);
  });

  it('never returns draft products', async () => {
    await db
      .transaction(async (tx) => {
        await tx.update(products).set({ status: 'draft' }).where(eq(products.slug, 'runner-knit-sneakers'));
        const hits = await searchProducts(tx, { query: 'sneakers', page: 1, pageSize: 10 });
        expect(hits.map((hit) => hit.slug)).not.toContain('runner-knit-sneakers');
        expect(await countSearchResults(tx, 'sneakers')).toBe(0);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
  });

  it('pages through results without repeats', async () => {
    const total = await countSearchResults(db, 'a');
    expect(total).toBeGreaterThan(3);
    const first = await searchProducts(db, { query: 'a', page: 1, pageSize: 3 });
    const second = await searchProducts(db, { query: 'a', page: 2, pageSize: 3 });
    expect(first).toHaveLength(3);
    expect(new Set([...first, ...second].map((hit) => hit.slug)).size).toBe(first.length + second.length);
  });
});
