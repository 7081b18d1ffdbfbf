// The fast lane: the Store API's hot routes answered by their own route handlers straight from Node's HTTP server,
// without Next's request path around them (≈ 3–4 ms of CPU per request on these machines: bench/lean). It serves
// only what needs nothing Next gives a request:
//   - guests' cart, stock and checkout calls (no next-auth session cookie: a signed-in shopper's session is next-auth's
//     to read inside Next, so those requests go on to Next as before), and Paystack's webhook (no cookie at all);
//   - the same handlers, doors and checks as through Next (route(): origin, zod, rate limits, error catalogue, log
//     line, request id), plus the static security headers next.config.ts puts on every response.
// Anything else returns false and is Next's. The custom server (server.ts) asks here first.
import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import * as cartItems from '@/app/api/cart/items/route';
import * as cart from '@/app/api/cart/route';
import * as checkout from '@/app/api/checkout/route';
import * as healthLive from '@/app/api/health/live/route';
import * as stock from '@/app/api/stock/route';
import * as paystackWebhook from '@/app/api/webhooks/paystack/route';
import { env } from '@/lib/core/env';
import { withDoorDeps } from '../deps/door-deps';
import { SESSION_COOKIE_NAME } from '../doors/session-cookie';
import { staticSecurityHeaders } from '../doors/security-headers';

type Handler = (request: Request) => Promise<Response>;

/** `guestsOnly`: a request carrying a session cookie goes to Next, which reads who is signed in. */
const routes = new Map<string, { handler: Handler; guestsOnly: boolean }>([
  ['POST /api/cart/items', { handler: cartItems.POST, guestsOnly: true }],
  ['GET /api/cart', { handler: cart.GET as Handler, guestsOnly: true }],
  ['POST /api/checkout', { handler: checkout.POST, guestsOnly: true }],
  ['GET /api/stock', { handler: stock.GET as Handler, guestsOnly: false }],
  ['POST /api/webhooks/paystack', { handler: paystackWebhook.POST, guestsOnly: false }],
  ['GET /api/health/live', { handler: healthLive.GET as Handler, guestsOnly: false }],
]);

/** Marks a fast-lane answer (tests and operators can tell which path served a request). */
export const LANE_HEADER = 'x-shop-lane';

/** Outside Next nobody is signed in: the lane only takes requests without a session cookie. */
const guest = { currentUser: async () => null, session: async () => null };

function hasSessionCookie(cookieHeader: string | undefined): boolean {
  if (!cookieHeader) return false;
  return cookieHeader.split(';').some((pair) => SESSION_COOKIE_NAME.test(pair.slice(0, pair.indexOf('=') >>> 0).trim()));
}

let securityHeaders: Array<[string, string]> | undefined;

/** Serves `req` if it is a fast-lane route and returns true; false leaves it (untouched) to Next. */
export function serveFastLane(req: IncomingMessage, res: ServerResponse): boolean {
  if (env().FAST_LANE_OFF) return false;
  const url = req.url ?? '/';
  const queryAt = url.indexOf('?');
  const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
  const entry = routes.get(`${req.method} ${pathname}`);
  if (!entry) return false;
  if (entry.guestsOnly && hasSessionCookie(req.headers.cookie)) return false;
  answer(entry.handler, req, res, url).catch((error: unknown) => {
    // route() answers every failure itself; this is the copy to the socket failing (the client went away).
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"code":"internal_error"}}');
    else res.destroy(error as Error);
  });
  return true;
}

/** A small body the client declared the length of (every Store API call) is read whole: a Buffer is far cheaper to
 *  hand to a Request than a stream. Anything else streams, and the door counts it against the route's own cap. */
const BUFFERED_BODY_BYTES = 64 * 1024;

async function bodyOf(req: IncomingMessage): Promise<Pick<RequestInit, 'body'> & { duplex?: 'half' }> {
  if (req.method === 'GET' || req.method === 'HEAD') return {};
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (!Number.isInteger(declared) || declared > BUFFERED_BODY_BYTES) return { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' };
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return { body: Buffer.concat(chunks) };
}

async function answer(handler: Handler, req: IncomingMessage, res: ServerResponse, url: string): Promise<void> {
  const headers = new Headers();
  for (let index = 0; index + 1 < req.rawHeaders.length; index += 2) headers.append(req.rawHeaders[index]!, req.rawHeaders[index + 1]!);
  // The public origin, as Next gives route handlers behind the front: same-origin checks compare against it.
  const request = new Request(new URL(url, env().NEXTAUTH_URL), { method: req.method, headers, ...(await bodyOf(req)) } as RequestInit);
  const response = await withDoorDeps(guest, () => handler(request));

  securityHeaders ??= staticSecurityHeaders(env()).map(({ key, value }) => [key.toLowerCase(), value]);
  const out: Record<string, string | string[]> = Object.fromEntries(securityHeaders);
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') out[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) out['set-cookie'] = cookies;
  out[LANE_HEADER] = 'fast';
  const body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  res.writeHead(response.status, out).end(body);
}
