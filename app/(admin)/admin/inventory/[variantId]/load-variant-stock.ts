// Everything the variant stock page shows, loaded and shaped here so the page only renders: the variant's levels
// (with the database's own low-stock flag), the unpaid orders holding it and when each hold ends, and its stock
// history in words. Null when there is no such variant (the page answers 404).
import 'server-only';
import { z } from 'zod';
import { db } from '@/db';
import { activeHolds, getInventoryVariant, stockHistory } from '@/db/queries/admin-inventory';
import { describeStockEntry } from '@/lib/inventory/stock-history';

function timeLeft(until: Date, now: Date): string {
  const minutes = Math.round((until.getTime() - now.getTime()) / 60_000);
  if (minutes <= 0) return 'ended — released by the next release run';
  return minutes === 1 ? 'in 1 minute' : `in ${minutes} minutes`;
}

export async function loadVariantStock(variantId: string, now = new Date()) {
  if (!z.uuid().safeParse(variantId).success) return null;
  const [variant, holds, history] = await Promise.all([getInventoryVariant(db, variantId), activeHolds(db, variantId), stockHistory(db, variantId)]);
  if (!variant) return null;
  return {
    variant,
    forSale: variant.productStatus === 'active' && !variant.archivedAt,
    holds: holds.map((hold) => ({ ...hold, endsIn: timeLeft(hold.reservedUntil, now) })),
    heldUnits: holds.reduce((sum, hold) => sum + hold.quantity, 0),
    history: history.map((entry) => ({ entry, line: describeStockEntry(entry) })),
  };
}
