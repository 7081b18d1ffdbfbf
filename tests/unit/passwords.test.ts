// New passwords get bcrypt cost 12 wherever the shop runs; only a test run (NODE_ENV=test) may ask for fewer rounds.
import { describe, expect, it } from 'vitest';
import { PASSWORD_HASH_COST, dummyPasswordHash, hashPassword, passwordHashCost, verifyPassword } from '@/lib/auth/passwords';
import { EnvError, parseEnv } from '@/lib/core/env';
import { minimalEnv as validEnv } from './support/minimal-env';

describe('the password hash cost', () => {
  it('is 12 in production and development whatever TEST_PASSWORD_HASH_COST says', () => {
    expect(PASSWORD_HASH_COST).toBe(12);
    for (const NODE_ENV of ['production', 'development'] as const) expect(passwordHashCost({ NODE_ENV, TEST_PASSWORD_HASH_COST: 4 })).toBe(12);
    expect(passwordHashCost(parseEnv({ ...validEnv, NODE_ENV: 'development', TEST_PASSWORD_HASH_COST: '4' }))).toBe(12);
  });

  it('follows TEST_PASSWORD_HASH_COST in a test run, and is 12 there too without it', () => {
    expect(passwordHashCost(parseEnv({ ...validEnv, NODE_ENV: 'test', TEST_PASSWORD_HASH_COST: '4' }))).toBe(4);
    expect(passwordHashCost(parseEnv({ ...validEnv, NODE_ENV: 'test' }))).toBe(12);
  });

  it('refuses a TEST_PASSWORD_HASH_COST bcrypt cannot use', () => {
    for (const bad of ['3', '16', 'four', '4.5']) {
      expect(() => parseEnv({ ...validEnv, NODE_ENV: 'test', TEST_PASSWORD_HASH_COST: bad })).toThrow(EnvError);
    }
  });
});

describe('hashing', () => {
  it('writes hashes of the asked cost that verify the password and nothing else', async () => {
    const hash = await hashPassword('Lagos-Market-42', 5);
    expect(hash).toMatch(/^\$2[aby]\$05\$/);
    expect(await verifyPassword('Lagos-Market-42', hash)).toBe(true);
    expect(await verifyPassword('Lagos-Market-43', hash)).toBe(false);
  });

  it('compares unknown emails with a hash of the same cost as real ones, which no password opens', async () => {
    expect(await dummyPasswordHash(PASSWORD_HASH_COST)).toMatch(/^\$2[aby]\$12\$/);
    const cheap = await dummyPasswordHash(4);
    expect(cheap).toMatch(/^\$2[aby]\$04\$/);
    expect(await dummyPasswordHash(4)).toBe(cheap);
    expect(await verifyPassword('', cheap)).toBe(false);
  });
});
