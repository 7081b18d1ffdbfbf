// The challenge an account under attack asks of every sign-in (lib/auth/sign-in.ts): a proof of work the server
// signs and the browser solves (lib/auth/challenge-proof.ts). Signed with the site's secret and bound to the account
// and its difficulty, so it cannot be forged, moved to another account or made easier; it expires in minutes; and it
// is spent on first use (its nonce is claimed in Redis), so one solution pays for one guess. Fails closed: when
// Redis cannot answer, the attempt is refused as unavailable.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Redis } from '@upstash/redis';
import { errorText, log } from '../log';
import { CHALLENGE_SHAPE, provesWork } from './challenge-proof';

export interface SignInChallengePolicy {
  /** Leading zero bits of SHA-256 asked for: 2^bits hashes on average (17: about a second or two in a browser). */
  bits: number;
  /** How long a challenge can be solved and spent. */
  ttlMs: number;
}

export const SIGN_IN_CHALLENGE_POLICY: SignInChallengePolicy = { bits: 17, ttlMs: 5 * 60_000 };

/** How many more bits an account past its surge window asks for: 16 times the work per guess. */
export const SURGE_EXTRA_BITS = 4;

/** `solved` carries the difficulty that was paid, so the caller can ask for a harder one when the price has gone up. */
export type ChallengeOutcome = { kind: 'solved'; bits: number } | { kind: 'invalid' } | { kind: 'unavailable' };

export interface SignInChallenges {
  /** The policy's difficulty: what an account under attack asks before its surge. */
  readonly bits: number;
  /** A fresh challenge for sign-ins to this account: the policy's difficulty, plus `extraBits` when the price is up. */
  issue(email: string, extraBits?: number): string;
  /** Checks and spends a solution: `solved` once, `invalid` for a missing, forged, expired, unsolved or spent one. */
  redeem(email: string, challenge: unknown, solution: unknown): Promise<ChallengeOutcome>;
}

export interface SignInChallengeOptions {
  redis: Redis;
  secret: string;
  policy?: SignInChallengePolicy;
  now?: () => number;
  prefix?: string;
}

const invalid: ChallengeOutcome = { kind: 'invalid' };

export function createSignInChallenges(options: SignInChallengeOptions): SignInChallenges {
  const policy = options.policy ?? SIGN_IN_CHALLENGE_POLICY;
  const now = options.now ?? Date.now;
  const prefix = options.prefix ?? 'signin-challenge';
  const mac = (email: string, bits: string, expires: string, nonce: string) =>
    createHmac('sha256', options.secret).update(`sign-in-challenge:v1|${email}|${bits}|${expires}|${nonce}`).digest('base64url');

  return {
    bits: policy.bits,
    issue(email, extraBits = 0) {
      const bits = String(policy.bits + extraBits);
      const expires = String(now() + policy.ttlMs);
      const nonce = randomBytes(16).toString('base64url');
      return `${bits}.${expires}.${nonce}.${mac(email, bits, expires, nonce)}`;
    },
    async redeem(email, challenge, solution) {
      if (typeof challenge !== 'string' || typeof solution !== 'string') return invalid;
      const match = CHALLENGE_SHAPE.exec(challenge);
      if (!match) return invalid;
      const [, bits = '', expires = '', nonce = '', signature = ''] = match;
      const expected = Buffer.from(mac(email, bits, expires, nonce));
      if (!timingSafeEqual(expected, Buffer.from(signature))) return invalid;
      // A challenge issued under an easier policy is not honoured once the policy is raised.
      if (Number(bits) < policy.bits || Number(expires) <= now()) return invalid;
      if (!(await provesWork(challenge, solution))) return invalid;
      try {
        const claimed = await options.redis.set(`${prefix}:spent:${nonce}`, '1', { nx: true, px: Math.max(1_000, Number(expires) - now() + 1_000) });
        return claimed === 'OK' ? { kind: 'solved', bits: Number(bits) } : invalid;
      } catch (error) {
        log().error({ error: errorText(error) }, 'sign-in challenge: unavailable, refusing');
        return { kind: 'unavailable' };
      }
    },
  };
}
