// Session lifetimes as the doors see them, with JWTs encoded and decoded as the session cookie carries them and the
// doors' clock moved instead of waiting: signing out ends the session a copied cookie still names, and an admin's
// session ends 30 idle minutes after its last request or 12 hours after sign-in, while a customer's keeps its 7 days.
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { decode, encode } from 'next-auth/jwt';
import { afterAll, describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { ADMIN_SESSION_POLICY } from '@/lib/auth/admin-session';
import { createSignInDelay } from '@/lib/auth/sign-in-delay';
import { env } from '@/lib/core/env';
import { redis } from '@/lib/redis';
import { getCurrentUser, requireAudience } from '@/lib/server/doors/auth';
import { authOptions } from '@/lib/server/doors/auth-options';
import { withDoorDeps } from '@/lib/server/deps/door-deps';
import { createRateLimiter } from '@/lib/server/doors/rate-limit';
import { verifiedCustomer } from '../support/accounts';
import { testDatabase } from '../support/db';
import { sessionFrom, signInCookie } from '../support/session-cookies';

const { db, sql } = testDatabase();
const created: string[] = [];
const prefix = `session-test:${randomUUID()}`;
afterAll(async () => {
  await db.delete(users).where(inArray(users.email, created));
  await sql.end();
  const keys = await redis().keys(`${prefix}*`);
  if (keys.length > 0) await redis().del(...keys);
});

const MINUTE = 60_000;
const password = 'Lagos-Market-42';

/** A fresh verified account, an admin when asked (promoted in the database, as `admin:create` would). */
async function account(role: 'customer' | 'admin') {
  const email = `${role}-session-${randomUUID().slice(0, 8)}@example.test`;
  created.push(email);
  const user = await verifiedCustomer(db, { email, name: `Test ${role}`, password });
  if (role === 'admin') await db.update(users).set({ role: 'admin' }).where(eq(users.id, user.id));
  return { ...user, role };
}

/** Signs in through authorize at `signedInAt` and mints the session cookie's JWT as next-auth does. */
const signInAt = (email: string, signedInAt: number) =>
  signInCookie(email, password, {
    limiter: createRateLimiter({ redis: redis(), prefix }),
    delay: createSignInDelay({ redis: redis(), prefix: `${prefix}:delay` }),
    now: () => signedInAt,
  });

/** Who the doors see for a request carrying `cookie` at time `at`. */
const userAt = (cookie: string, at: number) => withDoorDeps({ session: sessionFrom(cookie), now: () => at }, () => getCurrentUser());

describe('sign-out', () => {
  it('ends the session it signs out of: a copy of the cookie taken before is refused afterwards', async () => {
    const customer = await account('customer');
    const now = Date.now();
    const cookie = await signInAt(customer.email, now);
    const copied = cookie;
    expect(await userAt(copied, now)).toMatchObject({ id: customer.id });

    // What POST /api/auth/signout runs for the browser that signs out.
    const token = await decode({ token: cookie, secret: env().NEXTAUTH_SECRET });
    await authOptions.events!.signOut!({ token: token!, session: null as never });

    expect(await userAt(copied, now)).toBeNull();
    await expect(withDoorDeps({ session: sessionFrom(copied) }, () => requireAudience('user'))).rejects.toMatchObject({ code: 'unauthenticated' });
    // Signing in again works, with a session of the new version.
    expect(await userAt(await signInAt(customer.email, now), now)).toMatchObject({ id: customer.id });
  });
});

describe('admin sessions', () => {
  it('end after 30 minutes without a request, however young the session is', async () => {
    const admin = await account('admin');
    const start = Date.now();
    const cookie = await signInAt(admin.email, start);
    const asAdminAt = (at: number) => withDoorDeps({ session: sessionFrom(cookie), now: () => at }, () => requireAudience('admin'));

    // 29 minutes after sign-in, then 29 more after that request: each request restarts the idle clock.
    expect(await asAdminAt(start + 29 * MINUTE)).toMatchObject({ id: admin.id, role: 'admin' });
    expect(await asAdminAt(start + 58 * MINUTE)).toMatchObject({ id: admin.id });
    // 31 minutes of silence: signed out, and staying so (a later request does not revive it).
    await expect(asAdminAt(start + 89 * MINUTE)).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(asAdminAt(start + 90 * MINUTE)).rejects.toMatchObject({ code: 'unauthenticated' });
  });

  it('end 12 hours after sign-in even when used every few minutes', async () => {
    const admin = await account('admin');
    const start = Date.now();
    const cookie = await signInAt(admin.email, start);
    for (let at = start + 20 * MINUTE; at <= start + ADMIN_SESSION_POLICY.maxAgeMs; at += 20 * MINUTE) {
      expect(await userAt(cookie, at)).toMatchObject({ id: admin.id });
    }
    expect(await userAt(cookie, start + ADMIN_SESSION_POLICY.maxAgeMs + MINUTE)).toBeNull();
  });

  it('do not count without the sign-in stamp (a token minted before the limits existed signs in again)', async () => {
    const admin = await account('admin');
    const token = { id: admin.id, email: admin.email, name: admin.name, role: 'admin' as const, sessionVersion: 0 };
    const legacy = await encode({ token, secret: env().NEXTAUTH_SECRET });
    expect(await userAt(legacy, Date.now())).toBeNull();
  });

  it('leave customer sessions alone: a customer idle for a day and signed in 6 days ago is still signed in', async () => {
    const customer = await account('customer');
    const start = Date.now();
    const cookie = await signInAt(customer.email, start);
    expect(await userAt(cookie, start + 6 * 24 * 60 * MINUTE)).toMatchObject({ id: customer.id });
  });
});
