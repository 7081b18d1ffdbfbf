// The sign-in delay's arithmetic (lib/auth/sign-in-delay.ts) and the words the sign-in form shows for it.
import { describe, expect, it } from 'vitest';
import { delayAfterAttempt, delaySchedule, SIGN_IN_DELAY_POLICY } from '@/lib/auth/sign-in-delay';
import { delayedSignInCode, GENERIC_SIGN_IN_ERROR, signInErrorMessage } from '@/lib/auth/sign-in-errors';

describe('delayAfterAttempt (the app policy: 5 free attempts, then doubling, capped at 15 minutes)', () => {
  it.each([
    [1, 0],
    [4, 0],
    [5, 2],
    [6, 4],
    [7, 8],
    [10, 64],
    [13, 512],
    [14, 900],
    [40, 900],
    [1_000, 900],
  ])('after attempt %i the next waits %i s', (attempt, seconds) => {
    expect(delayAfterAttempt(attempt)).toBe(seconds);
  });

  it('doubles from one wait to the next until the cap', () => {
    const waits = delaySchedule().filter((seconds) => seconds > 0);
    for (let i = 1; i < waits.length - 1; i += 1) expect(waits[i]).toBe(waits[i - 1]! * 2);
    expect(waits.at(-1)).toBe(SIGN_IN_DELAY_POLICY.maxDelaySeconds);
  });

  it('follows another policy', () => {
    const policy = { freeAttempts: 1, maxDelaySeconds: 10, memorySeconds: 60 };
    expect(delaySchedule(policy)).toEqual([2, 4, 8, 10]);
  });
});

describe('signInErrorMessage for a delayed attempt', () => {
  it('says how long to wait, in seconds or minutes', () => {
    expect(signInErrorMessage(delayedSignInCode(1))).toBe('Too many failed attempts. Please wait 1 second before trying again.');
    expect(signInErrorMessage(delayedSignInCode(32))).toBe('Too many failed attempts. Please wait 32 seconds before trying again.');
    expect(signInErrorMessage(delayedSignInCode(900))).toBe('Too many failed attempts. Please wait 15 minutes before trying again.');
  });

  it('treats a mangled code as the generic failure', () => {
    expect(signInErrorMessage('TooManyAttempts:')).toBe(GENERIC_SIGN_IN_ERROR);
    expect(signInErrorMessage('TooManyAttempts:abc')).toBe(GENERIC_SIGN_IN_ERROR);
  });
});
