// The sign-in challenge's proof of work as the browser solves it and the server checks it, the error codes that carry
// a challenge to the form, and the one warning an operator gets when TRUSTED_PROXY_HOPS=0 meets forwarded headers.
import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { challengeBits, leadingZeroBits, provesWork, solveChallenge } from '@/lib/auth/challenge-proof';
import { challengeFromCode, challengeSignInCode, signInErrorMessage } from '@/lib/auth/sign-in-errors';
import { PEER_ADDRESS_HEADER } from '@/lib/server/doors/peer-address';

const challenge = (bits: number) => `${bits}.${Date.now() + 60_000}.${'n'.repeat(22)}.${'m'.repeat(43)}`;

describe('leadingZeroBits', () => {
  it.each([
    [[0x80], 0],
    [[0x40], 1],
    [[0x01], 7],
    [[0x00, 0xff], 8],
    [[0x00, 0x00, 0x10], 19],
    [[0x00, 0x00], 16],
  ])('%j → %i', (bytes, bits) => {
    expect(leadingZeroBits(new Uint8Array(bytes))).toBe(bits);
  });
});

describe('solveChallenge and provesWork', () => {
  it('finds a counter whose hash has the asked-for zero bits, which provesWork accepts', async () => {
    const asked = challenge(10);
    const solution = await solveChallenge(asked);
    expect(solution).toMatch(/^\d+$/);
    expect(await provesWork(asked, solution!)).toBe(true);
  });

  it('refuses a counter that does not solve it, junk, and a challenge of the wrong shape', async () => {
    const asked = challenge(12);
    const solution = (await solveChallenge(asked))!;
    let wrong = 0;
    while (await provesWork(asked, String(wrong))) wrong += 1;
    expect(await provesWork(asked, String(wrong))).toBe(false);
    expect(await provesWork(asked, `${solution}x`)).toBe(false);
    expect(await provesWork(asked, '1'.repeat(17))).toBe(false);
    expect(await provesWork('not-a-challenge', solution)).toBe(false);
    expect(challengeBits('not-a-challenge')).toBeNull();
    expect(await solveChallenge('not-a-challenge')).toBeNull();
  });
});

describe('challenge codes', () => {
  it('carry the challenge to the form, which can read it back', () => {
    const asked = challenge(17);
    expect(challengeFromCode(challengeSignInCode(asked))).toBe(asked);
    expect(challengeFromCode('CredentialsSignin')).toBeNull();
    expect(challengeFromCode(null)).toBeNull();
    expect(signInErrorMessage(challengeSignInCode(asked))).toMatch(/short security check/);
  });
});

describe('TRUSTED_PROXY_HOPS=0 and forwarded headers', () => {
  it('logs one warning, the first time a request carries an X-Forwarded-For other than its own address or an X-Real-IP, and still ignores them', async () => {
    // "The first time" is per process: unit files share one (vitest isolate: false), so this test takes fresh modules.
    vi.resetModules();
    const { createLogger, withLogContext } = await import('@/lib/log');
    const { clientAddress } = await import('@/lib/server/doors/request-meta');
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: 'warn', destination });
    withLogContext({ logger }, () => {
      clientAddress({}, 0);
      // Next's own fill-in (the socket's address when the request had none) is no reason to warn.
      clientAddress({ [PEER_ADDRESS_HEADER]: '::ffff:127.0.0.1', 'x-forwarded-for': '::ffff:127.0.0.1' }, 0);
      expect(lines.filter((line) => line.includes('X-Forwarded-For or X-Real-IP'))).toEqual([]);
      expect(clientAddress({ 'x-forwarded-for': '203.0.113.9' }, 0)).toBe('unknown');
      clientAddress({ 'x-real-ip': '203.0.113.9' }, 0);
      clientAddress({ 'x-forwarded-for': '203.0.113.10' }, 0);
    });
    const warnings = lines.filter((line) => line.includes('X-Forwarded-For or X-Real-IP'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0]!)).toMatchObject({ level: 'warn' });
  });
});
