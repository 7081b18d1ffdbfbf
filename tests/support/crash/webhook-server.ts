// Child process for the crash tests: serves the REAL Paystack webhook route handler (app/api/webhooks/paystack/route.ts)
// behind a plain node:http server, as `next start` would, so the test can SIGKILL a real process mid-storm.
// Usage: node --import tsx --import ./tests/support/crash/register.ts tests/support/crash/webhook-server.ts <port>
// Tells its parent `{ listening: <port> }` over the IPC channel once it accepts connections.
import { createServer, type IncomingMessage } from 'node:http';
import { POST } from '@/app/api/webhooks/paystack/route';
import { startWebhookInboxInThisProcess } from '@/lib/server/deps/webhook-inbox';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) throw new Error(`usage: webhook-server.ts <port> (got ${process.argv[2]})`);

const PATH = '/api/webhooks/paystack';
// Never outlive the test process: its IPC channel closes when it exits, however it exits.
process.on('disconnect', () => process.exit(1));

/** IncomingMessage → web Request, the way Next's Node server hands a route handler its request. */
async function toRequest(incoming: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const method = incoming.method ?? 'GET';
  return new Request(`http://127.0.0.1:${port}${incoming.url ?? '/'}`, {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks),
  });
}

const server = createServer((incoming, outgoing) => {
  void (async () => {
    try {
      if (new URL(incoming.url ?? '/', 'http://x').pathname !== PATH || incoming.method !== 'POST') {
        outgoing.writeHead(404).end();
        return;
      }
      const response = await POST(await toRequest(incoming));
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      process.stderr.write(`webhook-server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      if (!outgoing.headersSent) outgoing.writeHead(500);
      outgoing.end();
    }
  })();
});

// As instrumentation.ts does for `next start`: this process applies the inbox (and sweeps what a dead one left).
startWebhookInboxInThisProcess();

server.listen(port, '127.0.0.1', () => {
  process.send?.({ listening: port });
});
