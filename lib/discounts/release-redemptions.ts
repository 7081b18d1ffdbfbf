// A use of a code counts from the moment its order is placed (so the limit holds while shoppers pay) until the order
// stops waiting for payment without being paid: expired (the release job) or cancelled (replaced by a newer
// checkout). Then the use is released, so an abandoned checkout does not burn a use of a limited code. A payment that
// lands late and is honoured pays the discounted total the order was placed with, so its use counts again — even if
// the code's limit has since been reached by others (the shopper was promised that price; the money is in).
// Callers hold the order's row lock; only the redemption row is written, never the code's, so this takes no lock a
// checkout holds in another order.
import { and, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { discountRedemptions } from '../../db/schema';

export async function releaseRedemptions(tx: Tx, orderIds: readonly string[]): Promise<void> {
  if (orderIds.length === 0) return;
  await tx
    .update(discountRedemptions)
    .set({ releasedAt: sql`now()` })
    .where(and(inArray(discountRedemptions.orderId, [...orderIds]), isNull(discountRedemptions.releasedAt)));
}

export async function reclaimRedemption(tx: Tx, orderId: string): Promise<void> {
  await tx
    .update(discountRedemptions)
    .set({ releasedAt: null })
    .where(and(inArray(discountRedemptions.orderId, [orderId]), isNotNull(discountRedemptions.releasedAt)));
}
