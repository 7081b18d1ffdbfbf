// next-auth configuration: credentials sign-in with JWT sessions carrying the user's id, role and session version.
// `authorize` only wires the sign-in use case (lib/auth/sign-in.ts) to this app's services.
import 'server-only';
import type { NextAuthOptions, User } from 'next-auth';
import credentialsProvider from 'next-auth/providers/credentials';
import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { users } from '@/db/schema';
import { safeCallbackPath } from '@/lib/auth/safe-callback';
import { revokeSessions } from '@/lib/auth/sessions';
import { signIn } from '@/lib/auth/sign-in';
import { SIGN_IN_ERROR } from '@/lib/auth/sign-in-errors';
import { signInWithTicket } from '@/lib/auth/sign-in-ticket';
import { createSignInChallenges, type SignInChallenges } from '@/lib/auth/sign-in-challenge';
import { createSignInDelay, type SignInDelay } from '@/lib/auth/sign-in-delay';
import { resendVerification } from '@/lib/auth/verify-email';
import { isUuid } from '@/lib/is-uuid';
import { env } from '@/lib/core/env';
import { log } from '@/lib/log';
import { redis } from '@/lib/redis';
import { relayAfterResponse } from '../deps/jobs';
import { rateLimiter, type RateLimiter } from './rate-limit';
import { clientIp } from './request-meta';
import { mergeCartAfterSignIn } from '../deps/sign-in-effects';

// next-auth 4 is CommonJS with an `exports.default`: Next's bundler hands the default import over as that function,
// Node's own ESM rules (a plain node:http server: bench/lean) as the exports object around it.
const CredentialsProvider = (credentialsProvider as unknown as { default?: typeof credentialsProvider }).default ?? credentialsProvider;

const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

type RequestHeaders = Record<string, string | undefined>;

let sharedDelay: SignInDelay | undefined;

/** The app's sign-in delay (account × address) on the app's Redis. */
export function signInDelay(): SignInDelay {
  sharedDelay ??= createSignInDelay({ redis: redis() });
  return sharedDelay;
}

let sharedChallenges: SignInChallenges | undefined;

/** The challenges an account under attack asks for, signed with the site's secret, spent in the app's Redis. */
export function signInChallenges(): SignInChallenges {
  sharedChallenges ??= createSignInChallenges({ redis: redis(), secret: env().NEXTAUTH_SECRET });
  return sharedChallenges;
}

export interface SignInGuards {
  limiter: RateLimiter;
  delay: SignInDelay;
  challenges: SignInChallenges;
  now: () => number;
}

/**
 * next-auth's `authorize`: the sign-in use case (lib/auth/sign-in.ts) wired to this app's database, Redis, limits,
 * jobs and the request's cart cookie. `guards` replaces the limits and delay (tests use small ones).
 */
export async function authorizeCredentials(
  credentials: Record<string, string> | undefined,
  headers: RequestHeaders,
  guards: Partial<SignInGuards> = {},
): Promise<User | null> {
  // The browser that just confirmed its address signs in with the one-time ticket it was handed, not a password.
  if (credentials?.ticket) return authorizeTicket(credentials.ticket, headers, guards);
  return signIn(
    {
      db,
      limiter: guards.limiter ?? rateLimiter(),
      delay: guards.delay ?? signInDelay(),
      challenges: guards.challenges ?? signInChallenges(),
      resendVerification: resendVerificationQuietly,
      mergeGuestCart: (userId) => mergeCartAfterSignIn(headers.cookie, userId),
      now: guards.now,
    },
    { credentials, address: clientIp(headers) },
  );
}

async function authorizeTicket(ticket: string, headers: RequestHeaders, guards: Partial<SignInGuards>): Promise<User | null> {
  // Tickets are 256-bit and single-use; the limit only stops a script hammering the endpoint with made-up ones.
  const allowed = await (guards.limiter ?? rateLimiter()).limit('accountLinksByIp', clientIp(headers));
  if (!allowed.allowed) throw new Error(allowed.reason === 'unavailable' ? SIGN_IN_ERROR.unavailable : SIGN_IN_ERROR.rateLimited);
  return signInWithTicket({ db, mergeGuestCart: (userId) => mergeCartAfterSignIn(headers.cookie, userId), now: guards.now }, ticket);
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
      credentials: {
        email: { label: 'Email', type: 'email' },
        password: { label: 'Password', type: 'password' },
        ticket: { label: 'Sign-in ticket (from confirming an address)', type: 'hidden' },
      },
      authorize: (credentials, req) => authorizeCredentials(credentials, (req.headers ?? {}) as RequestHeaders),
    }),
  ],
  events: {
    // Signing out ends every session of the account, this one included: the JWT cannot be recalled, so a copy of it
    // (a stolen cookie) would otherwise live on until it expires. The doors check the version on every request.
    async signOut({ token }) {
      if (!token?.id) return;
      try {
        await revokeSessions(db, token.id);
      } catch (error) {
        log().error({ err: error }, 'auth: could not end the sessions at sign-out');
      }
    },
  },
  callbacks: {
    // `user` is only present at sign-in, straight from authorize (i.e. the database). Later calls keep the token
    // as it is: `trigger: 'update'` data from the client is ignored, so a role can never come from the browser.
    async jwt({ token, user, trigger }) {
      // After the shopper edits their name, the page asks for an update: the new name is read from the database,
      // never taken from the request.
      // (An id that is not a UUID names no account: nothing to read.)
      if (trigger === 'update' && isUuid(token.id)) {
        const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, token.id));
        if (row) token.name = row.name;
      }
      if (user) {
        token.id = user.id;
        token.role = user.role;
        token.name = user.name;
        token.email = user.email;
        // The doors compare it with the account's version on every request: a password reset ends this session.
        token.sessionVersion = user.sessionVersion;
        // Admin sessions are timed out from these (lib/auth/admin-session.ts).
        token.sessionId = user.sessionId;
        token.signedInAt = user.signedInAt;
      }
      return token;
    },
    session({ session, token }) {
      if (token.id && token.role && token.email) {
        session.user = {
          id: token.id,
          email: token.email,
          name: token.name ?? '',
          role: token.role,
          sessionVersion: token.sessionVersion ?? 0,
          sessionId: token.sessionId,
          signedInAt: token.signedInAt,
        };
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
