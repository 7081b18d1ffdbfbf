// The shop settings for pages (footer, checkout's delivery cards, /delivery, /returns): through Next's data cache,
// shared by every app process (Redis), tagged so a save revalidates it everywhere at once (cache-tags.ts). Checkout
// itself never trusts this copy: it reads the settings again inside the order's transaction (lib/checkout/place-order.ts).
import 'server-only';
import { unstable_cache } from 'next/cache';
import { cache } from 'react';
import { db } from '@/db';
import { loadShopSettings } from '@/lib/settings/load-shop-settings';
import type { VersionedShopSettings } from '@/lib/settings/shop-settings';
import { settingsTag } from './cache-tags';

// The tag does the real invalidation; the time limit only heals a revalidation that never reached Redis.
const BACKSTOP_SECONDS = 300;

const cachedSettings = unstable_cache(() => loadShopSettings(db), ['shop-settings'], { tags: [settingsTag], revalidate: BACKSTOP_SECONDS });

/** The settings in force, read once per request (the root layout's footer reads it, like the header's categories). */
export const getShopSettings = cache((): Promise<VersionedShopSettings> => cachedSettings());
