// Who is asking, from raw headers: the per-IP limiter's key and the guest cart cookie the merge reads.
import { describe, expect, it } from 'vitest';
import { clientIp, readCookie } from '@/lib/server/request-meta';

describe('clientIp', () => {
  it.each([
    [{ 'x-forwarded-for': '203.0.113.9' }, '203.0.113.9'],
    // A client can prepend anything; the hop nearest us appended the address it saw.
    [{ 'x-forwarded-for': '1.2.3.4, 198.51.100.7' }, '198.51.100.7'],
    [{ 'x-real-ip': '198.51.100.8' }, '198.51.100.8'],
    [{}, 'unknown'],
    [{ 'x-forwarded-for': ' , ' }, 'unknown'],
    [{ 'x-forwarded-for': 'x'.repeat(100) }, 'unknown'],
  ])('%j → %s', (headers, expected) => {
    expect(clientIp(headers)).toBe(expected);
  });
});

describe('readCookie', () => {
  it('finds one cookie among many, exactly by name', () => {
    const header = 'next-auth.csrf-token=abc; cart_session=s-123; xcart_session=nope';
    expect(readCookie(header, 'cart_session')).toBe('s-123');
    expect(readCookie(header, 'cart')).toBeUndefined();
    expect(readCookie(undefined, 'cart_session')).toBeUndefined();
  });

  it('decodes percent-encoding and tolerates malformed encoding', () => {
    expect(readCookie('a=b%20c', 'a')).toBe('b c');
    expect(readCookie('a=%E0%A4%A', 'a')).toBe('%E0%A4%A');
  });
});
