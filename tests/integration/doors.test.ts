// The doors themselves, against the real database: an admin action refuses anonymous callers, customers and demoted
// admins before parsing any input (the role is re-read from the database, not taken from the session), a shopper
// action sees the caller's cart, and an unexpected failure leaves as a bare internal_error. Who is signed in and the
// request headers are stood in through the doors' seam, since there is no live Next request in a test.
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { users } from '@/db/schema';
import { adminAction, publicAction, shopperAction } from '@/lib/server/doors/actions';
import type { SessionUser } from '@/lib/server/deps/door-deps';
import { withDoorDeps } from '@/lib/server/deps/door-deps';
import { apiJson, route } from '@/lib/server/doors/route';
import { cartTestClients, createFixtureUser, deleteFixtureUsers } from '../support/cart-fixtures';
import { request } from '../support/checkout-api-fixtures';

const { db, sql, redis } = cartTestClients();
const userIds: string[] = [];
afterAll(async () => {
  await deleteFixtureUsers(db, redis, userIds);
  await sql.end();
  await (globalThis as { __shopDb?: { sql: { end: () => Promise<void> } } }).__shopDb?.sql.end();
});

const asSession = (user: SessionUser | null) => ({
  currentUser: async () => user,
  requestHeaders: async () => new Headers({ 'x-forwarded-for': '198.51.100.7' }),
});

async function user(role: 'customer' | 'admin'): Promise<SessionUser> {
  const row = await createFixtureUser(db, role);
  userIds.push(row.id);
  return { id: row.id, email: row.email, name: row.name, role };
}

const adminProbe = adminAction.inputSchema(z.object({ amount: z.number().int().positive() })).action(async ({ parsedInput, ctx }) => ({
  by: ctx.admin.id,
  amount: parsedInput.amount,
}));

describe('adminAction', () => {
  it('refuses an anonymous caller with unauthenticated', async () => {
    const result = await withDoorDeps(asSession(null), () => adminProbe({ amount: 1 }));
    expect(result).toEqual({ serverError: { code: 'unauthenticated', message: 'Sign in to continue.' } });
  });

  it('refuses a customer before looking at the input', async () => {
    const customer = await user('customer');
    // Hand-made input that the schema would reject: the role check answers first, so nothing is parsed or revealed.
    const result = await withDoorDeps(asSession(customer), () => adminProbe({ amount: -5 }));
    expect(result).toEqual({ serverError: { code: 'forbidden', message: 'You do not have access to this.' } });
  });

  it('refuses an admin whose role was taken away after sign-in (the session still says admin)', async () => {
    const demoted = await user('admin');
    await db.update(users).set({ role: 'customer' }).where(eq(users.id, demoted.id));
    const result = await withDoorDeps(asSession(demoted), () => adminProbe({ amount: 1 }));
    expect(result.serverError?.code).toBe('forbidden');
  });

  it('runs for an admin, with input validated by its schema', async () => {
    const admin = await user('admin');
    expect(await withDoorDeps(asSession(admin), () => adminProbe({ amount: 250 }))).toEqual({ data: { by: admin.id, amount: 250 } });
    const invalid = await withDoorDeps(asSession(admin), () => adminProbe({ amount: 0 }));
    expect(invalid.data).toBeUndefined();
    expect(invalid.validationErrors?.fieldErrors.amount).toHaveLength(1);
  });
});

describe('shopper and public actions', () => {
  it('hands a shopper action the signed-in user as the cart owner, and the client address', async () => {
    const customer = await user('customer');
    const probe = shopperAction.action(async ({ ctx }) => ({ owner: ctx.owner, ip: ctx.ip }));
    expect(await withDoorDeps(asSession(customer), () => probe())).toEqual({ data: { owner: { kind: 'user', userId: customer.id }, ip: '198.51.100.7' } });
  });

  it('answers an unexpected failure with internal_error and none of its message', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const probe = publicAction.action(async () => {
      throw new Error('password=hunter2 at /srv/app/secret.ts:12');
    });
    const result = await withDoorDeps(asSession(null), () => probe());
    quiet.mockRestore();
    expect(result).toEqual({ serverError: { code: 'internal_error', message: 'Something went wrong. Please try again.' } });
  });
});

describe('route()', () => {
  const adminRoute = route({ name: 'test/admin', audience: 'admin', sameOrigin: true, body: z.object({ note: z.string().min(1) }) }, async ({ user, body }) =>
    apiJson({ by: user.id, note: body.note }, { status: 201 }),
  );
  const call = (body: unknown, headers: Record<string, string> = {}) => adminRoute(request('POST', '/api/test', { body, headers }));

  it('answers 401 anonymous, 403 customer, 403 cross-site, 400 bad body and 201 for an admin', async () => {
    const [customer, admin] = [await user('customer'), await user('admin')];
    const status = async (as: SessionUser | null, body: unknown, headers?: Record<string, string>) =>
      withDoorDeps(asSession(as), async () => (await call(body, headers)).status);
    expect(await status(null, { note: 'x' })).toBe(401);
    expect(await status(customer, { note: 'x' })).toBe(403);
    expect(await status(admin, { note: 'x' }, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).toBe(403);
    expect(await status(admin, { note: '' })).toBe(400);
    const ok = await withDoorDeps(asSession(admin), () => call({ note: 'restock' }));
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ by: admin.id, note: 'restock' });
  });

  it('answers an unexpected failure with a bare 500 that carries no stack', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken = route({ name: 'test/broken', audience: 'public', sameOrigin: false }, async () => {
      throw new Error('connection string postgres://user:secret@db');
    });
    const response = await broken(request('GET', '/api/test'));
    quiet.mockRestore();
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { code: 'internal_error', message: 'Something went wrong. Please try again.' } });
  });
});
