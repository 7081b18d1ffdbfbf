// Admin sessions are shorter than customers': at most 12 hours from sign-in, and signed out after 30 minutes without a
// request. A JWT cannot be recalled, so the doors ask this on every request a token with the admin role makes: the
// absolute limit from the token's sign-in time, the idle limit from the session's last request, kept in Redis under
// the token's session id and moved forward by each request that passes. Customers' sessions keep their 7 days.
// Fails closed: when Redis cannot answer, the admin session does not count (the admin pages are down then anyway).
import type { Redis } from '@upstash/redis';
import { redisKeys } from '../redis-keys';

export const ADMIN_SESSION_POLICY = { maxAgeMs: 12 * 60 * 60_000, idleMs: 30 * 60_000 } as const;

export interface AdminSessionStamp {
  /** Random per sign-in; names the session's last-request record. */
  sessionId?: string;
  /** When the session signed in (ms since the epoch). */
  signedInAt?: number;
}

// KEYS[1] the session's last request · ARGV: now, signed-in at, idle limit (ms), ttl (s).
// A session with no request yet counts from its sign-in. Returns 1 and records `now` when the session is still alive.
const TOUCH_SCRIPT = `
local now = tonumber(ARGV[1])
local last = tonumber(redis.call('GET', KEYS[1]) or ARGV[2])
if now - last > tonumber(ARGV[3]) then return 0 end
if now > last then redis.call('SET', KEYS[1], ARGV[1], 'EX', tonumber(ARGV[4])) end
return 1
`;

/** Whether an admin token may still act at `now`; a request that passes restarts the idle clock. */
export async function adminSessionAlive(
  deps: { redis: Redis; now: number; policy?: { maxAgeMs: number; idleMs: number } },
  stamp: AdminSessionStamp,
): Promise<boolean> {
  const policy = deps.policy ?? ADMIN_SESSION_POLICY;
  const { sessionId, signedInAt } = stamp;
  // A token from before these limits existed carries neither: it signs in again.
  if (!sessionId || typeof signedInAt !== 'number') return false;
  if (deps.now - signedInAt > policy.maxAgeMs || deps.now < signedInAt - 60_000) return false;
  const ttlSeconds = Math.ceil(policy.maxAgeMs / 1_000);
  const alive = await deps.redis.eval<string[], number>(
    TOUCH_SCRIPT,
    [redisKeys.adminSessionSeen(sessionId)],
    [String(deps.now), String(signedInAt), String(policy.idleMs), String(ttlSeconds)],
  );
  return Number(alive) === 1;
}
