// Fail-closed rate limiting on @upstash/ratelimit. Measured behaviour of @upstash/ratelimit 2.x: with `timeout` the library
// answers { success: true, reason: 'timeout' } when Redis is slow — fail-OPEN — and throws when Redis refuses
// connections. Both become a denial with reason 'unavailable' here, so an outage never means unlimited attempts.
import 'server-only';
import { Ratelimit } from '@upstash/ratelimit';
import type { Redis } from '@upstash/redis';
import { isTaggedSpelling, mailboxKey } from '@/lib/auth/mailbox';
import { AppError, errorMessage } from '@/lib/errors';
import { errorText, log } from '@/lib/log';
import { redis } from '@/lib/redis';

type Window = Parameters<typeof Ratelimit.slidingWindow>[1];
interface Policy {
  tokens: number;
  window: Window;
}

/** Named limits in one place; `ratelimit:<name>:<identifier>` keys, expiring with their window. */
export const rateLimitPolicies = {
  // A fresh guest order link, emailed to the order's own address: a few per order per hour is plenty.
  orderLinkByOrder: { tokens: 3, window: '1 h' },
  // Sign-in consumes a token per attempt and refunds it on success, so these count failed attempts. Addresses count
  // by bucket (an IPv6 /64), emails by mailbox (`a+tag@x` as `a@x`).
  // Per IP it is generous because shoppers behind one NAT (an office, a mobile carrier) share an address.
  signInByIp: { tokens: 30, window: '10 m' },
  // Per account, from every address together. Past it the account is under attack and every attempt must bring a
  // solved proof-of-work challenge (lib/auth/sign-in.ts) — a price, not a wall, so a few addresses cannot lock the owner
  // out. One address alone is slowed long before this by the exponential delay per account × address
  // (lib/auth/sign-in-delay.ts).
  signInByEmail: { tokens: 50, window: '1 h' },
  // Attempts that paid a challenge, per account: past the surge the price goes up 16-fold (a harder challenge).
  signInByEmailSurge: { tokens: 500, window: '1 h' },
  // The ceiling on paid guesses per account: past it sign-in is closed for the hour and the owner gets in by resetting
  // the password by email (which clears these windows). A GPU solves challenges quickly, so only a ceiling bounds the
  // guesses a distributed attacker can make; keeping the owner's way in through their mailbox is what makes it safe.
  signInByEmailCeiling: { tokens: 2_000, window: '1 h' },
  registerByIp: { tokens: 20, window: '1 h' },
  // Registrations and reset requests per mailbox (`a+tag@x` counts as `a@x`, lib/auth/mailbox.ts): each one emails
  // that inbox, and tagged spellings are separate accounts with separate 5-minute email windows.
  registerByMailbox: { tokens: 5, window: '1 h' },
  passwordResetByMailbox: { tokens: 5, window: '1 h' },
  // "Forgot your password?" requests per address (each account also gets at most one email per 5 minutes).
  passwordResetByIp: { tokens: 10, window: '1 h' },
  // Verify and reset links submitted per address: a token is 256 bits, so this only stops a script hammering the forms.
  accountLinksByIp: { tokens: 30, window: '10 m' },
  // Password changes per account (each is a bcrypt check of the current password): a few tries, not a guessing oracle
  // for whoever finds a signed-in browser.
  passwordChangeByUser: { tokens: 5, window: '15 m' },
  // Profile and saved-address writes per account: a person edits a handful a minute.
  accountWritesByUser: { tokens: 30, window: '1 m' },
  checkoutBySession: { tokens: 10, window: '1 m' },
  // Checkout and payment retries per address: loose for the same NAT reason as sign-in, tight enough to stop a
  // script from holding the whole stock in 15-minute reservations.
  checkoutByIp: { tokens: 60, window: '1 m' },
  // Every use of a saved card (a one-click charge) per account: a stolen session cannot run a card through many
  // small orders quickly. A shopper pays once or twice a day; 5 in 10 minutes leaves room for a declined card's retry.
  savedCardUseByUser: { tokens: 5, window: '10 m' },
  // Listing and removing saved cards per account.
  savedCardsByUser: { tokens: 30, window: '1 m' },
  // New guest cart sessions (cart cookies issued) per address: each session can hold one order, so unlimited
  // sessions were unlimited holds. A household or office opens a few an hour; a script opening hundreds is stopped.
  cartSessionsByIp: { tokens: 20, window: '10 m' },
  // Cart writes (add, change, remove, clear, restore) per cart and per address: a shopper clicks a few times a
  // minute; a script hammering Redis and the availability queries is slowed to the same pace.
  cartWritesByOwner: { tokens: 60, window: '1 m' },
  cartWritesByIp: { tokens: 240, window: '1 m' },
  // Discount codes tried with the checkout form's Apply button, per address: a shopper tries one or two; a script
  // guessing codes gets 60 guesses per 10 minutes (placing orders has its own, tighter limits).
  discountChecksByIp: { tokens: 60, window: '10 m' },
} as const satisfies Record<string, Policy>;

export type RateLimitPolicy = keyof typeof rateLimitPolicies;

export type RateLimitDecision =
  | { allowed: true }
  | { allowed: false; reason: 'rate_limited'; retryAfterSeconds: number }
  | { allowed: false; reason: 'unavailable' };

/** Every decision must allow: Redis trouble in any one denies as unavailable; otherwise the longest wait wins. */
export function allOf(decisions: RateLimitDecision[]): RateLimitDecision {
  const denied = decisions.filter((decision) => !decision.allowed);
  if (denied.length === 0) return { allowed: true };
  if (denied.some((decision) => decision.reason === 'unavailable')) return { allowed: false, reason: 'unavailable' };
  const waits = denied.map((decision) => (decision.reason === 'rate_limited' ? decision.retryAfterSeconds : 1));
  return { allowed: false, reason: 'rate_limited', retryAfterSeconds: Math.max(...waits) };
}

/**
 * Requests that email an inbox (registration, password reset): per address first, and only then — so a refused
 * request spends nothing else — per mailbox for tagged spellings (`a+tag@x` counts as `a@x`). The exact address is not
 * counted per mailbox: it already gets at most one email per few minutes, and a mailbox window on it would let anyone
 * block its owner's reset or sign-up by asking five times an hour.
 */
export async function limitEmailRequest(
  limiter: RateLimiter,
  policies: { byAddress: RateLimitPolicy; byMailbox: RateLimitPolicy },
  address: string,
  email: string,
): Promise<RateLimitDecision> {
  const byAddress = await limiter.limit(policies.byAddress, address);
  if (!byAddress.allowed || !isTaggedSpelling(email)) return byAddress;
  return limiter.limit(policies.byMailbox, mailboxKey(email));
}

/**
 * A denial thrown from deep inside a door (e.g. issuing a cart cookie): route() answers it with 429 + Retry-After (or
 * 503 when Redis is down), and a server action's `serverError` carries its code and words.
 */
export class RateLimitRefusal extends AppError {
  constructor(
    readonly decision: Exclude<RateLimitDecision, { allowed: true }>,
    message?: string,
  ) {
    const code = decision.reason === 'rate_limited' ? 'rate_limited' : 'rate_limit_unavailable';
    super(code, message ?? errorMessage(code));
  }
}

export interface RateLimiter {
  limit(policy: RateLimitPolicy, identifier: string): Promise<RateLimitDecision>;
  /** Gives back the token an allowed attempt used (e.g. a sign-in that succeeded). Best effort. */
  refund(policy: RateLimitPolicy, identifier: string): Promise<void>;
  /** Empties the identifier's window (e.g. an account's sign-in windows once its owner reset the password). Best effort. */
  reset(policy: RateLimitPolicy, identifier: string): Promise<void>;
}

export interface RateLimiterOptions {
  redis: Redis;
  /**
   * How long to wait for Redis before denying (default 2.5 s); the library's own timeout would allow instead. 1 s denied
   * a few of 100 simultaneous first requests to a just-started process on a busy 2-core machine.
   */
  timeoutMs?: number;
  /** Key prefix, so tests can isolate their windows. */
  prefix?: string;
  /** Override limits (tests use small ones). */
  policies?: Partial<Record<RateLimitPolicy, Policy>>;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const prefix = options.prefix ?? 'ratelimit';
  const limiters = new Map<RateLimitPolicy, Ratelimit>();
  const limiterFor = (policy: RateLimitPolicy) => {
    let limiter = limiters.get(policy);
    if (!limiter) {
      const { tokens, window } = options.policies?.[policy] ?? rateLimitPolicies[policy];
      limiter = new Ratelimit({
        redis: options.redis,
        limiter: Ratelimit.slidingWindow(tokens, window),
        prefix: `${prefix}:${policy}`,
        timeout: options.timeoutMs ?? 2_500,
        // The in-memory block cache differs per server instance and would hide refunds; Redis is the one truth.
        ephemeralCache: false,
        analytics: false,
      });
      limiters.set(policy, limiter);
    }
    return limiter;
  };

  return {
    async limit(policy, identifier) {
      try {
        const result = await limiterFor(policy).limit(identifier);
        if (result.reason === 'timeout') return { allowed: false, reason: 'unavailable' };
        if (result.success) return { allowed: true };
        return { allowed: false, reason: 'rate_limited', retryAfterSeconds: Math.max(1, Math.ceil((result.reset - Date.now()) / 1000)) };
      } catch (error) {
        log().error({ policy, error: errorText(error) }, 'rate-limit: unavailable, denying');
        return { allowed: false, reason: 'unavailable' };
      }
    },
    async refund(policy, identifier) {
      try {
        // A negative rate is the library's refund: it skips the limit check and decrements the current window.
        await limiterFor(policy).limit(identifier, { rate: -1 });
      } catch (error) {
        log().error({ policy, error: errorText(error) }, 'rate-limit: refund failed');
      }
    },
    async reset(policy, identifier) {
      try {
        await limiterFor(policy).resetUsedTokens(identifier);
      } catch (error) {
        log().error({ policy, error: errorText(error) }, 'rate-limit: reset failed');
      }
    },
  };
}

let shared: RateLimiter | undefined;

/** The app's limiter on the app's Redis (whose client retries once, so an outage is noticed in milliseconds). */
export function rateLimiter(): RateLimiter {
  shared ??= createRateLimiter({ redis: redis() });
  return shared;
}

/** Shorthand for the app's limiter: `await limit('checkoutBySession', sessionId)`. */
export function limit(policy: RateLimitPolicy, identifier: string): Promise<RateLimitDecision> {
  return rateLimiter().limit(policy, identifier);
}
