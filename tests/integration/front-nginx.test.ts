// The front (scripts/stack/front.ts): the real Debian nginx with the generated config, in front of a stand-in app
// that answers exactly as the app↔front contract says (README "Front (nginx)"): catalogue pages rendered with the
// placeholder nonce and marked `X-Shop-Cache: catalogue`. What a shopper's browser receives is checked: a fresh nonce
// per response on cached pages too, in the CSP header and on every script tag; only marked pages are cached, never one
// setting a cookie, never RSC data; the marker header never leaves; bodies are compressed towards the browser.
import { createServer, get as httpGet, type IncomingHttpHeaders, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRONT_NONCE_PLACEHOLDER, type RunningFront, startFront } from '../../scripts/stack/front';
import { profiles } from '../../scripts/stack/profiles';
import { closedPort } from '../support/closed-port';

const PLACEHOLDER = FRONT_NONCE_PLACEHOLDER;
const policy = `default-src 'self'; script-src 'self' 'nonce-${PLACEHOLDER}' 'strict-dynamic'; frame-ancestors 'none'`;
const page = (title: string) =>
  `<!DOCTYPE html><html><head><title>${title}</title><script nonce="${PLACEHOLDER}" src="/_next/static/a.js"></script></head>` +
  `<body>${'<p>catalogue text</p>'.repeat(200)}<script nonce="${PLACEHOLDER}">self.__next_f.push([1,"x"])</script>` +
  `<script nonce="${PLACEHOLDER}">self.__next_f.push([2,"y"])</script></body></html>`;

const hits = new Map<string, number>();
const seen: IncomingHttpHeaders[] = [];
let upstream: Server;
const HELD_BURST = 10;
const held: Array<() => void> = [];
let heldPeak = 0;
let front: RunningFront;

beforeAll(async () => {
  upstream = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://app');
    const key = `${url.pathname}${request.headers.rsc ? ' rsc' : ''}`;
    hits.set(key, (hits.get(key) ?? 0) + 1);
    seen.push(request.headers);
    const headers: Record<string, string> = {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': policy,
      // What Next sends on every dynamic page: the front must not let it stop the catalogue cache, nor forward it.
      'cache-control': 'private, no-cache, no-store, max-age=0, must-revalidate',
      // Next's preload hints name the nonce once per file.
      link: ['a.css', 'b.css', 'c.woff2'].map((file) => `</_next/static/${file}>; rel=preload; nonce="${PLACEHOLDER}"`).join(', '),
    };
    if (url.pathname === '/api/held') {
      // Held until every one of a burst has arrived (or 3 s passed, so a queued burst still ends): how many were in
      // the app at once shows whether the front queued them.
      held.push(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
      heldPeak = Math.max(heldPeak, held.length);
      const release = () => {
        for (const answer of held.splice(0)) answer();
      };
      if (held.length >= HELD_BURST) release();
      else setTimeout(release, 3_000).unref();
      return;
    }
    if (url.pathname.startsWith('/products/')) headers['x-shop-cache'] = 'catalogue';
    if (url.pathname === '/products/with-cookie') headers['set-cookie'] = 'cart=abc; Path=/; HttpOnly';
    if (url.pathname === '/products/missing') {
      response.writeHead(404, headers).end(page('not found'));
      return;
    }
    response.writeHead(200, headers).end(page(url.pathname));
  });
  const upstreamPort = await closedPort();
  await new Promise<void>((resolve) => upstream.listen(upstreamPort, '127.0.0.1', resolve));
  front = await startFront({ port: await closedPort(), dataDir: `${profiles.test.dataDir}/front-test`, servers: [{ port: upstreamPort }] });
});

afterAll(async () => {
  await front?.stop();
  await new Promise((resolve) => upstream?.close(resolve));
});

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${front.url}${path}`, { headers });
  const body = await response.text();
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
  const scriptNonces = [...body.matchAll(/<script nonce="([^"]*)"/g)].map((match) => match[1]);
  return { response, body, nonce, scriptNonces };
}

describe('nonce stamping', () => {
  it('gives each response of one cached page its own nonce, on the CSP header and on every script tag', async () => {
    const first = await get('/products/adire');
    const second = await get('/products/adire');
    expect(first.response.status).toBe(200);
    expect(second.response.headers.get('x-front-cache')).toBe('HIT');
    expect(hits.get('/products/adire')).toBe(1);
    for (const answer of [first, second]) {
      expect(answer.nonce).toMatch(/^[0-9a-f]{32}$/);
      expect(answer.scriptNonces).toEqual([answer.nonce, answer.nonce, answer.nonce]);
      expect(answer.body).not.toContain(PLACEHOLDER);
      expect(answer.response.headers.get('content-security-policy')).toBe(policy.replace(PLACEHOLDER, answer.nonce ?? '?'));
      expect([...(answer.response.headers.get('link') ?? '').matchAll(/nonce="([^"]*)"/g)].map((match) => match[1])).toEqual([
        answer.nonce,
        answer.nonce,
        answer.nonce,
      ]);
      // The shared page may not be reused by the browser as is, and the app's marker stays between app and front.
      expect(answer.response.headers.get('cache-control')).toBe('no-cache');
      expect(answer.response.headers.get('x-shop-cache')).toBeNull();
    }
    expect(first.nonce).not.toBe(second.nonce);
  });

  it('stamps pages the app did not mark too, and does not cache them', async () => {
    const first = await get('/search');
    const second = await get('/search');
    expect(hits.get('/search')).toBe(2);
    expect(second.response.headers.get('x-front-cache')).not.toBe('HIT');
    expect(first.scriptNonces).toEqual([first.nonce, first.nonce, first.nonce]);
    expect(first.nonce).not.toBe(second.nonce);
    // A page only one shopper may see keeps the app's own no-store.
    expect(first.response.headers.get('cache-control')).toContain('no-store');
  });
});

describe('what is cached', () => {
  it('never stores a response that sets a cookie, even on a catalogue path', async () => {
    const first = await get('/products/with-cookie');
    await get('/products/with-cookie');
    expect(first.response.headers.get('set-cookie')).toContain('cart=abc');
    expect(hits.get('/products/with-cookie')).toBe(2);
  });

  it('never serves RSC data from the page cache nor stores it', async () => {
    await get('/products/rsc-target');
    await get('/products/rsc-target', { RSC: '1' });
    await get('/products/rsc-target?_rsc=abc');
    expect(hits.get('/products/rsc-target')).toBe(2);
    expect(hits.get('/products/rsc-target rsc')).toBe(1);
  });

  it('sends requests outside the catalogue paths straight to the app: never looked up, never queued behind each other', async () => {
    // nginx's cache lock would hold identical requests for one key until the first is answered (in 500 ms steps),
    // even though the app never marks an API answer cacheable.
    const answers = await Promise.all(Array.from({ length: HELD_BURST }, () => fetch(`${front.url}/api/held`)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(HELD_BURST).fill(200));
    expect(heldPeak).toBe(HELD_BURST);
    expect(answers[0]!.headers.get('x-front-cache')).toBe('BYPASS');
  });

  it('caches only 200 answers', async () => {
    await get('/products/missing');
    const again = await get('/products/missing');
    expect(again.response.status).toBe(404);
    expect(hits.get('/products/missing')).toBe(2);
  });
});

describe('towards the app and the browser', () => {
  it('asks the app for identity encoding, compresses for the browser, and appends the peer to X-Forwarded-For', async () => {
    seen.length = 0;
    // node:http, not fetch: fetch would decompress silently, and the raw bytes are what is checked.
    const { headers, bytes } = await new Promise<{ headers: IncomingHttpHeaders; bytes: Buffer }>((resolve, reject) => {
      const request = httpGet(`${front.url}/search?q=gzip`, { headers: { 'accept-encoding': 'gzip', 'x-forwarded-for': '203.0.113.9' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ headers: response.headers, bytes: Buffer.concat(chunks) }));
      });
      request.on('error', reject);
    });
    expect(headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(bytes).toString('utf8')).toContain('<title>/search</title>');
    expect(seen[0]?.['accept-encoding']).toBeUndefined();
    // The client's own entry is kept, the address nginx saw is last: the app takes it with TRUSTED_PROXY_HOPS=1.
    expect(seen[0]?.['x-forwarded-for']).toBe('203.0.113.9, 127.0.0.1');
  });
});
