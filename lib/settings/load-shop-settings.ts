// The settings in force: the highest saved version, parsed with the settings schema; the built-in defaults (version 0)
// until an owner saves any. One indexed read: checkout calls it inside its transaction, uncached, so an order is
// always priced by the settings of the moment it was placed. Pages read it through the Next cache
// (lib/server/deps/shop-settings.ts), revalidated on every save.
import { desc } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { shopSettings } from '../../db/schema';
import { defaultShopSettings, shopSettingsSchema, type VersionedShopSettings } from './shop-settings';

export async function loadShopSettings(db: DbOrTx): Promise<VersionedShopSettings> {
  const [row] = await db.select().from(shopSettings).orderBy(desc(shopSettings.version)).limit(1);
  if (!row) return { version: 0, settings: defaultShopSettings, savedAt: null };
  return { version: row.version, settings: shopSettingsSchema.parse(row.settings), savedAt: row.createdAt.toISOString() };
}
