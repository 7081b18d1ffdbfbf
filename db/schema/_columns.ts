// Column helpers shared by every table: money is integer minor units with a currency, times are timestamptz.
import { char, integer, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { CurrencyCode } from '../../lib/core/money';

export const id = () => uuid('id').primaryKey().defaultRandom();
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());
export const tstz = (name: string) => timestamp(name, { withTimezone: true });
/** Amount in the currency's minor unit (kobo for NGN). */
export const minor = (name: string) => integer(name);
export const currency = () => char('currency', { length: 3 }).$type<CurrencyCode>().notNull().default('NGN');
