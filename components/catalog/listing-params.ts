// Query-string rules for product listings (?sort=, ?page=) and search (?q=), parsed with zod at the page edge.
import { z } from 'zod';
import type { ProductSort } from '@/db/queries/catalog';

export type SearchParams = Record<string, string | string[] | undefined>;

/** A repeated parameter (?page=1&page=2) counts as its first value. */
export const firstValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export const sortLabels: Record<ProductSort, string> = {
  featured: 'Featured',
  newest: 'Newest',
  'price-asc': 'Price: low to high',
  'price-desc': 'Price: high to low',
};

/** Every sort the catalogue query knows, in the order the sort bar shows them (the labels' Record keeps it complete). */
export const productSorts = Object.keys(sortLabels) as [ProductSort, ...ProductSort[]];

// An unknown sort is harmless (it shows the default order, and the canonical URL drops it); a page that is not
// a positive whole number is a URL nobody generated, so it gets a 404 rather than a silent page 1.
const sortSchema = z.enum(productSorts).catch('featured');
const pageSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,5}$/)
  .transform(Number)
  .optional();

export function parseListingParams(params: SearchParams): { sort: ProductSort; page: number } | null {
  const page = pageSchema.safeParse(firstValue(params.page));
  if (!page.success) return null;
  return { sort: sortSchema.parse(firstValue(params.sort)), page: page.data ?? 1 };
}

export const SEARCH_MAX_LENGTH = 100;

const searchSchema = z.object({
  q: z.string().trim().min(1, 'Type a word to search for.').max(SEARCH_MAX_LENGTH, `Searches can be at most ${SEARCH_MAX_LENGTH} characters.`),
  page: pageSchema,
});

export type SearchInput =
  | { kind: 'empty' }
  | { kind: 'invalid'; message: string; q: string }
  | { kind: 'query'; q: string; page: number }
  | { kind: 'bad_page' };

export function parseSearchParams(params: SearchParams): SearchInput {
  const raw = firstValue(params.q) ?? '';
  if (raw.trim() === '') return { kind: 'empty' };
  const parsed = searchSchema.safeParse({ q: raw, page: firstValue(params.page) });
  if (parsed.success) return { kind: 'query', q: parsed.data.q, page: parsed.data.page ?? 1 };
  if (parsed.error.issues.some((issue) => issue.path[0] === 'page')) return { kind: 'bad_page' };
  return { kind: 'invalid', message: parsed.error.issues[0]?.message ?? 'Invalid search.', q: raw.slice(0, SEARCH_MAX_LENGTH) };
}

/** A listing URL with defaults left out, so each page has one canonical address. */
export function listingHref(basePath: string, params: { sort?: ProductSort; page?: number; q?: string }): string {
  const query = new URLSearchParams();
  if (params.q) query.set('q', params.q);
  if (params.sort && params.sort !== 'featured') query.set('sort', params.sort);
  if (params.page && params.page > 1) query.set('page', String(params.page));
  const text = query.toString();
  return text ? `${basePath}?${text}` : basePath;
}

/** Page numbers to show: all when few, else first, last and a window around the current page (null = gap). */
export function pageWindow(page: number, pageCount: number): Array<number | null> {
  if (pageCount <= 7) return Array.from({ length: pageCount }, (_, index) => index + 1);
  const pages = new Set([1, pageCount, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pageCount));
  const sorted = [...pages].sort((a, b) => a - b);
  return sorted.flatMap((n, index) => (index > 0 && n - (sorted[index - 1] ?? n) > 1 ? [null, n] : [n]));
}
