// Who is asking, from raw headers: the per-address key (under each TRUSTED_PROXY_HOPS setting) and the guest cart
// cookie the merge reads.
import { describe, expect, it } from 'vitest';
import { PEER_ADDRESS_HEADER, stampPeerAddresses } from '@/lib/server/doors/peer-address';
import { mailboxKey } from '@/lib/auth/mailbox';
import { addressBucket, clientAddress, clientIp, normalizeAddress, readCookie } from '@/lib/server/doors/request-meta';

const peer = (address: string) => ({ [PEER_ADDRESS_HEADER]: address });

describe('clientAddress with TRUSTED_PROXY_HOPS=0 (next start exposed directly)', () => {
  it('trusts no header while this process does not stamp connections: every caller is the one shared bucket', () => {
    expect(clientAddress({ ...peer('198.51.100.7'), 'x-forwarded-for': '203.0.113.9' }, 0)).toBe('unknown');
  });

  it.each([
    // The connection's address, whatever the client wrote in the forwarding headers.
    [{ ...peer('198.51.100.7') }, '198.51.100.7'],
    [{ ...peer('198.51.100.7'), 'x-forwarded-for': '203.0.113.9' }, '198.51.100.7'],
    [{ ...peer('198.51.100.7'), 'x-forwarded-for': '1.1.1.1, 2.2.2.2', 'x-real-ip': '3.3.3.3' }, '198.51.100.7'],
    // An IPv4 client on a dual-stack socket reads as plain IPv4, so an allowlist of IPv4 addresses matches it.
    [{ ...peer('::ffff:52.31.139.75') }, '52.31.139.75'],
    [{ ...peer('2001:DB8::1') }, '2001:db8::1'],
    // A forwarding header alone is not a connection address.
    [{ 'x-forwarded-for': '203.0.113.9' }, 'unknown'],
    [{ 'x-real-ip': '203.0.113.9' }, 'unknown'],
    [{}, 'unknown'],
  ])('once stamped: %j → %s', (headers, expected) => {
    stampPeerAddresses();
    expect(clientAddress(headers, 0)).toBe(expected);
  });
});

describe('clientAddress with TRUSTED_PROXY_HOPS=N (N proxies append to X-Forwarded-For)', () => {
  it.each([
    // One proxy (nginx's $proxy_add_x_forwarded_for, Vercel's edge): the right-most entry is what it saw.
    [1, { 'x-forwarded-for': '198.51.100.7' }, '198.51.100.7'],
    [1, { 'x-forwarded-for': '1.2.3.4, 198.51.100.7' }, '198.51.100.7'],
    [1, { 'x-forwarded-for': '1.2.3.4,   198.51.100.7 ' }, '198.51.100.7'],
    // Two proxies (a CDN, then nginx): the second entry from the right; anything further left is the client's.
    [2, { 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.0.0.2' }, '198.51.100.7'],
    [2, { 'x-forwarded-for': '198.51.100.7, 10.0.0.2' }, '198.51.100.7'],
    // Fewer entries than hops: all of them came from trusted hops, the left-most is the furthest one seen.
    [2, { 'x-forwarded-for': '198.51.100.7' }, '198.51.100.7'],
    // X-Real-IP and the connection stamp play no part once proxies are trusted.
    [1, { 'x-real-ip': '198.51.100.8' }, 'unknown'],
    [1, { ...peer('10.0.0.2') }, 'unknown'],
    [1, {}, 'unknown'],
    [1, { 'x-forwarded-for': ' , ' }, 'unknown'],
    // A port or brackets some proxies add are dropped; junk never becomes a bucket of the sender's choosing.
    [1, { 'x-forwarded-for': '198.51.100.7:51234' }, '198.51.100.7'],
    [1, { 'x-forwarded-for': '[2001:db8::7]:443' }, '2001:db8::7'],
    [1, { 'x-forwarded-for': 'x'.repeat(100) }, 'unknown'],
    [1, { 'x-forwarded-for': '<script>' }, 'unknown'],
  ])('hops %i: %j → %s', (hops, headers, expected) => {
    expect(clientAddress(headers, hops)).toBe(expected);
  });

  it('a client that varies what it prepends stays one address under every setting', () => {
    stampPeerAddresses();
    const seen = (hops: number) =>
      new Set(
        ['1.1.1.1', '2.2.2.2, 3.3.3.3', 'unknown', ''].map((spoofed) => {
          const chain = [spoofed, '198.51.100.7', '10.0.0.2', '10.0.0.3']
            .slice(0, 1 + hops)
            .filter(Boolean)
            .join(', ');
          return clientAddress({ 'x-forwarded-for': chain, 'x-real-ip': spoofed, ...peer('198.51.100.7') }, hops);
        }),
      );
    expect(seen(0)).toEqual(new Set(['198.51.100.7']));
    expect(seen(1)).toEqual(new Set(['198.51.100.7']));
    expect(seen(2)).toEqual(new Set(['198.51.100.7']));
  });
});

describe('normalizeAddress', () => {
  it.each([
    ['198.51.100.7', '198.51.100.7'],
    ['::FFFF:127.0.0.1', '127.0.0.1'],
    ['fe80::1%eth0', 'fe80::1%eth0'],
    ['', undefined],
    [undefined, undefined],
    ['a b', undefined],
  ])('%j → %j', (value, expected) => {
    expect(normalizeAddress(value)).toBe(expected);
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

describe('addressBucket: the key per-address limits and caps count under', () => {
  it.each([
    // IPv4 stays whole.
    ['198.51.100.7', '198.51.100.7'],
    ['unknown', 'unknown'],
    // IPv6 counts by its /64, however the address is spelt.
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['64:ff9b::198.51.100.7', '64:ff9b:0:0::/64'],
  ])('%s → %s', (address, bucket) => {
    expect(addressBucket(address)).toBe(bucket);
  });

  it('puts two addresses of one /64 in one bucket and neighbouring /64s apart', () => {
    expect(addressBucket('2001:db8:aa:bb::1')).toBe(addressBucket('2001:db8:aa:bb:ffff:1234:5678:9abc'));
    expect(addressBucket('2001:db8:aa:bb::1')).not.toBe(addressBucket('2001:db8:aa:bc::1'));
  });

  it('is what clientIp hands the doors, while clientAddress keeps the whole address (for allowlists)', () => {
    const headers = { 'x-forwarded-for': '2001:db8:aa:bb:1:2:3:4' };
    expect(clientAddress(headers, 1)).toBe('2001:db8:aa:bb:1:2:3:4');
    expect(clientIp(headers, 1)).toBe('2001:db8:aa:bb::/64');
    expect(clientIp({ 'x-forwarded-for': '198.51.100.7' }, 1)).toBe('198.51.100.7');
  });
});

describe('mailboxKey: the key per-email caps count under', () => {
  it.each([
    ['a@example.com', 'a@example.com'],
    ['A+Shop@Example.COM', 'a@example.com'],
    ['a+one+two@example.com', 'a@example.com'],
    [' a+x@example.com ', 'a@example.com'],
    ['+tag@example.com', '+tag@example.com'],
    ['no-at-sign', 'no-at-sign'],
  ])('%s → %s', (email, key) => {
    expect(mailboxKey(email)).toBe(key);
  });
});
