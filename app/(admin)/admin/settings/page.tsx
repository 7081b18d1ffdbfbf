// GET /admin/settings – the shop's name, contact, address, pickup point, delivery zones and fees, VAT and returns policy
import type { Metadata } from 'next';
import { SettingsForm } from './_components/settings-form';
import { db } from '@/db';
import { NIGERIAN_STATES } from '@/lib/checkout/checkout-input';
import { formatDateTime } from '@/lib/core/format-date';
import { userForPage } from '@/lib/server/doors/auth';
import { loadShopSettings } from '@/lib/settings/load-shop-settings';
import { toSettingsFormValues } from '@/lib/settings/settings-form';

export const metadata: Metadata = { title: 'Settings', robots: { index: false } };

export default async function AdminSettingsPage() {
  await userForPage('admin', '/admin/settings');
  // Read past the cache: the version the form carries must be the one in force, or the save is refused as stale.
  const current = await loadShopSettings(db);
  return (
    <section aria-labelledby="settings-heading" className="space-y-6">
      <div>
        <h1 id="settings-heading" className="text-2xl font-semibold tracking-tight">
          Settings
        </h1>
        <p className="mt-1 text-sm text-stone-600">
          {current.savedAt ? `Version ${current.version}, saved ${formatDateTime(new Date(current.savedAt))}.` : 'The built-in defaults: nothing saved yet.'}{' '}
          Orders keep the settings they were placed under; a change applies to new orders only.
        </p>
      </div>
      <SettingsForm initial={toSettingsFormValues(current.settings)} version={current.version} states={NIGERIAN_STATES} />
    </section>
  );
}
