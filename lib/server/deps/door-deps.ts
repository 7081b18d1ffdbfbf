// What the doors (route handlers, server actions, protected pages) take from the outside world: the database, Redis,
// the rate limiter and who is signed in. One object, replaceable for the span of one call with `withDoorDeps`, so a
// test runs a real handler with a chosen session or a Redis that is down instead of mocking modules.
import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Redis } from '@upstash/redis';
import { eq } from 'drizzle-orm';
import type { Session } from 'next-auth';
import { getServerSession } from 'next-auth/next';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { type Database, db } from '@/db';
import { users } from '@/db/schema';
import { type AdminSessionStamp, adminSessionAlive } from '@/lib/auth/admin-session';
import { sessionIsCurrent } from '@/lib/auth/sessions';
import type { AuthenticatedUser, UserRole } from '@/lib/auth/types';
import { trustedProxyHops } from '@/lib/core/env';
import { errorText, type Logger, rootLogger } from '@/lib/log';
import { redis } from '@/lib/redis';
import { authOptions } from '../doors/auth-options';
import { SESSION_COOKIE_NAME } from '../doors/session-cookie';
import { type RateLimiter, rateLimiter } from '../doors/rate-limit';

export type SessionUser = AuthenticatedUser;

export interface CookieOptions {
  httpOnly: boolean;
  sameSite: 'lax' | 'strict';
  secure: boolean;
  path: string;
  maxAge: number;
}

/** The few cookie operations the doors need, as next/headers' cookie store offers them. */
export interface CookieJar {
  get(name: string): { value: string } | undefined;
  set(name: string, value: string, options: CookieOptions): void;
  delete(options: { name: string; path: string }): void;
}

export interface DoorDeps {
  db: Database;
  redis: () => Redis;
  limiter: () => RateLimiter;
  /**
   * Who is signed in: the session cookie's user (identity and role from a signed, encrypted JWT, as sign-in wrote
   * them), unless the account's session version has moved past the token's since — then nobody.
   */
  currentUser: () => Promise<SessionUser | null>;
  /** The session next-auth reads from the request's cookie (the JWT decrypted and passed through its callbacks). */
  session: () => Promise<Session | null>;
  /** The account's session version in the database now; null when the account is gone. */
  sessionVersionNow: (userId: string) => Promise<number | null>;
  /** The user's role in the database now: admin power is re-checked here, so a demotion takes effect at once. */
  roleNow: (userId: string) => Promise<UserRole | null>;
  /** The incoming request's headers, for server actions (route handlers read their Request). */
  requestHeaders: () => Promise<Headers>;
  /** The request's cookies, read and written by server actions and pages (next/headers; a test passes a plain jar). */
  cookieJar: () => Promise<CookieJar>;
  /** TRUSTED_PROXY_HOPS: how the caller's address is read from the request (lib/server/doors/request-meta.ts). */
  trustedProxyHops: () => number;
  /** Milliseconds since the epoch: admin sessions' absolute and idle limits are measured on it. */
  now: () => number;
  /** Where route() writes its request line (and everything logged during the request): stdout, or a test's capture. */
  logger: () => Logger;
}

const ROLES: readonly UserRole[] = ['customer', 'admin'];

async function sessionUser(): Promise<SessionUser | null> {
  const deps = doorDeps();
  const user = (await deps.session())?.user;
  if (!user?.id || !user.email || !ROLES.includes(user.role)) return null;
  // A JWT cannot be recalled, so a password reset bumps the account's version and every older token stops here.
  if (!sessionIsCurrent(user.sessionVersion, await deps.sessionVersionNow(user.id))) return null;
  // Admin tokens live 12 hours at most and die after 30 idle minutes; a customer's keeps its 7 days.
  if (user.role === 'admin' && !(await adminSessionCounts(deps, user))) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

async function adminSessionCounts(deps: DoorDeps, stamp: AdminSessionStamp): Promise<boolean> {
  try {
    return await adminSessionAlive({ redis: deps.redis(), now: deps.now() }, stamp);
  } catch (error) {
    deps.logger().error({ error: errorText(error) }, 'auth: admin session check unavailable, signing out for this request');
    return false;
  }
}

// One primary-key read per request: React's cache() shares it between the layout, the page and the components that
// ask who is signed in during one render (outside a render — route handlers, actions — each call reads).
const sessionVersionInDatabase = cache(async (userId: string): Promise<number | null> => {
  const [row] = await db.select({ sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, userId));
  return row?.sessionVersion ?? null;
});

async function roleInDatabase(userId: string): Promise<UserRole | null> {
  const [row] = await db.select({ role: users.role }).from(users).where(eq(users.id, userId));
  return row?.role ?? null;
}

/**
 * A request without a session cookie has no session: answered without running next-auth, whose session read builds
 * and handles a whole internal request (most shopper requests are guests').
 */
async function sessionFromCookie(): Promise<Session | null> {
  const jar = await cookies();
  if (!jar.getAll().some((cookie) => SESSION_COOKIE_NAME.test(cookie.name))) return null;
  return getServerSession(authOptions);
}

async function nextRequestHeaders(): Promise<Headers> {
  return new Headers(await headers());
}

const defaults: DoorDeps = {
  db,
  redis,
  limiter: rateLimiter,
  currentUser: sessionUser,
  session: sessionFromCookie,
  sessionVersionNow: sessionVersionInDatabase,
  roleNow: roleInDatabase,
  requestHeaders: nextRequestHeaders,
  cookieJar: async () => cookies(),
  trustedProxyHops: () => trustedProxyHops(),
  now: Date.now,
  logger: rootLogger,
};

const overrides = new AsyncLocalStorage<Partial<DoorDeps>>();

export function doorDeps(): DoorDeps {
  const replaced = overrides.getStore();
  return replaced ? { ...defaults, ...replaced } : defaults;
}

/** Runs `fn` with some dependencies replaced (nested calls merge). Tests use it; production never needs to. */
export function withDoorDeps<T>(replaced: Partial<DoorDeps>, fn: () => T): T {
  return overrides.run({ ...overrides.getStore(), ...replaced }, fn);
}
