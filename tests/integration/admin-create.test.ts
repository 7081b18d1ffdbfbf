// Production accounts without the demo seed: `npm run db:seed` refuses a database that is not on this machine (and
// with --force gives the demo accounts generated passwords there), and
// `npm run admin:create` makes a real admin — with a generated password printed once, or ADMIN_PASSWORD — who can then
// sign in (the same credential check next-auth's authorize runs). Both commands run as the operator would run them,
// as child processes against the test database.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { eq, sql as drizzleSql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createDatabase } from '@/db/client';
import { categories, users } from '@/db/schema';
import { verifyCredentials } from '@/lib/auth/verify-credentials';
import { recreateDatabase } from '../../scripts/stack/postgres';
import { seedDatabase, seedUsers } from '../../scripts/seed/index';
import { testDatabase } from '../support/db';

const { db, sql } = testDatabase();
const created: string[] = [];
afterAll(async () => {
  for (const email of created) await db.delete(users).where(eq(users.email, email));
  await sql.end();
});

const root = path.resolve(import.meta.dirname, '..', '..');

function run(script: string, args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), script, ...args], {
    cwd: root,
    // The operator's command as an operator runs it: the production hash cost, not this run's cheaper one.
    env: { ...process.env, ADMIN_PASSWORD: undefined, ADMIN_EMAIL: undefined, TEST_PASSWORD_HASH_COST: undefined, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr })));
}

const signIn = (email: string, password: string) => verifyCredentials({ db }, { email, password });

// Each case runs the real command in a child process (tsx compiles it on start, which takes seconds on a loaded
// machine), some twice: more than vitest's default 30 s.
vi.setConfig({ testTimeout: 120_000 });

describe('npm run db:seed', () => {
  it('refuses a database that is not on this machine without --force, before connecting to it', async () => {
    const before = await db.$count(categories);
    // An address nothing listens on: the refusal must come before any connection attempt.
    const refused = await run('scripts/seed.ts', [], { DATABASE_URL: 'postgres://shop:secret@db.example.invalid:5432/shop' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Refusing to seed db\.example\.invalid:5432: it is not a database on this machine/);
    expect(refused.stderr).toContain('npm run admin:create');
    expect(await db.$count(categories)).toBe(before);
  });
});

describe('seeding with --force (a database elsewhere)', () => {
  it('gives the demo accounts generated passwords (the admin ADMIN_PASSWORD), never the published ones', async () => {
    // A database of its own, as a staging server's would be; dropped afterwards.
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/seed_forced_${randomUUID().slice(0, 8)}`;
    await recreateDatabase(url.toString());
    const forced = createDatabase(url.toString(), { max: 1 });
    try {
      const result = await seedDatabase(forced.db, { passwords: 'generated', adminPassword: 'Staging-admin-pass-2026' });
      expect(result.credentials.map(({ email, role }) => [email, role])).toEqual(seedUsers.map(({ email, role }) => [email, role]));
      for (const account of result.credentials) {
        const published = seedUsers.find((user) => user.email === account.email)!.password;
        expect(account.password).not.toBe(published);
        expect((await verifyCredentials({ db: forced.db }, { email: account.email, password: published })).ok).toBe(false);
        expect((await verifyCredentials({ db: forced.db }, { email: account.email, password: account.password })).ok).toBe(true);
      }
      expect(result.credentials.find((account) => account.role === 'admin')?.password).toBe('Staging-admin-pass-2026');
    } finally {
      await forced.sql.end();
      const admin = new URL(url);
      admin.pathname = '/postgres';
      const adminSql = postgres(admin.toString(), { max: 1, onnotice: () => {} });
      await adminSql`DROP DATABASE IF EXISTS ${adminSql(url.pathname.slice(1))} WITH (FORCE)`;
      await adminSql.end();
    }
  });
});

describe('npm run admin:create', () => {
  it('creates an admin with a generated password printed once, who can then sign in', async () => {
    const email = `ops-${randomUUID().slice(0, 8)}@example.test`;
    created.push(email);
    const result = await run('scripts/admin-create.ts', ['--email', email, '--name', 'Ops Admin']);
    expect(result.code, result.stderr).toBe(0);
    const password = /^Password: (\S+)$/m.exec(result.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const signedIn = await signIn(email, password!);
    // The operator vouches for the address: verified, so the admin can sign in at once.
    expect(signedIn.ok && signedIn.value).toMatchObject({ email, name: 'Ops Admin', role: 'admin', emailVerified: true });
    // Stored only as a bcrypt hash.
    const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.email, email));
    expect(row?.hash).toMatch(/^\$2[aby]\$12\$/);
    expect(row?.hash).not.toContain(password!);
  });

  it('refuses an email that has an account unless --reset, which sets ADMIN_PASSWORD and makes it an admin', async () => {
    const email = `existing-${randomUUID().slice(0, 8)}@example.test`;
    created.push(email);
    const first = await run('scripts/admin-create.ts', [email], { ADMIN_PASSWORD: 'First-admin-pass-2026' });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Password: the one in ADMIN_PASSWORD.');
    await db.update(users).set({ role: 'customer' }).where(eq(users.email, email));

    const again = await run('scripts/admin-create.ts', ['--email', email], { ADMIN_PASSWORD: 'Second-admin-pass-2026' });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists; nothing was changed\. Pass --reset/);
    expect((await signIn(email, 'First-admin-pass-2026')).ok).toBe(true);

    const reset = await run('scripts/admin-create.ts', ['--email', email, '--reset'], { ADMIN_PASSWORD: 'Second-admin-pass-2026' });
    expect(reset.code, reset.stderr).toBe(0);
    expect((await signIn(email, 'First-admin-pass-2026')).ok).toBe(false);
    const signedIn = await signIn(email, 'Second-admin-pass-2026');
    expect(signedIn.ok && signedIn.value.role).toBe('admin');
    // Every session signed in with the old password is over (the doors compare this version with the session's).
    expect(signedIn.ok && signedIn.value.sessionVersion).toBe(1);
  });

  it('refuses a weak ADMIN_PASSWORD and creates nothing', async () => {
    const email = `weak-${randomUUID().slice(0, 8)}@example.test`;
    const result = await run('scripts/admin-create.ts', ['--email', email], { ADMIN_PASSWORD: 'short' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ADMIN_PASSWORD is not strong enough: Use at least 10 characters/);
    expect(await db.$count(users, drizzleSql`lower(${users.email}) = ${email}`)).toBe(0);
  });
});
