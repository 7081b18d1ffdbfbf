// SQL pieces the operations lists (payments, webhook inbox, jobs, audit log) share: a literal "contains" search,
// calendar-day bounds in the shop's time zone, and a stable sort.
import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { SHOP_TIME_ZONE } from '../../lib/core/format-date';

/** `%` and `_` typed in a search box are literal characters, not patterns. */
export const likeContaining = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/** On or after the start of `day` in the shop's time zone (a YYYY-MM-DD already checked to be a real day). */
export const fromDay = (column: AnyColumn, day: string): SQL => sql`${column} >= (${day}::date::timestamp AT TIME ZONE ${SHOP_TIME_ZONE})`;

/** Before the end of `day` (inclusive) in the shop's time zone. */
export const toDay = (column: AnyColumn, day: string): SQL => sql`${column} < ((${day}::date + 1)::timestamp AT TIME ZONE ${SHOP_TIME_ZONE})`;

/**
 * The sort column in the asked direction (empty values last either way), then a tie-breaker in the same direction so
 * pages never overlap or skip a row.
 */
export function sortBy(column: AnyColumn | SQL, dir: 'asc' | 'desc', tieBreaker: AnyColumn): SQL[] {
  const direction = sql.raw(dir === 'asc' ? 'asc' : 'desc');
  return [sql`${column} ${direction} nulls last`, sql`${tieBreaker} ${direction}`];
}

export const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
