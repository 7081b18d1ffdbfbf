// The connection's own address, which Next 16 does not hand to route handlers, server actions or next-auth: its
// server only copies the socket's address into X-Forwarded-For when that header is absent (base-server.js:
// `req.headers['x-forwarded-for'] ??= socket.remoteAddress`), so a client that sends its own header replaces it.
// Node publishes every incoming request on the `http.server.request.start` diagnostics channel before the server's
// 'request' listeners (Next) see it; subscribing there, this stamps the socket's address into a header of our own,
// overwriting whatever a client sent under that name. instrumentation.ts installs it when a Next server starts.
import 'server-only';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { subscribe } from 'node:diagnostics_channel';

export const PEER_ADDRESS_HEADER = 'x-shop-peer-address';

// On globalThis, not in a module variable: instrumentation and each route are bundled separately, so each would get
// its own copy of this module, but they share one process.
const INSTALLED = Symbol.for('paystack-commerce.peer-address-stamp');
type Stamped = typeof globalThis & { [INSTALLED]?: boolean };

/** Stamps every request this process serves (any Node http/https server) with its connection's address. Idempotent. */
export function stampPeerAddresses(): void {
  const scope = globalThis as Stamped;
  if (scope[INSTALLED]) return;
  subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    // Always overwritten (empty when the socket is already gone), so a client-sent copy never survives — in the
    // parsed headers Next reads, and in the raw list too for anything that reads that instead.
    const address = socket.remoteAddress ?? '';
    request.headers[PEER_ADDRESS_HEADER] = address;
    for (let index = 0; index + 1 < request.rawHeaders.length; index += 2) {
      if (request.rawHeaders[index]?.toLowerCase() === PEER_ADDRESS_HEADER) request.rawHeaders[index + 1] = address;
    }
  });
  scope[INSTALLED] = true;
}

/** True when this process stamps requests, i.e. the peer header can only have come from the stamp. */
export function peerAddressStamped(): boolean {
  return (globalThis as Stamped)[INSTALLED] === true;
}
