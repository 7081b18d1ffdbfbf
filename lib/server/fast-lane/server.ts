// The app process in production: Node's HTTP server with Next behind it (Next's documented custom server), asking the
// fast lane (fast-lane.ts) first. Bundled by scripts/stack/build-server.ts into <distDir>/shop-server.cjs and run as
// `node .next/shop-server.cjs` (PORT, HOSTNAME) in place of `next start`. It does what `next start` does around a
// request — keep-alive, and on SIGTERM/SIGINT: stop accepting, let in-flight requests finish, close Next, exit —
// so the supervisor, the front and `npm run reload` treat it exactly as before.
import { next } from './next-first';
import { createServer } from 'node:http';
import { isCacheableCataloguePage } from '../doors/security-headers';
import { serveFastLane } from './fast-lane';
import { acceptsCompression, paintFirst } from './paint-first';

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? '127.0.0.1';

async function main() {
  const app = next({ dev: false, dir: process.cwd(), hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = createServer((req, res) => {
    if (serveFastLane(req, res)) return;
    // Catalogue pages paint before their scripts load (paint-first.ts), rewritten as the uncompressed HTML the front
    // asks for. A client that asks this process for gzip or br itself (no front) gets Next's page as it is: Next
    // compresses beneath the rewrite, which must not see those bytes.
    if (req.method === 'GET' && !acceptsCompression(req) && isCacheableCataloguePage('GET', new URL(req.url ?? '/', 'http://app'))) paintFirst(res);
    void handle(req, res);
  });
  // As `next start`: longer than the front's upstream keep-alive, so nginx never reuses a socket this side just closed.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(port, hostname, () => console.log(`✓ Ready on http://${hostname}:${port} (Next with the fast lane)`));

  let closing = false;
  const close = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    server.close(() => {
      void app
        .close()
        .catch((error: unknown) => console.error(error))
        .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
