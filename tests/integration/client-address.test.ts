// Whose address a limit counts, through real sockets: a Node HTTP server stamps each connection's address the way the
// app's instrumentation does in `next start` (lib/server/doors/peer-address.ts) and hands a real Request to the real
// POST /api/cart/items route, whose new-cart limit is per address. Clients connect from distinct loopback addresses
// (127.0.0.2, 127.0.0.3, …) and spoof X-Forwarded-For, X-Real-IP and the stamp header itself: under each
// TRUSTED_PROXY_HOPS setting the spoofing never buys a fresh window, while a genuinely different caller gets its own.
// What is stood in: the proxies (for hops 1 and 2 the test client writes the entries a proxy would append), the limiter
// (the app's cart-session limit, 3 per day under a fresh prefix) and the hops setting, through the doors' seam.
import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDoorDeps } from '@/lib/server/deps/door-deps';
import { PEER_ADDRESS_HEADER, stampPeerAddresses } from '@/lib/server/doors/peer-address';
import { createRateLimiter } from '@/lib/server/doors/rate-limit';
import { apiJson, route } from '@/lib/server/doors/route';
import { cartTestClients, createFixtureCatalogue } from '../support/cart-fixtures';
import { closeCheckoutApiClients, site } from '../support/checkout-api-fixtures';

const { db, sql, redis } = cartTestClients();
const { POST: addToCart } = await import('@/app/api/cart/items/route');
const NEW_CARTS = 3;

let hops = 0;
let limiter = freshLimiter();
function freshLimiter() {
  return createRateLimiter({
    redis,
    prefix: `test-ratelimit:${randomBytes(6).toString('hex')}`,
    policies: { cartSessionsByIp: { tokens: NEW_CARTS, window: '1 d' } },
  });
}

// A probe built with the same door, for the webhook-style allowlist.
const allowlisted = route({ name: 'test/allowlisted', audience: 'public', sameOrigin: false, allowFrom: () => ['127.0.0.5'] }, async ({ ip }) =>
  apiJson({ ip }),
);

function toRequest(incoming: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const hasBody = incoming.method !== 'GET' && incoming.method !== 'HEAD';
  return new Request(new URL(incoming.url ?? '/', site()), {
    method: incoming.method,
    headers,
    body: hasBody ? (Readable.toWeb(incoming) as ReadableStream<Uint8Array>) : undefined,
    duplex: 'half',
  } as RequestInit);
}

let server: Server;
let port = 0;

beforeAll(async () => {
  stampPeerAddresses();
  server = createServer(async (incoming, outgoing) => {
    const handler = incoming.url === '/probe' ? allowlisted : addToCart;
    const response = await withDoorDeps({ trustedProxyHops: () => hops, limiter: () => limiter, currentUser: async () => null }, () =>
      handler(toRequest(incoming)),
    );
    outgoing.writeHead(response.status, { 'content-type': 'application/json' });
    outgoing.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await closeCheckoutApiClients({ db, sql, redis }, []);
});

let variantId = '';
beforeAll(async () => {
  const catalogue = await createFixtureCatalogue(db, 'client-address', [{ stock: 100 }]);
  variantId = catalogue.variants[0]!.id;
});

/** One request over a real socket bound to `from`; answers the status and the JSON body. */
function send(from: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: { ip?: string; error?: { code: string } } }> {
  const payload = path === '/probe' ? undefined : JSON.stringify({ variantId, quantity: 1 });
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: payload ? 'POST' : 'GET',
        localAddress: from,
        agent: false,
        headers: { origin: site(), 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', ...headers },
      },
      (incoming) => {
        let text = '';
        incoming.on('data', (chunk: Buffer) => (text += chunk.toString()));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** New carts opened by one client that changes its spoofed headers on every request. */
async function spoofingRun(from: string, chain: (spoofed: string) => string): Promise<number[]> {
  const statuses: number[] = [];
  for (let attempt = 0; attempt < NEW_CARTS + 2; attempt += 1) {
    const spoofed = `198.51.100.${attempt + 10}`;
    const { status } = await send(from, '/api/cart/items', { 'x-forwarded-for': chain(spoofed), 'x-real-ip': spoofed, [PEER_ADDRESS_HEADER]: spoofed });
    statuses.push(status);
  }
  return statuses;
}

const limited = [...Array.from({ length: NEW_CARTS }, () => 200), 429, 429];

describe('TRUSTED_PROXY_HOPS=0: next start exposed directly', () => {
  it('counts the connection: spoofed forwarding headers and a forged stamp buy no new window; another machine has its own', async () => {
    hops = 0;
    limiter = freshLimiter();
    expect(await spoofingRun('127.0.0.2', (spoofed) => spoofed)).toEqual(limited);
    expect((await send('127.0.0.3', '/api/cart/items', {})).status).toBe(200);
  });

  it('gates the webhook-style allowlist on the connection, not on a header naming an allowed address', async () => {
    hops = 0;
    const spoofed = await send('127.0.0.2', '/probe', { 'x-forwarded-for': '127.0.0.5', 'x-real-ip': '127.0.0.5', [PEER_ADDRESS_HEADER]: '127.0.0.5' });
    expect(spoofed).toEqual({ status: 403, body: { error: expect.objectContaining({ code: 'source_not_allowed' }) } });
    expect(await send('127.0.0.5', '/probe', {})).toEqual({ status: 200, body: { ip: '127.0.0.5' } });
  });
});

describe('TRUSTED_PROXY_HOPS=1: one proxy that appends the address it saw (nginx, Vercel)', () => {
  it('counts the entry the proxy appended: whatever the client puts before it is ignored', async () => {
    hops = 1;
    limiter = freshLimiter();
    // The client sends "spoofed"; the proxy, seeing 203.0.113.50, appends it.
    expect(await spoofingRun('127.0.0.2', (spoofed) => `${spoofed}, 203.0.113.50`)).toEqual(limited);
    expect((await send('127.0.0.2', '/api/cart/items', { 'x-forwarded-for': '203.0.113.51' })).status).toBe(200);
  });
});

describe('TRUSTED_PROXY_HOPS=2: a CDN, then nginx', () => {
  it('counts what the outer proxy saw: the client’s own entries and the inner hop’s are not the key', async () => {
    hops = 2;
    limiter = freshLimiter();
    // Client "spoofed" → CDN saw 203.0.113.60 → nginx saw the CDN at 10.0.0.7.
    expect(await spoofingRun('127.0.0.2', (spoofed) => `${spoofed}, 203.0.113.60, 10.0.0.7`)).toEqual(limited);
    expect((await send('127.0.0.2', '/api/cart/items', { 'x-forwarded-for': '203.0.113.61, 10.0.0.7' })).status).toBe(200);
  });
});
