// Password rules as the register form enforces them (lib/auth/password-rules.ts via registerSchema).
import { describe, expect, it } from 'vitest';
import { checkPassword } from '@/lib/auth/password-rules';
import { registerSchema, signInSchema } from '@/lib/auth/schemas';
import { GENERIC_SIGN_IN_ERROR, SIGN_IN_ERROR, signInErrorMessage } from '@/lib/auth/sign-in-errors';

describe('checkPassword', () => {
  it.each([['Customer#Shop2026'], ['correct horse battery 9'], ['ádìrẹ-Indigo-7'], ['abcdefghij1']])('accepts %j', (password) => {
    expect(checkPassword(password)).toEqual([]);
  });

  it.each([
    ['Short#1', ['too_short']],
    ['abcdefghijkl', ['needs_digit_or_symbol']],
    ['1234567890!!', ['needs_letter']],
    ['Password123', ['too_common']],
    [`a1${'x'.repeat(71)}`, ['too_long']],
  ])('rejects %j with %j', (password, issues) => {
    expect(checkPassword(password)).toEqual(issues);
  });

  it('counts bytes for the bcrypt limit: 24 three-byte characters are 72 bytes, 25 are too many', () => {
    expect(checkPassword(`${'₦'.repeat(23)}a`)).toEqual([]);
    expect(checkPassword(`${'₦'.repeat(25)}a`)).toContain('too_long');
  });

  it('refuses the email itself or a close match, not a password that merely contains the name part', () => {
    expect(checkPassword('funmilayo@example.com1', { email: 'funmilayo@example.com' })).toEqual(['contains_email']);
    expect(checkPassword('Funmilayo.Example.com', { email: 'funmilayo@example.com' })).toEqual(['contains_email']);
    expect(checkPassword('funmilayo@exampl3.c0m', { email: 'funmilayo@example.com' })).toEqual(['contains_email']);
    expect(checkPassword('funmilayo01', { email: 'funmilayo@example.com' })).toEqual(['contains_email']);
    expect(checkPassword('funmilayo-2026!', { email: 'funmilayo@example.com' })).toEqual([]);
    expect(checkPassword('Funmilayo-Market-42', { email: 'funmilayo@example.com' })).toEqual([]);
    expect(checkPassword('funmilayo-2026!', { email: 'ada@example.com' })).toEqual([]);
  });
});

describe('registerSchema', () => {
  it('normalises the email and trims the name', () => {
    const parsed = registerSchema.parse({ email: '  Ada@Example.COM ', name: '  Ada Obi ', password: 'Lagos-Market-42' });
    expect(parsed).toEqual({ email: 'ada@example.com', name: 'Ada Obi', password: 'Lagos-Market-42' });
  });

  it('reports each broken rule against the password field', () => {
    const result = registerSchema.safeParse({ email: 'ada@example.com', name: 'Ada', password: 'short' });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.filter((issue) => issue.path[0] === 'password').map((issue) => issue.message);
    expect(messages).toEqual(['Use at least 10 characters.', 'Include at least one digit or symbol.']);
  });

  it('has no role field: a submitted role is dropped', () => {
    const parsed = registerSchema.parse({ email: 'a@b.co', name: 'A', password: 'Lagos-Market-42', role: 'admin' });
    expect(parsed).not.toHaveProperty('role');
  });

  it('sign-in accepts any non-empty password but not a malformed email', () => {
    expect(signInSchema.safeParse({ email: 'A@B.co', password: 'x' }).data).toEqual({ email: 'a@b.co', password: 'x' });
    expect(signInSchema.safeParse({ email: 'not-an-email', password: 'x' }).success).toBe(false);
    expect(signInSchema.safeParse({ email: 'a@b.co', password: '' }).success).toBe(false);
  });
});

describe('signInErrorMessage', () => {
  it('never distinguishes a wrong email from a wrong password', () => {
    expect(signInErrorMessage(SIGN_IN_ERROR.invalidCredentials)).toBe(GENERIC_SIGN_IN_ERROR);
    expect(signInErrorMessage('SomethingElse')).toBe(GENERIC_SIGN_IN_ERROR);
    expect(signInErrorMessage(null)).toBeNull();
  });

  it('explains rate limiting and outages in their own words', () => {
    expect(signInErrorMessage(SIGN_IN_ERROR.rateLimited)).toMatch(/Too many sign-in attempts/);
    expect(signInErrorMessage(SIGN_IN_ERROR.unavailable)).toMatch(/temporarily unavailable/);
  });
});
