// Slowing down password guessing without locking the owner out. Attempts are counted per account × client address:
// the first few wait for nothing (typos), then each further attempt from that address must wait twice as long as the
// one before (2 s, 4 s, 8 s … up to a cap). Another address starts from scratch, so a guesser cannot lock the owner out
// from afar; guessing spread over many addresses meets the per-account windows in lib/server/doors/rate-limit.ts
// (`signInByEmail*`: a proof-of-work price, a higher one, then a ceiling the owner lifts by a reset). A successful sign-in clears its address's count, a password reset the whole account's.
//
// An attempt refused for waiting is not counted (waiting out the delay is all it takes), and the check counts the
// attempt in the same Redis script that lets it through, so parallel attempts cannot slip past a delay together.
// Fails closed: when Redis cannot answer, the attempt is refused as `unavailable`.
import type { Redis } from '@upstash/redis';
import { errorText, log } from '../log';

export interface SignInDelayPolicy {
  /** Attempts from one address that wait for nothing. */
  freeAttempts: number;
  /** The longest wait between two attempts. */
  maxDelaySeconds: number;
  /** How long an address's count is kept after the account's last attempt. */
  memorySeconds: number;
}

export const SIGN_IN_DELAY_POLICY: SignInDelayPolicy = { freeAttempts: 5, maxDelaySeconds: 15 * 60, memorySeconds: 24 * 60 * 60 };

/** The wait after the n-th counted attempt (1-based) before the next one: 0 for the free ones, then 2, 4, 8 … s, capped. */
export function delayAfterAttempt(attempt: number, policy: SignInDelayPolicy = SIGN_IN_DELAY_POLICY): number {
  if (attempt < policy.freeAttempts) return 0;
  return Math.min(2 ** (attempt - policy.freeAttempts + 1), policy.maxDelaySeconds);
}

/** Every distinct wait in order, ending at the cap (which then repeats): what the Redis script indexes. */
export function delaySchedule(policy: SignInDelayPolicy = SIGN_IN_DELAY_POLICY): number[] {
  const schedule: number[] = [];
  for (let attempt = 1; ; attempt += 1) {
    const seconds = delayAfterAttempt(attempt, policy);
    schedule.push(seconds);
    if (seconds >= policy.maxDelaySeconds) return schedule;
  }
}

export type SignInDelayDecision =
  | { allowed: true; attempt: number }
  | { allowed: false; reason: 'delayed'; retryAfterSeconds: number }
  | { allowed: false; reason: 'unavailable' };

export interface SignInDelay {
  /** Counts an attempt at this account from this address, unless it must still wait. */
  attempt(email: string, address: string): Promise<SignInDelayDecision>;
  /** The owner got in from this address: its count starts again. Best effort. */
  succeeded(email: string, address: string): Promise<void>;
  /** After a password reset: every address's count for this account starts again. Best effort. */
  forget(email: string): Promise<void>;
}

/** One hash per account (`<prefix>:<email>`), two fields per address: `<address>|n` (attempts) and `<address>|at` (ms). */
export const signInDelayKey = (email: string, prefix = 'signin-delay') => `${prefix}:${email}`;
export const signInDelayFields = (address: string) => ({ count: `${address}|n`, readyAt: `${address}|at` });

// KEYS[1] the account's hash · ARGV: now (ms), ttl (s), count field, ready-at field, then the schedule in ms.
// Returns {1, attempt} when counted, {0, waitMs} when the address must still wait.
const ATTEMPT_SCRIPT = `
local now = tonumber(ARGV[1])
local readyAt = tonumber(redis.call('HGET', KEYS[1], ARGV[4]) or '0')
if now < readyAt then return {0, readyAt - now} end
local count = tonumber(redis.call('HGET', KEYS[1], ARGV[3]) or '0') + 1
local steps = #ARGV - 4
local waitMs = tonumber(ARGV[4 + math.min(count, steps)])
redis.call('HSET', KEYS[1], ARGV[3], count, ARGV[4], now + waitMs)
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
return {1, count}
`;

export interface SignInDelayOptions {
  redis: Redis;
  policy?: SignInDelayPolicy;
  /** Milliseconds since the epoch; tests move it instead of waiting. */
  now?: () => number;
  /** Key prefix, so tests can isolate their counts. */
  prefix?: string;
  /** How long to wait for Redis before refusing. */
  timeoutMs?: number;
}

export function createSignInDelay(options: SignInDelayOptions): SignInDelay {
  const policy = options.policy ?? SIGN_IN_DELAY_POLICY;
  const scheduleMs = delaySchedule(policy).map((seconds) => seconds * 1_000);
  const now = options.now ?? Date.now;
  const key = (email: string) => signInDelayKey(email, options.prefix);
  const timeoutMs = options.timeoutMs ?? 1_000;

  // The client's own retries could hold a sign-in for seconds while Redis hangs: refuse after a short wait instead.
  const withTimeout = async <T>(work: Promise<T>): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    async attempt(email, address) {
      const fields = signInDelayFields(address);
      try {
        const reply = await withTimeout(
          options.redis.eval<(string | number)[], [number, number]>(
            ATTEMPT_SCRIPT,
            [key(email)],
            [now(), policy.memorySeconds, fields.count, fields.readyAt, ...scheduleMs],
          ),
        );
        const [counted, value] = reply.map(Number) as [number, number];
        if (counted === 1) return { allowed: true, attempt: value };
        return { allowed: false, reason: 'delayed', retryAfterSeconds: Math.max(1, Math.ceil(value / 1_000)) };
      } catch (error) {
        log().error({ error: errorText(error) }, 'sign-in delay: unavailable, refusing');
        return { allowed: false, reason: 'unavailable' };
      }
    },
    async succeeded(email, address) {
      const fields = signInDelayFields(address);
      try {
        await withTimeout(options.redis.hdel(key(email), fields.count, fields.readyAt));
      } catch (error) {
        log().error({ error: errorText(error) }, 'sign-in delay: could not clear after a sign-in');
      }
    },
    async forget(email) {
      try {
        await withTimeout(options.redis.del(key(email)));
      } catch (error) {
        log().error({ error: errorText(error) }, 'sign-in delay: could not clear after a reset');
      }
    },
  };
}
