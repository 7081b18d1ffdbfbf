// The demo seed's guard: its accounts have published passwords, so only a database on this machine is seeded unasked,
// and only outside production does it get those passwords without being asked for them by name.
import { describe, expect, it } from 'vitest';
import { assertSeedable, isLocalDatabaseUrl, SeedRefused } from '../../scripts/seed/database-guard';

describe('isLocalDatabaseUrl', () => {
  it.each([
    ['postgres://postgres:postgres@127.0.0.1:54320/shop', true],
    ['postgres://postgres@127.1.2.3/shop', true],
    ['postgresql://postgres@localhost/shop', true],
    ['postgres://postgres@[::1]:5432/shop', true],
    ['postgres://postgres@/shop?host=/var/run/postgresql', true],
    ['postgres://postgres@/shop', true], // no host: PGHOST, else localhost
    ['postgres://shop:secret@db.example.com:5432/shop', false],
    ['postgres://shop:secret@10.0.0.5/shop', false],
    ['postgres://shop:secret@[2001:db8::5]/shop', false],
    ['postgres://shop@localhost.example.com/shop', false],
    ['postgres://shop@/shop?host=db.internal', false],
    ['postgres://shop@127.0.0.1/shop?host=db.internal', false],
    ['postgres://shop@127.0.0.1,db.example.com/shop', false],
    ['postgres://shop@127.0.0.1:5432,localhost:5433/shop', true],
    ['mysql://root@127.0.0.1/shop', false],
    ['not a url', false],
  ])('%s → %s', (url, local) => {
    expect(isLocalDatabaseUrl(url, undefined)).toBe(local);
  });

  it('follows PGHOST when the URL names no host', () => {
    expect(isLocalDatabaseUrl('postgres://shop@/shop', 'db.example.com')).toBe(false);
    expect(isLocalDatabaseUrl('postgres://shop@/shop', '/tmp')).toBe(true);
  });
});

describe('assertSeedable', () => {
  it('refuses a database elsewhere without --force, naming the host and the way to create a real admin', () => {
    expect(() => assertSeedable('postgres://shop:secret@db.example.com:5432/shop', { force: false })).toThrow(SeedRefused);
    expect(() => assertSeedable('postgres://shop:secret@db.example.com:5432/shop', { force: false })).toThrow(
      /Refusing to seed db\.example\.com:5432.*npm run admin:create.*--force/,
    );
  });

  it('seeds a database elsewhere only with --force (and says it is not local), and a local one always', () => {
    expect(assertSeedable('postgres://shop:secret@db.example.com/shop', { force: true })).toEqual({ local: false, passwords: 'generated' });
    expect(assertSeedable('postgres://postgres@127.0.0.1:54330/shop', { force: false })).toEqual({ local: true, passwords: 'published' });
  });

  it('gives a local database generated passwords when NODE_ENV=production: on this machine is not "not production"', () => {
    const local = 'postgres://shop:secret@127.0.0.1:5432/shop';
    expect(assertSeedable(local, { force: false, nodeEnv: 'production' })).toEqual({ local: true, passwords: 'generated' });
    expect(assertSeedable(local, { force: false, nodeEnv: 'development' })).toEqual({ local: true, passwords: 'published' });
    expect(assertSeedable(local, { force: false, nodeEnv: 'test' })).toEqual({ local: true, passwords: 'published' });
  });

  it('gives the published demo passwords in production only when SEED_DEMO_ACCOUNTS=1 asks for them, and never elsewhere', () => {
    expect(assertSeedable('postgres://shop@localhost/shop', { force: false, nodeEnv: 'production', demoAccounts: true })).toEqual({
      local: true,
      passwords: 'published',
    });
    expect(assertSeedable('postgres://shop@db.example.com/shop', { force: true, nodeEnv: 'production', demoAccounts: true })).toEqual({
      local: false,
      passwords: 'generated',
    });
  });
});
