// How the Paystack client's bytes travel: one undici Pool per origin (keep-alive sockets reused across calls, no
// WHATWG fetch machinery: Request/Response objects, web streams), or any fetch a caller injects. Either way one call
// has one deadline covering connecting, the answer's headers and its whole body, as AbortSignal.timeout did.
import { Pool } from 'undici';

export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  timeoutMs: number;
}

export interface TransportResponse {
  status: number;
  text: string;
  /** A response header by lower-case name, or null. */
  header(name: string): string | null;
}

/**
 * Sends one request. Throws on a network failure (with the system `code`, e.g. ECONNREFUSED, on the error or its
 * `cause`) or, past the deadline, an error named `TimeoutError`.
 */
export type PaystackTransport = (request: TransportRequest) => Promise<TransportResponse>;

/** Sockets per Paystack origin; a checkout makes one call, so a handful serve many concurrent checkouts. */
const CONNECTIONS_PER_ORIGIN = 16;
const pools = new Map<string, Pool>();

function poolFor(origin: string): Pool {
  let pool = pools.get(origin);
  if (!pool) {
    // undici's own timeouts are left at their (longer) defaults: the per-call deadline below is the one that counts.
    pool = new Pool(origin, { connections: CONNECTIONS_PER_ORIGIN });
    pools.set(origin, pool);
  }
  return pool;
}

function timeoutError(ms: number): Error {
  const error = new Error(`no response within ${ms} ms`);
  error.name = 'TimeoutError';
  return error;
}

/** The default transport: a Pool per origin, kept for the life of the process. */
export const pooledTransport: PaystackTransport = async (request) => {
  const url = new URL(request.url);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(timeoutError(request.timeoutMs)), request.timeoutMs);
  try {
    const reply = await poolFor(url.origin).request({
      method: request.method,
      path: `${url.pathname}${url.search}`,
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
    });
    // The deadline also covers reading the body, so a stalled body is a timeout too.
    const text = await reply.body.text();
    const { headers } = reply;
    return {
      status: reply.statusCode,
      text,
      header: (name) => {
        const value = headers[name];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    };
  } catch (error) {
    if (controller.signal.aborted) throw timeoutError(request.timeoutMs);
    throw error;
  } finally {
    clearTimeout(timer);
  }
};

/** A transport on a fetch function (a test's counting wrapper, a platform without undici). */
export function fetchTransport(fetchImpl: typeof fetch): PaystackTransport {
  return async (request) => {
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
    const text = await response.text();
    return { status: response.status, text, header: (name) => response.headers.get(name) };
  };
}
