// The query of every admin list, in the URL so a view is shareable and back-button safe: page, page size, sort column
// and direction, a free-text search, plus each list's own filters. One zod schema per list, built here, parses both
// the page's searchParams and the JSON route's query.
import { z } from 'zod';

export const PAGE_SIZES = [25, 50, 100] as const;

const firstOf = (value: unknown) => (Array.isArray(value) ? value[0] : value);

export function listQuerySchema<const S extends readonly [string, ...string[]], F extends z.ZodRawShape>(options: {
  sorts: S;
  defaultSort: S[number];
  defaultDir?: 'asc' | 'desc';
  filters?: F;
}) {
  const text = z.preprocess(firstOf, z.string().trim().max(200).optional()).transform((value) => (value ? value : undefined));
  return z.object({
    page: z.preprocess(firstOf, z.coerce.number().int().min(1).max(100_000).catch(1)).default(1),
    pageSize: z
      .preprocess(
        firstOf,
        z.coerce
          .number()
          .int()
          .refine((size) => (PAGE_SIZES as readonly number[]).includes(size))
          .catch(PAGE_SIZES[0]),
      )
      .default(PAGE_SIZES[0]),
    sort: z.preprocess(firstOf, z.enum(options.sorts).catch(options.defaultSort)).default(options.defaultSort),
    dir: z.preprocess(firstOf, z.enum(['asc', 'desc']).catch(options.defaultDir ?? 'desc')).default(options.defaultDir ?? 'desc'),
    q: text,
    ...(options.filters ?? ({} as F)),
  });
}

/** A filter value from the URL: the first of repeated params, empty as absent, anything unknown dropped. */
export const urlEnum = <const V extends readonly [string, ...string[]]>(values: V) => z.preprocess(firstOf, z.enum(values).optional().catch(undefined));

/** A calendar date (YYYY-MM-DD) from the URL, or nothing. */
export const urlDate = z.preprocess(
  firstOf,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
);

/** The paging part of every list query, as a database read takes it (each list adds its own filters). */
export interface ListPaging<S extends string> {
  page: number;
  pageSize: number;
  sort: S;
  dir: 'asc' | 'desc';
  q?: string | undefined;
}

export interface ListPage<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

export function listPage<T>(rows: T[], total: number, query: { page: number; pageSize: number }): ListPage<T> {
  return { rows, total, page: query.page, pageSize: query.pageSize, pageCount: Math.max(1, Math.ceil(total / query.pageSize)) };
}
