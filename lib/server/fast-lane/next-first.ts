// Imported first by server.ts, so the bundle loads Next before any of the shop's modules: Next's server modules
// (next/headers, next/server) need the runtime `next` sets up when it loads (its AsyncLocalStorage on globalThis),
// and esbuild emits a bundle's modules in import order.
// What `next start` loads before anything else: AsyncLocalStorage on globalThis, and Node's environment as Next wants it.
import 'next/dist/server/node-environment';
import next from 'next';

export { next };
