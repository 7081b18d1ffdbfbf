// Registration and credential checks against the real PostgreSQL: rows, hashes, duplicates and generic failures.
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { registerUser } from '@/lib/auth/register-user';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { testDatabase } from '../support/db';

const { db, sql } = testDatabase();
const created: string[] = [];
const uniqueEmail = (label: string) => {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.test`;
  created.push(email);
  return email;
};

afterAll(async () => {
  await db.delete(users).where(inArray(users.email, created));
  await sql.end();
});

describe('registerUser', () => {
  it('creates a customer with a bcrypt cost-12 hash, never the plain password', async () => {
    const email = uniqueEmail('ada');
    const result = await registerUser({ db }, { email: `  ${email.toUpperCase()} `, name: ' Ada Obi ', password: 'Lagos-Market-42' });

    expect(result.ok).toBe(true);
    const [row] = await db.select().from(users).where(eq(users.email, email));
    expect(row).toMatchObject({ email, name: 'Ada Obi', role: 'customer' });
    expect(row!.passwordHash).toMatch(/^\$2[aby]\$12\$/);
    expect(row!.passwordHash).not.toContain('Lagos-Market-42');
    if (result.ok) expect(result.value).toEqual({ id: row!.id, email, name: 'Ada Obi', role: 'customer' });
  });

  it('cannot create an admin: a submitted role is ignored', async () => {
    const email = uniqueEmail('sneaky');
    const result = await registerUser({ db }, { email, name: 'Sneaky', password: 'Lagos-Market-42', role: 'admin' });
    expect(result.ok).toBe(true);
    const [row] = await db.select({ role: users.role }).from(users).where(eq(users.email, email));
    expect(row?.role).toBe('customer');
  });

  it('answers email_taken for an address already registered, in any letter case', async () => {
    const email = uniqueEmail('dup');
    expect((await registerUser({ db }, { email, name: 'First', password: 'Lagos-Market-42' })).ok).toBe(true);

    const again = await registerUser({ db }, { email: email.toUpperCase(), name: 'Second', password: 'Other-Pass-99' });

    expect(again).toEqual({ ok: false, error: { code: 'email_taken' } });
    const rows = await db.select({ name: users.name }).from(users).where(eq(users.email, email));
    expect(rows).toEqual([{ name: 'First' }]);
  });

  it('lets exactly one of several simultaneous registrations of one email win', async () => {
    const email = uniqueEmail('race');
    const attempts = await Promise.all(Array.from({ length: 5 }, (_, i) => registerUser({ db }, { email, name: `Racer ${i}`, password: 'Lagos-Market-42' })));
    expect(attempts.filter((attempt) => attempt.ok)).toHaveLength(1);
    expect(attempts.filter((attempt) => !attempt.ok).map((attempt) => !attempt.ok && attempt.error.code)).toEqual(Array(4).fill('email_taken'));
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
  });

  it('refuses a weak password and a malformed email with field errors, writing nothing', async () => {
    const email = uniqueEmail('weak');
    const result = await registerUser({ db }, { email, name: 'Weak', password: 'password' });
    expect(result.ok).toBe(false);
    if (!result.ok && result.error.code === 'invalid_input') {
      expect(result.error.fieldErrors.password).toContain('Use at least 10 characters.');
    } else {
      throw new Error(`expected invalid_input, got ${JSON.stringify(result)}`);
    }
    const bad = await registerUser({ db }, { email: 'not-an-email', name: 'X', password: 'Lagos-Market-42' });
    expect(bad.ok || bad.error.code).toBe('invalid_input');
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });
});

describe('verifyCredentials', () => {
  it('accepts the right password (any email case) and returns the role from the database', async () => {
    const admin = await verifyCredentials({ db }, { email: 'Admin@Shop.Test', password: 'Admin#Shop2026' });
    expect(admin.ok && admin.value).toMatchObject({ email: 'admin@shop.test', role: 'admin' });

    const email = uniqueEmail('verify');
    await registerUser({ db }, { email, name: 'Verify Me', password: 'Lagos-Market-42' });
    const customer = await verifyCredentials({ db }, { email, password: 'Lagos-Market-42' });
    expect(customer.ok && customer.value).toMatchObject({ email, name: 'Verify Me', role: 'customer' });
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
      await verifyCredentials({ db }, { email, password: 'Wrong-Password-1' });
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
