import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './_columns';
import { users } from './users';

/**
 * The shop's settings (name, contact, address, pickup point, delivery zones and fees, VAT), one row per saved version:
 * the highest version is in force. Rows are never updated, so any past version can be read back; an order copies what
 * it used into `orders.settings_snapshot`. The JSON is validated by the settings schema (lib/settings/) on every read
 * and write, so this column stays typed as unknown here.
 */
export const shopSettings = pgTable(
  'shop_settings',
  {
    version: integer('version').primaryKey(),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull(),
    savedBy: uuid('saved_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [check('shop_settings_version_positive', sql`${t.version} > 0`)],
);
