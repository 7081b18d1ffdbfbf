// Structured logs: one JSON line per event on stdout (pino, written from this thread: no worker-thread transport). One
// line per request from the route() door, per outbox job the relay runs and per Paystack webhook event, each carrying
// the request id that caused it. Secrets, card data and personal data are redacted by key wherever they appear in a
// logged object, but the lines are built to not hold them in the first place: no bodies, headers or query strings.
//
// Not `server-only`: lib/jobs and lib/webhooks log too, and scripts and benchmarks run them under plain Node.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';
import { type LogLevel, logLevel } from './core/env';

export type { Logger } from 'pino';

/** Keys whose values never reach a log line, at any depth of a logged object. */
export const REDACTED_KEYS: ReadonlySet<string> = new Set([
  // Credentials and secrets.
  'authorization',
  'Authorization',
  'cookie',
  'Cookie',
  'set-cookie',
  'x-paystack-signature',
  'password',
  'passwordHash',
  'newPassword',
  'currentPassword',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'secretKey',
  'apiKey',
  // Card data (Paystack's authorization object and our mapped copy of it).
  'authorization_code',
  'authorizationCode',
  'card',
  'card_number',
  'cardNumber',
  'pan',
  'cvv',
  'bin',
  'last4',
  'exp_month',
  'exp_year',
  'expiry',
  'account_number',
  'signature',
  // Personal data.
  'email',
  'phone',
  'shippingAddress',
  'billingAddress',
  'address',
  // Whole requests: never logged, so redacted if one slips into an object.
  'headers',
  'body',
  'rawBody',
]);

export const REDACTED = '[Redacted]';

/**
 * pino's `redact` paths: every key at the top level of a line. Deeper levels are scrubbed by `scrubNested` instead of
 * wildcard paths (`*.password`): each wildcard path costs about a microsecond on every line, flat or not, and 150 of
 * them would make a request line a hundred times dearer.
 */
export const REDACT_PATHS: readonly string[] = [...REDACTED_KEYS].map((key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`));

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

const MAX_DEPTH = 8;

/** A copy with REDACTED_KEYS censored below the top level (plain objects and arrays; anything deeper is dropped). */
function scrub(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) return Array.isArray(value) || isPlainObject(value) ? '[Too deep]' : value;
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) copy[key] = REDACTED_KEYS.has(key) ? REDACTED : scrub(inner, depth + 1);
  return copy;
}

/** The line's object with nested secrets censored; a flat line (the request line) is returned as it is. */
export function scrubNested(line: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(line)) {
    if (value === null || typeof value !== 'object') continue;
    copy ??= { ...line };
    copy[key] = scrub(value, 1);
  }
  return copy ?? line;
}

/**
 * pino's error serializer without the values a failed query carries: drizzle writes the query's parameters (an email,
 * an address, a password hash) into its message, and PostgreSQL's `detail` quotes the offending row or key.
 */
export function serializeError(error: unknown): unknown {
  const standard: unknown = pino.stdSerializers.err(error as Error);
  if (standard === null || typeof standard !== 'object' || standard === error) return standard;
  const serialized: Record<string, unknown> = { ...standard };
  const params = error instanceof Error ? (error as { params?: unknown }).params : undefined;
  if (Array.isArray(params)) {
    const leaked = `\nparams: ${String(params)}`;
    for (const key of ['message', 'stack']) {
      const text = serialized[key];
      if (typeof text === 'string') serialized[key] = text.split(leaked).join(`\nparams: ${REDACTED}`);
    }
    serialized.params = REDACTED;
  }
  for (const key of ['parameters', 'detail']) if (key in serialized) serialized[key] = REDACTED;
  for (const [key, value] of Object.entries(serialized)) serialized[key] = REDACTED_KEYS.has(key) ? REDACTED : scrub(value, 2);
  return serialized;
}

/**
 * An error message fit for a line, at most `max` characters: a failed query's parameters cut off (see serializeError),
 * and the command @upstash/redis appends to its errors (its keys name carts, emails and addresses) dropped.
 */
export function loggableMessage(text: string, max = 500): string {
  return text
    .replace(/\nparams: [\s\S]*$/, `\nparams: ${REDACTED}`)
    .replace(/,? command was: [\s\S]*$/, '')
    .slice(0, max);
}

/** The loggable message of anything thrown. */
export function errorText(error: unknown): string {
  return loggableMessage(error instanceof Error ? error.message : String(error));
}

interface LogContext {
  /** The request this work is for: set by route() for a request, by the relay for the job a request queued. */
  requestId?: string;
  /** Replaces the process's logger for the span (tests capture lines through the doors' seam). */
  logger?: Logger;
}

const context = new AsyncLocalStorage<LogContext>();

/** The request id of the work in progress, if it belongs to one. */
export function currentRequestId(): string | undefined {
  return context.getStore()?.requestId;
}

/** Runs `fn` with the given request id and/or logger (the rest inherited); `requestId: undefined` clears it. */
export function withLogContext<T>(patch: LogContext, fn: () => T): T {
  return context.run({ ...context.getStore(), ...patch }, fn);
}

/** A logger writing JSON lines to `destination` (stdout unless given) at `level` (LOG_LEVEL unless given). */
export function createLogger(options: { level?: LogLevel; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? logLevel(),
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      formatters: { level: (label) => ({ level: label }), log: scrubNested },
      serializers: { err: serializeError },
      // Every line written inside a request (or a job a request queued) says which; a field given explicitly wins.
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    options.destination,
  );
}

let root: Logger | undefined;

/** This process's logger: stdout, at LOG_LEVEL. */
export function rootLogger(): Logger {
  root ??= createLogger();
  return root;
}

/** The logger for the work in progress: the one its context names, else the process's. */
export function log(): Logger {
  return context.getStore()?.logger ?? rootLogger();
}

export const REQUEST_ID_HEADER = 'x-request-id';

const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export const isSaneRequestId = (value: unknown): value is string => typeof value === 'string' && SANE_REQUEST_ID.test(value);

/** A caller's (or proxy's) `x-request-id` when it is a short plain token; anything else is replaced by a fresh UUID. */
export function requestIdFrom(incoming: string | null | undefined): string {
  return isSaneRequestId(incoming) ? incoming : randomUUID();
}

/** Milliseconds since `startedAt` (a performance.now() reading), to a tenth. */
export const elapsedMs = (startedAt: number): number => Math.round((performance.now() - startedAt) * 10) / 10;

export interface RequestLine {
  /** The route's name from its spec ("api/cart"), never its URL: a query string can carry a token. */
  route: string;
  method: string;
  status: number;
  durationMs: number;
  requestId: string;
}

/** The one line a request leaves: error for a 5xx, info otherwise. */
export function logRequest(logger: Logger, line: RequestLine): void {
  const fields = { route: line.route, method: line.method, status: line.status, durationMs: line.durationMs, requestId: line.requestId };
  if (line.status >= 500) logger.error(fields, 'request');
  else logger.info(fields, 'request');
}
