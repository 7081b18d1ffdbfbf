// Password hashing with bcryptjs (pure JS, no native build). Cost 12 ≈ 250 ms here: slow for guessing, fine per sign-in.
import bcrypt from 'bcryptjs';

export const BCRYPT_COST = 12;

/**
 * A valid cost-12 hash of a random string nobody knows. Unknown emails are checked against it, so a sign-in for
 * an account that does not exist costs the same time as a wrong password and timing does not reveal accounts.
 */
export const DUMMY_PASSWORD_HASH = '$2b$12$gw5kzLACx.FF9k/HflVlXOwwk/9tdyl.e3CGpyWT5NwfjFZD2jzOu';

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
