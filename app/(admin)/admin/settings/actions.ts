'use server';
// The settings page's action, through the admin door (role re-read from the database before the input is parsed):
// check the form with the shared schema, save a new version (audited; a colleague's save in between is reported,
// never overwritten), and revalidate every cached page that shows the settings (footer, checkout, /delivery, /returns).
import { z } from 'zod';
import { formatDateTime } from '@/lib/core/format-date';
import { revalidateShopSettings } from '@/lib/server/deps/cache-tags';
import { adminAction } from '@/lib/server/doors/actions';
import { saveShopSettings } from '@/lib/settings/save-shop-settings';
import { parseSettingsForm, type SettingsFieldErrors, settingsFormValuesSchema } from '@/lib/settings/settings-form';

export type SaveSettingsState =
  | { status: 'saved'; version: number; changed: boolean }
  | { status: 'invalid'; message: string; fieldErrors: SettingsFieldErrors }
  | { status: 'conflict'; message: string };

export const saveShopSettingsAction = adminAction
  .inputSchema(z.object({ expectedVersion: z.number().int().min(0), values: settingsFormValuesSchema }))
  .action(async ({ parsedInput, ctx }): Promise<SaveSettingsState> => {
    const parsed = parseSettingsForm(parsedInput.values);
    if (!parsed.ok) return { status: 'invalid', message: 'Please correct the highlighted fields.', fieldErrors: parsed.fieldErrors };
    const result = await saveShopSettings(ctx.deps.db, { input: parsed.settings, expectedVersion: parsedInput.expectedVersion, adminId: ctx.admin.id });
    if (!result.ok) {
      const when = result.error.savedAt ? ` at ${formatDateTime(new Date(result.error.savedAt))}` : '';
      return {
        status: 'conflict',
        message: `The settings were changed${when}, after you opened them. Nothing was saved: reload the page to see the current settings, then make your change again.`,
      };
    }
    if (result.value.changed) revalidateShopSettings();
    return { status: 'saved', version: result.value.version, changed: result.value.changed };
  });
