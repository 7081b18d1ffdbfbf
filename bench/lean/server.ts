// The probe's server (bench/lean/probe.ts): the shop's own Store API route handlers — the very functions Next calls —
// answered by a bare `node:http` server, with no Next request path around them. Guests only: the signed-in user is
// next-auth's to read inside Next, so here it is always "nobody" (through the doors' dependency seam, as the
// integration tests do). The probe bundles it with esbuild (`server-only` swapped for an empty module) and runs the bundle.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import * as cartItems from '@/app/api/cart/items/route';
import * as healthLive from '@/app/api/health/live/route';
import { withDoorDeps } from '@/lib/server/deps/door-deps';

type Handler = (request: Request) => Promise<Response>;
const routes: Record<string, Handler> = {
  'POST /api/cart/items': cartItems.POST,
  'GET /api/health/live': healthLive.GET as Handler,
};
const guest = { currentUser: async () => null, session: async () => null };

async function answer(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const handler = routes[`${req.method} ${url.pathname}`];
  if (!handler) return void res.writeHead(404).end();
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  const request = new Request(new URL(url.pathname + url.search, process.env.NEXTAUTH_URL), {
    method: req.method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
  } as RequestInit);
  const response = await withDoorDeps(guest, () => handler(request));
  const out: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') out[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) out['set-cookie'] = cookies;
  res.writeHead(response.status, out).end(Buffer.from(await response.arrayBuffer()));
}

const server = createServer((req, res) => {
  answer(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500).end();
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PROBE_PORT), '127.0.0.1', () => process.stdout.write('listening\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
