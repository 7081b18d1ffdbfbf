// Saves the shop settings as a new version (rows are never rewritten), audited with what changed. The form carries the
// version it was opened with: a colleague's save in between is reported instead of silently undone, and two saves at
// once cannot both land (the version is the primary key).
import type { Database } from '../../db/client';
import { shopSettings } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { err, ok, type Result } from '../core/result';
import { loadShopSettings } from './load-shop-settings';
import { type ShopSettings, shopSettingsSchema } from './shop-settings';

export type SaveShopSettingsError = { code: 'changed_since_read'; version: number; savedAt: string | null };

type Fields = Record<string, unknown>;

/** Top-level settings whose values differ, as before/after objects holding only those keys. */
function changes(before: Fields, after: Fields): { before: Fields; after: Fields } {
  const keys = Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return { before: Object.fromEntries(keys.map((key) => [key, before[key]])), after: Object.fromEntries(keys.map((key) => [key, after[key]])) };
}

export async function saveShopSettings(
  db: Database,
  params: { input: ShopSettings; expectedVersion: number; adminId: string },
): Promise<Result<{ version: number; changed: boolean }, SaveShopSettingsError>> {
  // Parsed again here, whatever the caller did: nothing unvalidated is ever stored.
  const settings = shopSettingsSchema.parse(params.input);
  return db.transaction(async (tx) => {
    const current = await loadShopSettings(tx);
    if (current.version !== params.expectedVersion) return err({ code: 'changed_since_read' as const, version: current.version, savedAt: current.savedAt });
    const diff = changes(current.settings as Fields, settings as Fields);
    if (Object.keys(diff.after).length === 0) return ok({ version: current.version, changed: false });
    const version = current.version + 1;
    // A concurrent save of the same version fails on the primary key and rolls this transaction back.
    const inserted = await tx
      .insert(shopSettings)
      .values({ version, settings, savedBy: params.adminId })
      .onConflictDoNothing()
      .returning({ version: shopSettings.version });
    if (inserted.length === 0) return err({ code: 'changed_since_read' as const, version, savedAt: null });
    await recordAudit(tx, {
      actor: { type: 'admin', id: params.adminId },
      action: 'settings.updated',
      entityType: 'shop_settings',
      entityId: 'shop',
      before: diff.before,
      after: diff.after,
      metadata: { version, previousVersion: current.version },
    });
    return ok({ version, changed: true });
  });
}
