// Password hashing with bcryptjs (pure JS, no native build). Cost 12 ≈ 250 ms here: slow for guessing, fine per sign-in.
import bcrypt from 'bcryptjs';
import { randomBytes } from 'node:crypto';
import { type Env, env } from '@/lib/core/env';

/** The work factor of every hash the shop writes. */
export const PASSWORD_HASH_COST = 12;

/**
 * A valid cost-12 hash of a random string nobody knows. Unknown emails are checked against a hash of the cost new
 * passwords get, so a sign-in for an account that does not exist costs the same time as a wrong password and timing
 * does not reveal accounts.
 */
const DUMMY_COST_12 = '$2b$12$gw5kzLACx.FF9k/HflVlXOwwk/9tdyl.e3CGpyWT5NwfjFZD2jzOu';
const dummies = new Map<number, Promise<string>>([[PASSWORD_HASH_COST, Promise.resolve(DUMMY_COST_12)]]);

/**
 * The cost for new hashes: 12, or a test run's TEST_PASSWORD_HASH_COST (honoured under NODE_ENV=test only). Outside a
 * test run the environment is not even read, so scripts and test helpers without the app's variables can hash too.
 */
export function passwordHashCost(settings?: Pick<Env, 'NODE_ENV' | 'TEST_PASSWORD_HASH_COST'>): number {
  if ((settings?.NODE_ENV ?? process.env.NODE_ENV) !== 'test') return PASSWORD_HASH_COST;
  return (settings ?? env()).TEST_PASSWORD_HASH_COST ?? PASSWORD_HASH_COST;
}

export function hashPassword(password: string, cost = passwordHashCost()): Promise<string> {
  return bcrypt.hash(password, cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** A hash nobody knows the password of, at `cost`: what an unknown email's password is compared with. */
export function dummyPasswordHash(cost = passwordHashCost()): Promise<string> {
  let dummy = dummies.get(cost);
  if (!dummy) {
    dummy = bcrypt.hash(randomBytes(16).toString('base64url'), cost);
    dummies.set(cost, dummy);
  }
  return dummy;
}
