// Diagram 5: on sign-in the guest cart joins the user's cart. Called by the sign-in flow with the `cart_session`
// cookie's value; the caller rotates that cookie afterwards.
//
// Why a merge cannot double-count, even when sign-ins race or are retried:
// 1. Claim (one Redis script): the guest hash is RENAMEd to `cart:merging:{sessionId}` and stamped with a fresh
//    claim id. While a claim exists every other merge of that session gets the same claim (same id) back, never a
//    second copy of the lines, and the guest key is gone, so nothing can be claimed twice.
// 2. Apply (one Postgres transaction): the user's `carts` row is locked (upsert), so merges of one user run one at a
//    time. Under the lock we look for the audit row of this claim id: if it exists the claim was already applied and
//    we change nothing; otherwise we merge, save the lines and write that audit row, and commit them together.
// 3. Afterwards we drop the user's Redis copy (the next read rebuilds it from Postgres, the durable and locked copy)
//    and delete the claim if it is still ours.
// If the process dies: before the commit, nothing was applied and the claim waits (as long as a guest cart lives)
// for the next sign-in with the same cookie, which is not rotated yet; after the commit but before step 3, the next
// merge finds the audit row, skips the arithmetic and finishes step 3. Every path applies a claim at most once.
// The merge reads the user's side from Postgres rather than Redis: Postgres is written on every change of a signed-in
// cart, is what the lock protects, and covers the case where Redis lost the user's cart.
import type { Redis } from '@upstash/redis';
import { and, eq, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '@/db/client';
import { auditLogs } from '@/db/schema';
import { recordAudit } from '../audit/record-audit';
import { cartKey, isCartSessionId, mergeClaimKey, mergeClaimTtlSeconds } from './cart-keys';
import { loadUserCartQuantities, lockUserCart, replaceUserCartLines } from './cart-postgres';
import { CLAIM_GUEST_CART, RELEASE_CLAIM, runScript } from './cart-scripts';
import { inRedis } from './cart-store';
import { loadCartView } from './get-cart';
import { mergeCartLines } from './merge-cart-lines';
import type { CartNotice, CartOwner, CartQuantities, CartView } from './types';
import { isVariantId, loadVariantLimits } from './variant-limits';
import { redisKeys } from '../redis';

interface Claim {
  claimId: string;
  quantities: CartQuantities;
}

async function claimGuestCart(redis: Redis, sessionId: string): Promise<Claim | null> {
  const keys = [redisKeys.guestCart(sessionId), mergeClaimKey(sessionId)];
  const reply = await inRedis(() => runScript<unknown>(redis, CLAIM_GUEST_CART, keys, [crypto.randomUUID(), mergeClaimTtlSeconds]));
  const flat = Array.isArray(reply) ? reply : [];
  let claimId: string | null = null;
  const quantities: CartQuantities = {};
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const field = String(flat[i]);
    if (field === '__claim') claimId = String(flat[i + 1]);
    else if (isVariantId(field)) quantities[field] = Number(flat[i + 1]);
  }
  return claimId ? { claimId, quantities } : null;
}

async function claimAlreadyApplied(tx: DbOrTx, cartId: string, claimId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: auditLogs.id })
    .from(auditLogs)
    .where(
      and(
        eq(auditLogs.entityType, 'cart'),
        eq(auditLogs.entityId, cartId),
        eq(auditLogs.action, 'cart.merged'),
        sql`${auditLogs.metadata}->>'claimId' = ${claimId}`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

async function applyClaim(db: Database, userId: string, claim: Claim): Promise<CartNotice[]> {
  return db.transaction(async (tx) => {
    const cartId = await lockUserCart(tx, userId);
    if (await claimAlreadyApplied(tx, cartId, claim.claimId)) return [];
    const before = await loadUserCartQuantities(tx, userId);
    const limits = await loadVariantLimits(tx, [...Object.keys(before), ...Object.keys(claim.quantities)]);
    const merged = mergeCartLines(before, claim.quantities, limits);
    await replaceUserCartLines(tx, cartId, merged.quantities);
    await recordAudit(tx, {
      actor: { type: 'user', id: userId },
      action: 'cart.merged',
      entityType: 'cart',
      entityId: cartId,
      before: { user: before, guest: claim.quantities },
      after: merged.quantities,
      metadata: { claimId: claim.claimId, notices: merged.notices },
    });
    return merged.notices;
  });
}

export async function mergeGuestCartIntoUserCart(
  deps: { db: Database; redis: Redis },
  input: { sessionId: string; userId: string },
): Promise<{ cart: CartView; notices: CartNotice[] }> {
  const owner: CartOwner = { kind: 'user', userId: input.userId };
  const notices: CartNotice[] = [];
  if (isCartSessionId(input.sessionId)) {
    // A second round only happens when the guest kept shopping while an earlier merge of theirs was stuck.
    for (let round = 0; round < 3; round += 1) {
      const claim = await claimGuestCart(deps.redis, input.sessionId);
      if (!claim) break;
      notices.push(...(await applyClaim(deps.db, input.userId, claim)));
      await inRedis(() => deps.redis.del(cartKey(owner).key));
      await inRedis(() => runScript(deps.redis, RELEASE_CLAIM, [mergeClaimKey(input.sessionId)], [claim.claimId]));
    }
  }
  const cart = await loadCartView(deps, owner, notices);
  return { cart, notices: cart.notices };
}
