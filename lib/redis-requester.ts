// An Upstash REST requester on an undici Pool: the same protocol the @upstash/redis HttpClient speaks (single commands
// to `/`, `/pipeline`, `/multi-exec`, bearer token, base64 replies, the read-your-writes sync token), without the cost
// of WHATWG fetch (Request/Response objects, web streams and an abort signal per command — about a fifth of a
// checkout's CPU in bench/profiles/checkout-before.md). Keep-alive connections are reused across requests.
// Framework-free: lib/redis.ts builds the app's one instance.
import { type Requester, type UpstashRequest, type UpstashResponse, errors } from '@upstash/redis';
import { type Dispatcher, Pool } from 'undici';

export interface PooledRequesterOptions {
  url: string;
  token: string;
  /** Sockets kept open to the REST endpoint (default 16). Commands in the same tick already share one request. */
  connections?: number;
  /** No socket within this is a network failure, retried like one (default 1,000 ms). */
  connectTimeoutMs?: number;
  /**
   * No answer within this fails the command without a retry: the command may have run, and repeating a write (an
   * HINCRBY) could apply it twice. Above the local bridge's own 5 s deadline, so its honest error arrives first.
   */
  timeoutMs?: number;
  /** Network failures (refused, reset before an answer) are tried again this many times, after `backoff(i)` ms. */
  retry?: { retries: number; backoff: (retryCount: number) => number };
  /** As the Upstash client: ask for base64 replies so every byte comes back exact (default), or plain JSON. */
  responseEncoding?: 'base64' | false;
}

export interface PooledRequester extends Requester {
  /** Closes the sockets (tests, shutdown). */
  close(): Promise<void>;
}

export function createPooledRequester(options: PooledRequesterOptions): PooledRequester {
  const base = new URL(options.url);
  const basePath = base.pathname.replace(/\/+$/, '');
  const pool = new Pool(base.origin, {
    connections: options.connections ?? 16,
    connect: { timeout: options.connectTimeoutMs ?? 1_000 },
    headersTimeout: options.timeoutMs ?? 6_000,
    bodyTimeout: options.timeoutMs ?? 6_000,
    // No telemetry headers (the Upstash client adds them only in its own HttpClient).
  });
  const base64 = (options.responseEncoding ?? 'base64') === 'base64';
  const headers: Record<string, string> = {
    authorization: `Bearer ${options.token}`,
    'content-type': 'application/json',
    ...(base64 ? { 'upstash-encoding': 'base64' } : {}),
  };
  const retries = options.retry?.retries ?? 1;
  const backoff = options.retry?.backoff ?? (() => 50);

  const requester: PooledRequester = {
    readYourWrites: true,
    upstashSyncToken: '',
    async request<TResult>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
      if (req.isStreaming) throw new errors.UpstashError('streaming commands are not supported by the pooled requester');
      const path = `${[basePath, ...(req.path ?? [])].join('/')}` || '/';
      const body = JSON.stringify(req.body);
      const sent = {
        ...headers,
        ...req.headers,
        ...(requester.readYourWrites ? { 'upstash-sync-token': requester.upstashSyncToken ?? '' } : {}),
      };
      for (let attempt = 0; ; attempt++) {
        let reply: Dispatcher.ResponseData;
        try {
          reply = await pool.request({ method: 'POST', path, headers: sent, body, signal: req.signal });
        } catch (error) {
          if (attempt >= retries || !isRetryable(error)) throw error;
          await new Promise((resolve) => setTimeout(resolve, backoff(attempt)));
          continue;
        }
        const text = await reply.body.text();
        const token = reply.headers['upstash-sync-token'];
        if (requester.readYourWrites) requester.upstashSyncToken = typeof token === 'string' ? token : '';
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch (error) {
          throw new errors.UpstashJSONParseError(text, { cause: error });
        }
        if (reply.statusCode < 200 || reply.statusCode >= 300) {
          // Word for word what the Upstash client throws, so callers matching on the message (NOSCRIPT) still match.
          throw new errors.UpstashError(`${(parsed as { error?: unknown }).error}, command was: ${body}`);
        }
        if (!base64) return parsed as UpstashResponse<TResult>;
        if (Array.isArray(parsed)) {
          return parsed.map((entry: UpstashResponse<unknown>) => ({ result: decode(entry.result), error: entry.error })) as UpstashResponse<TResult>;
        }
        const single = parsed as UpstashResponse<unknown>;
        return { result: decode(single.result) as TResult, error: single.error };
      }
    },
    close: () => pool.close(),
  };
  return requester;
}

/**
 * A failure before any answer: the request never reached Redis (refused, no socket in time) or the socket was closed
 * under it (a keep-alive socket the server had just dropped). A timeout waiting for the answer is not retried.
 */
function isRetryable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code !== 'UND_ERR_HEADERS_TIMEOUT' && code !== 'UND_ERR_BODY_TIMEOUT' && code !== 'UND_ERR_ABORTED' && (error as Error)?.name !== 'AbortError';
}

// What the Upstash client does with a base64 reply (its `decode`): every string is base64 of the bytes Redis holds,
// except a bare "OK"; numbers and null pass through; arrays are decoded one level deep and nested arrays recursively.
function decode(raw: unknown): unknown {
  switch (typeof raw) {
    case 'undefined':
    case 'number':
      return raw;
    case 'string':
      return raw === 'OK' ? 'OK' : fromBase64(raw);
    case 'object':
      if (!Array.isArray(raw)) return null;
      return raw.map((value) => (typeof value === 'string' ? fromBase64(value) : Array.isArray(value) ? value.map(decode) : value));
    default:
      return undefined;
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** UTF-8 text from base64; a string that is not base64 comes back as it is (the client's `atob` failing). */
function fromBase64(text: string): string {
  if (!BASE64.test(text) || text.replace(/=+$/, '').length % 4 === 1) return text;
  return Buffer.from(text, 'base64').toString('utf8');
}
