// What a sign-in's cart merge changed (a quantity trimmed to what is in stock or to the per-order maximum, a line
// dropped), kept in Redis for the shopper to read ONCE: the sign-in itself cannot answer with it (next-auth's
// credentials call returns only success or an error), so the browser asks right after signing in, and the read
// deletes it (GETDEL) — a second read, another tab or a reload says nothing again.
import type { Redis } from '@upstash/redis';
import { z } from 'zod';
import { mergeNoticesKey, mergeNoticesTtlSeconds } from './cart-keys';
import type { CartNotice } from './types';

const storedNotices = z.array(
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('clamped'),
      variantId: z.string(),
      title: z.string(),
      requested: z.number().int(),
      allowed: z.number().int(),
      reason: z.enum(['in_stock', 'per_order']).optional(),
    }),
    z.object({ kind: z.literal('removed_unavailable'), variantId: z.string(), title: z.string() }),
  ]),
);

/** Keeps the merge's notices for this user (replacing older unread ones); nothing is kept when nothing changed. */
export async function keepMergeNotices(redis: Redis, userId: string, notices: CartNotice[]): Promise<void> {
  if (notices.length === 0) return;
  await redis.set(mergeNoticesKey(userId), JSON.stringify(notices), { ex: mergeNoticesTtlSeconds });
}

/** The unread notices of the last merge, deleted as they are read; [] when there are none (or they were read). */
export async function takeMergeNotices(redis: Redis, userId: string): Promise<CartNotice[]> {
  const raw = await redis.getdel<unknown>(mergeNoticesKey(userId));
  if (raw === null || raw === undefined) return [];
  const parsed = storedNotices.safeParse(typeof raw === 'string' ? JSON.parse(raw) : raw);
  return parsed.success ? parsed.data : [];
}
