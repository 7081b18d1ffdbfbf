// Facts about the incoming request that plain header maps can answer (authorize gets headers, not a NextRequest).
import 'server-only';
import { isIPv6 } from 'node:net';
import { trustedProxyHops } from '@/lib/core/env';
import { log } from '@/lib/log';
import { PEER_ADDRESS_HEADER, peerAddressStamped } from './peer-address';

type HeaderMap = Record<string, string | undefined>;

/** The one bucket for callers whose address cannot be learnt: shared, so it is never a way around a limit. */
export const UNKNOWN_ADDRESS = 'unknown';

let warnedUnstamped = false;
let warnedForwarded = false;

/**
 * The caller's address, for every per-address decision (rate limits, open-order caps, the webhook allowlist). `hops`
 * is TRUSTED_PROXY_HOPS: how many proxies in front of the app append the address they saw to X-Forwarded-For.
 * - 0: the connection's own address, stamped by lib/server/doors/peer-address.ts; X-Forwarded-For and X-Real-IP are
 *   ignored, since with no proxy in front they are whatever the client wrote.
 * - N: the N-th X-Forwarded-For entry from the right — the address the outermost trusted proxy saw. Entries further
 *   left were written by the client and are ignored. With fewer than N entries every entry came from a trusted hop,
 *   so the left-most is used.
 * X-Real-IP is never read: one header, one rule.
 */
export function clientAddress(headers: HeaderMap, hops: number): string {
  if (hops <= 0) {
    // Not stamped at all: this process is not a Next server that ran instrumentation.ts (a custom server, a platform
    // that is not `next start`), so no connection address will ever come. Stamped but missing: a request that was
    // already arriving while the server started, before the stamp was installed.
    // Next itself fills X-Forwarded-For with the socket's address when a request has none: only a different one (or
    // an X-Real-IP) was written by someone else — a client, or a proxy nobody told the app about.
    const forwarded = headers['x-forwarded-for'];
    if (headers['x-real-ip'] || (forwarded && normalizeAddress(forwarded) !== normalizeAddress(headers[PEER_ADDRESS_HEADER]))) warnForwardedOnce();
    if (!peerAddressStamped()) {
      warnUnstampedOnce();
      return UNKNOWN_ADDRESS;
    }
    return normalizeAddress(headers[PEER_ADDRESS_HEADER]) ?? UNKNOWN_ADDRESS;
  }
  const entries = (headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chosen = entries.length >= hops ? entries[entries.length - hops] : entries[0];
  return normalizeAddress(chosen) ?? UNKNOWN_ADDRESS;
}

/**
 * The caller's bucket under this deployment's TRUSTED_PROXY_HOPS (lib/env.ts): the key of every per-address limit and
 * cap, and what an order stores as its client address. See addressBucket.
 */
export function clientIp(headers: HeaderMap, hops: number = trustedProxyHops()): string {
  return addressBucket(clientAddress(headers, hops));
}

/**
 * The key a per-address limit counts under. IPv4 stays whole. An IPv6 address counts by its /64: one subscriber line
 * or one cloud instance is routinely handed a whole /64, so counting addresses one by one would give a script 2^64
 * fresh buckets. Anything else (the shared `unknown` bucket) passes unchanged.
 */
export function addressBucket(address: string): string {
  const prefix = ipv6Prefix64(address);
  return prefix ?? address;
}

/** `2001:db8:a:b::/64` for any spelling of an address in that /64; undefined for what is not IPv6. */
function ipv6Prefix64(address: string): string | undefined {
  const bare = address.split('%')[0] ?? '';
  if (!isIPv6(bare)) return undefined;
  const width = (groups: string[]) => groups.reduce((sum, group) => sum + (group.includes('.') ? 2 : 1), 0);
  const split = (part: string | undefined) => (part ? part.split(':') : []);
  let groups: string[];
  if (bare.includes('::')) {
    const [head, tail] = bare.split('::');
    const before = split(head);
    const after = split(tail);
    groups = [...before, ...Array<string>(8 - width(before) - width(after)).fill('0'), ...after];
  } else {
    groups = bare.split(':');
  }
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

/**
 * One spelling per address, so an allowlist entry and a bucket match however the address arrived: `::ffff:1.2.3.4`
 * (an IPv4 client on a dual-stack socket) is `1.2.3.4`, a port or IPv6 brackets some proxies add are dropped, and
 * anything that does not look like an address is refused rather than becoming a bucket of its own choosing.
 */
export function normalizeAddress(value: string | undefined): string | undefined {
  let address = value?.trim().toLowerCase();
  if (!address) return undefined;
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d+)?$/.exec(address);
  if (bracketed?.[1]) address = bracketed[1];
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(address);
  if (v4WithPort?.[1]) address = v4WithPort[1];
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped?.[1]) address = mapped[1];
  return address.length <= 64 && /^[0-9a-z][0-9a-z.:_%-]*$/.test(address) ? address : undefined;
}

function warnUnstampedOnce(): void {
  if (warnedUnstamped) return;
  warnedUnstamped = true;
  log().warn(
    'request-meta: TRUSTED_PROXY_HOPS=0 but this server does not learn connection addresses (instrumentation.ts did not run): ' +
      'every caller shares one rate-limit bucket. Behind a proxy, set TRUSTED_PROXY_HOPS to the number of proxies that append to X-Forwarded-For.',
  );
}

function warnForwardedOnce(): void {
  if (warnedForwarded) return;
  warnedForwarded = true;
  log().warn(
    'request-meta: TRUSTED_PROXY_HOPS=0 and a request carries X-Forwarded-For or X-Real-IP from someone other than Next: they are ignored (a client can write them). ' +
      "If a proxy in front of the app sets them, every caller now shares the proxy's address: set TRUSTED_PROXY_HOPS to the number of proxies.",
  );
}

/** One cookie's value from a raw Cookie header (the authorize callback gets headers, not a cookie store). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) {
      const raw = part.slice(index + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return undefined;
}
