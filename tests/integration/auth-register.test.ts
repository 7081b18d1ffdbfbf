// Registration and credential checks against the real PostgreSQL, Redis and mail catcher: rows, hashes, the same answer
// for a new and a taken address (only the email differs), races, and generic failures.
import { randomBytes, randomUUID } from 'node:crypto';
import { eq, inArray, like } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { registerAction } from '@/app/(auth)/register/actions';
import { authTokens, users } from '@/db/schema';
import { smtpConfigFromEnv, smtpMailer } from '@/lib/email/mailer';
import { env } from '@/lib/core/env';
import type { JobDeps } from '@/lib/jobs/definitions';
import { inProcessDriver } from '@/lib/jobs/drivers';
import { relayOutbox } from '@/lib/jobs/relay';
import { registerUser } from '@/lib/auth/register-user';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { PASSWORD_HASH_COST, passwordHashCost } from '@/lib/auth/passwords';
import { withDoorDeps } from '@/lib/server/deps/door-deps';
import { createRateLimiter } from '@/lib/server/doors/rate-limit';
import { accountLinkJobs, linkToken, testSiteSecret, verifiedCustomer } from '../support/accounts';
import { cartTestClients } from '../support/cart-fixtures';
import { testPaystack } from '../support/checkout-fixtures';
import { mailTo } from '../support/inbox';
import { memoryCookieJar } from '../support/doors';

const { db, sql, redis } = cartTestClients();
const mailer = smtpMailer(smtpConfigFromEnv(env()));
const created: string[] = [];
const uniqueEmail = (label: string) => {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.test`;
  created.push(email);
  return email;
};
const secret = testSiteSecret();
const register = (input: Record<string, unknown>) => registerUser({ db, secret }, input);

afterAll(async () => {
  mailer.close();
  await db.delete(users).where(inArray(users.email, created));
  await sql.end();
  await (globalThis as { __shopDb?: { sql: { end: () => Promise<void> } } }).__shopDb?.sql.end();
});

const jobDeps: JobDeps = {
  db,
  mailer,
  siteUrl: env().NEXTAUTH_URL,
  orderAccessSecret: secret,
  paystack: testPaystack(),
  expectedDomain: 'test',
  recoveryDelayMs: 0,
  log: () => {},
};

/** Runs this address's account-link jobs now, as the relay would a moment after the response. */
async function deliverAccountEmails(email: string) {
  const jobs = await accountLinkJobs(db, email);
  const pending = jobs.filter((job) => job.status === 'pending');
  if (pending.length > 0) await relayOutbox({ db, driver: inProcessDriver(jobDeps) }, { ids: pending.map((job) => job.id) });
  return jobs;
}

describe('registerUser', () => {
  it('creates an unverified customer with a bcrypt hash of the configured cost, and queues one verify email', async () => {
    const email = uniqueEmail('ada');
    const result = await register({ email: `  ${email.toUpperCase()} `, name: ' Ada Obi ', password: 'Lagos-Market-42' });

    expect(result).toEqual({ ok: true, value: { email } });
    const [row] = await db.select().from(users).where(eq(users.email, email));
    expect(row).toMatchObject({ email, name: 'Ada Obi', role: 'customer', emailVerifiedAt: null, sessionVersion: 0 });
    // Cost 12 outside tests (tests/unit/passwords.test.ts); this run asked for TEST_PASSWORD_HASH_COST.
    expect(row!.passwordHash).toMatch(new RegExp(`^\\$2[aby]\\$${String(passwordHashCost()).padStart(2, '0')}\\$`));
    expect(row!.passwordHash).not.toContain('Lagos-Market-42');
    expect((await accountLinkJobs(db, email)).map((job) => job.event)).toEqual(['account/verify-email']);
  });

  it('cannot create an admin: a submitted role is ignored', async () => {
    const email = uniqueEmail('sneaky');
    const result = await register({ email, name: 'Sneaky', password: 'Lagos-Market-42', role: 'admin' });
    expect(result.ok).toBe(true);
    const [row] = await db.select({ role: users.role }).from(users).where(eq(users.email, email));
    expect(row?.role).toBe('customer');
  });

  it('answers a taken address (any letter case) exactly like a new one, changes nothing, and queues the owner’s notice instead', async () => {
    const email = uniqueEmail('dup');
    const first = await register({ email, name: 'First', password: 'Lagos-Market-42' });
    const [before] = await db.select().from(users).where(eq(users.email, email));

    const again = await register({ email: email.toUpperCase(), name: 'Second', password: 'Other-Pass-99' });

    expect(again).toEqual(first);
    const rows = await db.select().from(users).where(eq(users.email, email));
    expect(rows).toEqual([before]);
    expect((await accountLinkJobs(db, email)).map((job) => job.event)).toEqual(['account/verify-email', 'account/already-registered']);
  });

  it('lets exactly one of several simultaneous registrations of one email create the account; all get the same answer', async () => {
    const email = uniqueEmail('race');
    // One clock for all five, so the once-per-5-minutes notice window cannot turn over between them.
    const at = new Date();
    const attempts = await Promise.all(
      Array.from({ length: 5 }, (_, i) => registerUser({ db, secret, now: () => at }, { email, name: `Racer ${i}`, password: 'Lagos-Market-42' })),
    );
    expect(attempts).toEqual(Array(5).fill({ ok: true, value: { email } }));
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
    // One verify email for the account; the losers' notices to the owner collapse into one (one per 5 minutes).
    const events = (await accountLinkJobs(db, email)).map((job) => job.event).sort();
    expect(events).toEqual(['account/already-registered', 'account/verify-email']);
  });

  it('refuses a weak password and a malformed email with field errors, writing nothing', async () => {
    const email = uniqueEmail('weak');
    const result = await register({ email, name: 'Weak', password: 'password' });
    expect(result.ok).toBe(false);
    if (!result.ok && result.error.code === 'invalid_input') {
      expect(result.error.fieldErrors.password).toContain('Use at least 10 characters.');
    } else {
      throw new Error(`expected invalid_input, got ${JSON.stringify(result)}`);
    }
    const bad = await register({ email: 'not-an-email', name: 'X', password: 'Lagos-Market-42' });
    expect(bad.ok || bad.error.code).toBe('invalid_input');
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });
});

describe('the register form (server action)', () => {
  // Who is asking is stood in through the doors' seam: one address per test run, and a limiter of its own.
  const limiter = createRateLimiter({ redis, prefix: `test-ratelimit:${randomBytes(6).toString('hex')}` });
  const asVisitor = {
    currentUser: async () => null,
    requestHeaders: async () => new Headers({ 'x-forwarded-for': `register-${randomUUID()}` }),
    limiter: () => limiter,
  };
  const submit = (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.set(key, value);
    // A fresh browser each time: registration leaves its confirm-link cookie there (lib/auth/verify-email.ts).
    return withDoorDeps({ ...asVisitor, ...memoryCookieJar().deps }, () => registerAction({ data: { status: 'idle' } }, form));
  };

  it('counts tagged spellings of one mailbox together: five sign-ups for a+tag@x an hour, from any addresses, then no more emails to that inbox; a@x itself is never held back', async () => {
    const [local = '', domain = ''] = uniqueEmail('tagged').split('@');
    const statuses: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const email = `${local}+${i}@${domain}`;
      created.push(email);
      const reply = await submit({ email, name: 'Tag Spray', password: 'Lagos-Market-42' });
      statuses.push(reply.data?.status ?? 'none');
    }
    expect(statuses).toEqual(['check_email', 'check_email', 'check_email', 'check_email', 'check_email', 'error']);
    // Nothing was created for the refused one. The exact address is not counted per mailbox (it gets at most one email
    // per few minutes anyway), so nobody can use up its owner's sign-up by spraying tags.
    const exact = `${local.toUpperCase()}@${domain}`;
    created.push(exact.toLowerCase());
    expect((await submit({ email: exact, name: 'Tag Spray', password: 'Lagos-Market-42' })).data?.status).toBe('check_email');
    const rows = await db
      .select({ email: users.email })
      .from(users)
      .where(like(users.email, `${local}%@${domain}`));
    expect(rows.map((row) => row.email).sort()).toEqual([...[0, 1, 2, 3, 4].map((i) => `${local}+${i}@${domain}`), `${local}@${domain}`].sort());
    expect((await submit({ email: uniqueEmail('other'), name: 'Other', password: 'Lagos-Market-42' })).data?.status).toBe('check_email');
  });

  it('answers a new and an already-registered address identically; the new one gets a verify link, the owner a sign-in and reset link', async () => {
    const owner = await verifiedCustomer(db, { email: uniqueEmail('owner'), name: 'Olu Owner', password: 'Owner-Pass-2026' });
    const newcomer = uniqueEmail('newcomer');

    const forNew = await submit({ email: newcomer, name: 'Nkem New', password: 'Lagos-Market-42' });
    const forTaken = await submit({ email: owner.email, name: 'Impostor', password: 'Lagos-Market-42' });

    expect(forNew).toEqual({ data: { status: 'check_email', email: newcomer } });
    expect(forTaken).toEqual({ data: { status: 'check_email', email: owner.email } });
    // Apart from the address each was given, nothing differs.
    expect(JSON.stringify(forTaken).replace(owner.email, 'X')).toBe(JSON.stringify(forNew).replace(newcomer, 'X'));

    await deliverAccountEmails(newcomer);
    await deliverAccountEmails(owner.email);
    const [verify] = await mailTo(newcomer, 1);
    expect(verify!.subject).toMatch(/Confirm your email address/);
    expect(linkToken(verify!, '/verify-email')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(verify!.text).not.toContain('/reset-password');

    const [notice] = await mailTo(owner.email, 1);
    expect(notice!.subject).toMatch(/You already have a .* account/);
    expect(notice!.text).toContain(`${env().NEXTAUTH_URL}/sign-in`);
    expect(linkToken(notice!, '/reset-password')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(notice!.text).not.toContain('/verify-email');

    // The owner's account is untouched: the impostor's password does nothing, the owner's still works.
    expect((await verifyCredentials({ db }, { email: owner.email, password: 'Lagos-Market-42' })).ok).toBe(false);
    expect((await verifyCredentials({ db }, { email: owner.email, password: 'Owner-Pass-2026' })).ok).toBe(true);
    const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, owner.id));
    expect(row?.name).toBe('Olu Owner');
  });

  it('still shows field errors for input it cannot accept (these say nothing about accounts)', async () => {
    const answer = await submit({ email: 'nope', name: '', password: 'short' });
    expect(answer.data).toMatchObject({ status: 'error', fieldErrors: { email: ['Enter a valid email address.'], name: ['Enter your name.'] } });
  });
});

describe('verifyCredentials', () => {
  it('accepts the right password (any email case) and reports the role, verification and session version from the database', async () => {
    const admin = await verifyCredentials({ db }, { email: 'Admin@Shop.Test', password: 'Admin#Shop2026' });
    expect(admin.ok && admin.value).toMatchObject({ email: 'admin@shop.test', role: 'admin', emailVerified: true, sessionVersion: 0 });

    const email = uniqueEmail('verify');
    await register({ email, name: 'Verify Me', password: 'Lagos-Market-42' });
    const customer = await verifyCredentials({ db }, { email, password: 'Lagos-Market-42' });
    expect(customer.ok && customer.value).toMatchObject({ email, name: 'Verify Me', role: 'customer', emailVerified: false });
  });

  it('gives one generic failure for a wrong password, an unknown email and malformed input', async () => {
    const generic = { ok: false, error: { code: 'invalid_credentials' } };
    expect(await verifyCredentials({ db }, { email: 'customer@shop.test', password: 'Customer#Shop2025' })).toEqual(generic);
    expect(await verifyCredentials({ db }, { email: `nobody-${randomUUID()}@example.test`, password: 'whatever' })).toEqual(generic);
    expect(await verifyCredentials({ db }, { email: 'customer@shop.test', password: '' })).toEqual(generic);
    expect(await verifyCredentials({ db }, { email: 42, password: null })).toEqual(generic);
  });

  it('spends a bcrypt comparison on an unknown email too, so timing does not reveal which emails have accounts', async () => {
    const time = async (email: string) => {
      const started = performance.now();
      // The seeded customer's hash has the production cost (12); the unknown email's comparison must cost the same.
      await verifyCredentials({ db, hashCost: PASSWORD_HASH_COST }, { email, password: 'Wrong-Password-1' });
      return performance.now() - started;
    };
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    await time('customer@shop.test'); // warm the pool and JIT
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      known.push(await time('customer@shop.test'));
      unknown.push(await time(`ghost-${randomUUID()}@example.test`));
    }
    // A cost-12 comparison takes well over 50 ms in pure JS; a lookup that skipped it would answer in a few ms.
    // Medians of interleaved samples keep a busy machine's hiccups out of the comparison.
    expect(median(known)).toBeGreaterThan(50);
    expect(median(unknown)).toBeGreaterThan(50);
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.3);
  });
});

describe('auth_tokens', () => {
  it('go with their account', async () => {
    const email = uniqueEmail('cascade');
    await register({ email, name: 'Gone Soon', password: 'Lagos-Market-42' });
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    expect(await db.$count(authTokens, eq(authTokens.userId, user!.id))).toBe(1);
    await db.delete(users).where(eq(users.id, user!.id));
    expect(await db.$count(authTokens, eq(authTokens.userId, user!.id))).toBe(0);
  });
});
