// Password strength: length first (NIST 800-63B), plus a little variety and a block on the obvious.
// bcrypt only reads the first 72 bytes, so a longer password would silently lose its tail: refuse it instead.

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_BYTES = 72;

export type PasswordIssue = 'too_short' | 'too_long' | 'needs_letter' | 'needs_digit_or_symbol' | 'too_common' | 'contains_email';

export const passwordIssueMessages: Record<PasswordIssue, string> = {
  too_short: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
  too_long: `Use at most ${PASSWORD_MAX_BYTES} bytes (about ${PASSWORD_MAX_BYTES} plain letters).`,
  needs_letter: 'Include at least one letter.',
  needs_digit_or_symbol: 'Include at least one digit or symbol.',
  too_common: 'This password is too common; choose another.',
  contains_email: 'Do not use your email address, or something close to it, as the password.',
};

// The handful that pass the shape rules yet top every breach list; a full breach check is a later concern.
const COMMON = new Set([
  'password123',
  'password1!',
  'passw0rd123',
  'qwerty12345',
  'qwertyuiop1',
  '1234567890a',
  'a1234567890',
  'iloveyou123',
  'letmein1234',
  'welcome1234',
  'admin12345',
  'abc1234567',
  'abcdefg123',
  'changeme123',
]);

/** Every rule the password breaks, in display order; an empty list means it is acceptable. */
export function checkPassword(password: string, context: { email?: string } = {}): PasswordIssue[] {
  const issues: PasswordIssue[] = [];
  // Count code points, not UTF-16 units, so an emoji is one character to the user.
  if ([...password].length < PASSWORD_MIN_LENGTH) issues.push('too_short');
  if (new TextEncoder().encode(password).length > PASSWORD_MAX_BYTES) issues.push('too_long');
  if (!/\p{L}/u.test(password)) issues.push('needs_letter');
  if (!/[\p{N}\p{P}\p{S}\s]/u.test(password)) issues.push('needs_digit_or_symbol');
  if (COMMON.has(password.toLowerCase())) issues.push('too_common');
  if (context.email && resemblesEmail(password, context.email)) issues.push('contains_email');
  return issues;
}

// Letters and digits only, lower-cased: "Ada.Obi@Mail.com" and "adaobi@mailcom" compare as the same text.
const squash = (value: string) => value.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/**
 * The email itself, or a close match: the password contains the whole address, is within a few edits of it, or is the
 * address's name part with a small change ("chidinma01" for chidinma@…). A password that merely contains the name part
 * among other words ("Chidinma-Market-2026") is fine: that name is no secret, but neither is it the whole password.
 */
export function resemblesEmail(password: string, email: string): boolean {
  const typed = squash(password);
  const whole = squash(email);
  const local = squash(email.split('@')[0] ?? '');
  if (typed.length === 0 || whole.length === 0) return false;
  if (typed.includes(whole)) return true;
  if (editDistance(typed, whole) <= 3) return true;
  return local.length >= 4 && editDistance(typed, local) <= 2;
}

/** Levenshtein distance over code points (both strings are at most a few hundred characters here). */
export function editDistance(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  let previous = Array.from({ length: right.length + 1 }, (_, j) => j);
  for (let i = 1; i <= left.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= right.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (left[i - 1] === right[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}
