// next-auth configuration: credentials sign-in with JWT sessions carrying the user's id, role and session version.
// `authorize` is the whole sign-in: validate, slow down and rate-limit (fail closed), check the password, then merge the guest cart.
import 'server-only';
import type { NextAuthOptions, User } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { db } from '@/db';
import { safeCallbackPath } from '@/lib/auth/safe-callback';
import { signInSchema } from '@/lib/auth/schemas';
import { createSignInDelay, type SignInDelay } from '@/lib/auth/sign-in-delay';
import { delayedSignInCode, SIGN_IN_ERROR } from '@/lib/auth/sign-in-errors';
import { resendVerification } from '@/lib/auth/verify-email';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { env } from '@/lib/core/env';
import { log } from '@/lib/log';
import { redis } from '@/lib/redis';
import { relayAfterResponse } from './jobs';
import { rateLimiter, type RateLimiter } from './rate-limit';
import { clientIp } from './request-meta';
import { mergeCartAfterSignIn } from './sign-in-effects';

const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

type RequestHeaders = Record<string, string | undefined>;

let sharedDelay: SignInDelay | undefined;

/** The app's sign-in delay (account × address) on the app's Redis. */
export function signInDelay(): SignInDelay {
  sharedDelay ??= createSignInDelay({ redis: redis() });
  return sharedDelay;
}

export interface SignInGuards {
  limiter: RateLimiter;
  delay: SignInDelay;
}

/**
 * The credentials sign-in: validate, slow down and rate-limit (fail closed), check the password, merge the guest cart.
 * Returns the user for the session, null for the one generic failure, or throws a SIGN_IN_ERROR code
 * (next-auth hands a thrown message to the client as the sign-in `error`).
 */
export async function authorizeCredentials(
  credentials: Record<string, string> | undefined,
  headers: RequestHeaders,
  guards: Partial<SignInGuards> = {},
): Promise<User | null> {
  const limiter = guards.limiter ?? rateLimiter();
  const delay = guards.delay ?? signInDelay();
  const parsed = signInSchema.safeParse({ email: credentials?.email, password: credentials?.password });
  const ip = clientIp(headers);

  // First the delay for this account from this address. An attempt that must still wait is refused before anything
  // else counts it, so hammering during the wait neither lengthens it nor uses up the account's ceiling.
  if (parsed.success) {
    const waited = await delay.attempt(parsed.data.email, ip);
    if (!waited.allowed) throw new Error(waited.reason === 'unavailable' ? SIGN_IN_ERROR.unavailable : delayedSignInCode(waited.retryAfterSeconds));
  }
  // Then the ceilings, before any password work: per address, and per account when the email is well-formed.
  const [byIp, byEmail] = await Promise.all([
    limiter.limit('signInByIp', ip),
    parsed.success ? limiter.limit('signInByEmail', parsed.data.email) : Promise.resolve({ allowed: true as const }),
  ]);
  if ((!byIp.allowed && byIp.reason === 'unavailable') || (!byEmail.allowed && byEmail.reason === 'unavailable')) {
    throw new Error(SIGN_IN_ERROR.unavailable);
  }
  if (!byIp.allowed || !byEmail.allowed) throw new Error(SIGN_IN_ERROR.rateLimited);
  if (!parsed.success) return null;

  const result = await verifyCredentials({ db }, parsed.data);
  if (!result.ok) return null;
  const account = result.value;

  if (!account.emailVerified) {
    // The right password on an address nobody has verified yet: the owner gets a fresh link, and this attempt is
    // answered — and counted — exactly like a wrong password. Anything else would let a stranger who registers an
    // address and then signs in with their own password learn whether it already had an account.
    await resendVerificationQuietly(account.id);
    return null;
  }

  // Only failed attempts should count: give back what this successful one used, and start this address's delay again.
  await Promise.all([limiter.refund('signInByIp', ip), limiter.refund('signInByEmail', parsed.data.email), delay.succeeded(parsed.data.email, ip)]);
  await mergeCartAfterSignIn(headers.cookie, account.id);
  return { id: account.id, email: account.email, name: account.name, role: account.role, sessionVersion: account.sessionVersion };
}

async function resendVerificationQuietly(userId: string): Promise<void> {
  try {
    if (await resendVerification({ db, secret: env().NEXTAUTH_SECRET }, userId)) relayAfterResponse();
  } catch (error) {
    log().error({ err: error }, 'auth: could not queue a fresh verify link');
  }
}

export const authOptions: NextAuthOptions = {
  secret: env().NEXTAUTH_SECRET,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  providers: [
    CredentialsProvider({
      id: 'credentials',
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      authorize: (credentials, req) => authorizeCredentials(credentials, (req.headers ?? {}) as RequestHeaders),
    }),
  ],
  callbacks: {
    // `user` is only present at sign-in, straight from authorize (i.e. the database). Later calls keep the token
    // as it is: `trigger: 'update'` data from the client is ignored, so a role can never come from the browser.
    jwt({ token, user }) {
      if (user) {
        token.id = user.id;
        token.role = user.role;
        token.name = user.name;
        token.email = user.email;
        // The doors compare it with the account's version on every request: a password reset ends this session.
        token.sessionVersion = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      if (token.id && token.role && token.email) {
        session.user = { id: token.id, email: token.email, name: token.name ?? '', role: token.role, sessionVersion: token.sessionVersion ?? 0 };
      } else {
        delete session.user;
      }
      return session;
    },
    // Only paths on this site: an absolute URL on our own origin is reduced to its path, anything else to '/'.
    redirect({ url, baseUrl }) {
      let candidate = url;
      if (URL.canParse(url) && new URL(url).origin === new URL(baseUrl).origin) {
        const parsed = new URL(url);
        candidate = `${parsed.pathname}${parsed.search}${parsed.hash}`;
      }
      return `${baseUrl}${safeCallbackPath(candidate)}`;
    },
  },
};
