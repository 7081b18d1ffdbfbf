// The one door for route handlers. Each handler declares who may call it, whether it changes state (then a
// cross-site browser request is refused), its zod schemas for body, query and path params, and its rate limit;
// the door does those checks in that order and hands the handler typed input. Expected failures leave as the error
// catalogue's answer (lib/errors.ts); anything else is logged and answered as a bare 500 that leaks nothing.
// Every request leaves one log line (route name, method, status, duration, request id: lib/log.ts) and its response
// carries the request id as `x-request-id`: the caller's own when it is a short plain token, else a fresh one.
import 'server-only';
import type { z } from 'zod';
import type { CartOwner } from '@/lib/cart/types';
import { AppError, describeInputError, type ErrorCode, errorCatalogue, fieldErrorsOf } from '@/lib/errors';
import { elapsedMs, log, logRequest, REQUEST_ID_HEADER, requestIdFrom, withLogContext } from '@/lib/log';
import { requireAudience } from './auth';
import { getCartOwner } from './cart-session';
import { type DoorDeps, doorDeps, type SessionUser } from '../deps/door-deps';
import { checkSameOrigin } from './origin-check';
import { type RateLimitDecision, RateLimitRefusal } from './rate-limit';
import { addressBucket, clientAddress } from './request-meta';

/** public: anyone · shopper: anyone, with the cart they own (if any) · user: signed in · admin: role re-read from the database. */
export type Audience = 'public' | 'shopper' | 'user' | 'admin';

export const NO_STORE = { 'cache-control': 'no-store' } as const;

export interface ReplyOptions {
  message?: string;
  /** Only where one code honestly answers with another status (e.g. a payment refusal that is not the gateway's fault). */
  status?: number;
  details?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** `{ error: { code, message, ...details } }` with the catalogue's status; never cached, never a stack. */
export function apiError(code: ErrorCode, options: ReplyOptions = {}): Response {
  const entry = errorCatalogue[code];
  return Response.json(
    { error: { code, message: options.message ?? entry.message, ...options.details } },
    { status: options.status ?? entry.status, headers: { ...NO_STORE, ...options.headers } },
  );
}

export function apiJson(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return Response.json(body, { status: init.status ?? 200, headers: { ...NO_STORE, ...init.headers } });
}

export function rateLimitedReply(decision: Exclude<RateLimitDecision, { allowed: true }>, message?: string): Response {
  return decision.reason === 'rate_limited'
    ? apiError('rate_limited', { message, headers: { 'retry-after': String(decision.retryAfterSeconds) } })
    : apiError('rate_limit_unavailable', { message, headers: { 'retry-after': '5' } });
}

type Schema = z.ZodType;
type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteContext<A extends Audience, B, Q, P> {
  request: Request;
  body: Parsed<B>;
  query: Parsed<Q>;
  params: Parsed<P>;
  /** The exact bytes sent, for handlers that declared `rawBody` (a signature covers bytes, not a parsed object). */
  rawBody: string;
  /** The body as bytes, for handlers that declared `bytesBody` (an uploaded file); empty otherwise. */
  bytes: Uint8Array;
  /** True when `body` came from a browser's native form post (`formBody`), which wants a page back, not JSON. */
  viaForm: boolean;
  user: A extends 'user' | 'admin' ? SessionUser : SessionUser | null;
  /** For `shopper` routes: the cart this request reads and writes; null for a guest with no cart cookie yet. */
  owner: CartOwner | null;
  /** The caller's bucket for limits and caps: an IPv4 address, or an IPv6 /64 (lib/server/doors/request-meta.ts). */
  ip: string;
  deps: DoorDeps;
}

export interface RouteSpec<A extends Audience, B, Q, P> {
  /** Names the route in logs ("api/cart"). */
  name: string;
  audience: A;
  /**
   * Refuse cross-site browser requests (Origin / Sec-Fetch-Site): true for every route that changes state on the
   * strength of the caller's cookie, which a cross-site form would otherwise carry along. False for reads, and for
   * callers that carry no cookie (Paystack's webhook), whose proof is elsewhere.
   */
  sameOrigin: boolean;
  body?: B;
  /**
   * Also accept the body as a native HTML form post (application/x-www-form-urlencoded), parsed by `schema` into the
   * same shape as `body`: the fallback for a click that lands before the page's JavaScript has hydrated. A browser
   * that posted a form wants a page, not JSON: any refusal becomes a 303 to `errorPage(code)`.
   */
  formBody?: { schema: Schema; errorPage: (code: ErrorCode) => string };
  query?: Q;
  params?: P;
  /** Read the body as text and hand it over untouched (webhooks); excludes `body`. */
  rawBody?: boolean;
  /** Read the body as bytes (a file upload, sent as the request body); excludes `body` and `rawBody`; set `maxBodyBytes`. */
  bytesBody?: boolean;
  /**
   * The most body bytes this route reads: more is a 413 `payload_too_large`, judged by Content-Length before reading
   * and by counting while the body streams in. Defaults: 64 KB for a JSON body, 1 MB for a raw body.
   */
  maxBodyBytes?: number;
  /** Source addresses allowed to call; empty or absent means any. */
  allowFrom?: () => readonly string[];
  /** Checked after authentication and input validation, before any work. */
  rateLimit?: (context: RouteContext<A, B, Q, P>) => Promise<RateLimitDecision>;
}

type NextContext = { params?: Promise<unknown> };
export type RouteHandler = (request: Request, context?: NextContext) => Promise<Response>;

class Refusal {
  constructor(readonly response: Response) {}
}

function parse<S extends Schema>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new Refusal(apiError('invalid_input', { message: describeInputError(parsed.error), details: { fieldErrors: fieldErrorsOf(parsed.error) } }));
}

/** A Store API JSON body: an order or a cart change is a few hundred bytes; 64 KB leaves room and stops abuse. */
export const DEFAULT_JSON_BODY_BYTES = 64 * 1024;
/** A raw body (webhooks): Paystack's events are a few KB; 1 MB is generous and bounded. */
export const DEFAULT_RAW_BODY_BYTES = 1024 * 1024;

const tooLarge = (max: number) => new Refusal(apiError('payload_too_large', { details: { maxBytes: max } }));

/**
 * The body, refusing more than `max` bytes without buffering them: a declared Content-Length over the cap is
 * refused before anything is read, and a body with no (or a lying) length is counted chunk by chunk as it arrives —
 * the first chunk past the cap cancels the stream, so the rest is never read.
 */
async function readBodyBytes(request: Request, max: number): Promise<Uint8Array> {
  const declared = request.headers.get('content-length')?.trim();
  if (declared) {
    if (!/^\d+$/.test(declared)) throw new Refusal(apiError('invalid_input', { message: 'The Content-Length header is not a number.' }));
    if (Number(declared) > max) throw tooLarge(max);
  }
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

async function readBodyText(request: Request, max: number): Promise<string> {
  return new TextDecoder().decode(await readBodyBytes(request, max));
}

/** The response with one header more; a response whose headers are immutable (Response.redirect) is copied first. */
function withHeader(response: Response, name: string, value: string): Response {
  try {
    response.headers.set(name, value);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    copy.headers.set(name, value);
    return copy;
  }
}

function isFormPost(request: Request): boolean {
  return request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

async function readJson(request: Request, max: number): Promise<unknown> {
  const text = await readBodyText(request, max);
  try {
    return JSON.parse(text);
  } catch {
    throw new Refusal(apiError('invalid_input', { message: 'The request body must be JSON.' }));
  }
}

export function route<
  A extends Audience,
  B extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  P extends Schema | undefined = undefined,
>(spec: RouteSpec<A, B, Q, P>, handler: (context: RouteContext<A, B, Q, P>) => Promise<Response>): RouteHandler {
  return async (request, nextContext) => {
    const startedAt = performance.now();
    const deps = doorDeps();
    const logger = deps.logger();
    const requestId = requestIdFrom(request.headers.get(REQUEST_ID_HEADER));
    const answer = await withLogContext({ requestId, logger }, () => respond(request, nextContext, deps));
    const response = withHeader(await asPageIfFormPost(request, answer), REQUEST_ID_HEADER, requestId);
    // Never the URL (a query string can carry a token), a header or a body: the route's name and the outcome.
    logRequest(logger, { route: spec.name, method: request.method, status: response.status, durationMs: elapsedMs(startedAt), requestId });
    return response;
  };

  /** A refusal of a native form post, as the page that explains it (`formBody.errorPage`); anything else as it is. */
  async function asPageIfFormPost(request: Request, answer: Response): Promise<Response> {
    if (!spec.formBody || answer.status < 400 || !isFormPost(request)) return answer;
    const reply = (await answer.json().catch(() => null)) as { error?: { code?: ErrorCode } } | null;
    const code = reply?.error?.code ?? 'internal_error';
    return new Response(null, { status: 303, headers: { ...NO_STORE, location: spec.formBody.errorPage(code) } });
  }

  async function respond(request: Request, nextContext: NextContext | undefined, deps: DoorDeps): Promise<Response> {
    try {
      // The allowlist matches whole addresses; limits and caps count by bucket (an IPv6 /64).
      const address = clientAddress(Object.fromEntries(request.headers), deps.trustedProxyHops());
      const ip = addressBucket(address);
      const allowed = spec.allowFrom?.() ?? [];
      if (allowed.length > 0 && !allowed.includes(address)) return apiError('source_not_allowed');
      if (spec.sameOrigin && !checkSameOrigin(request).ok) return apiError('cross_site_request');

      const user = spec.audience === 'user' || spec.audience === 'admin' ? await requireAudience(spec.audience) : null;
      const owner = spec.audience === 'shopper' ? await getCartOwner(request) : null;

      const rawBody = spec.rawBody ? await readBodyText(request, spec.maxBodyBytes ?? DEFAULT_RAW_BODY_BYTES) : '';
      const bytes = spec.bytesBody ? await readBodyBytes(request, spec.maxBodyBytes ?? DEFAULT_RAW_BODY_BYTES) : new Uint8Array();
      const viaForm = spec.formBody !== undefined && isFormPost(request);
      const body = viaForm
        ? parse(
            (spec.formBody as { schema: Schema }).schema,
            Object.fromEntries(new URLSearchParams(await readBodyText(request, spec.maxBodyBytes ?? DEFAULT_JSON_BODY_BYTES))),
          )
        : spec.body
          ? parse(spec.body, await readJson(request, spec.maxBodyBytes ?? DEFAULT_JSON_BODY_BYTES))
          : undefined;
      const query = spec.query ? parse(spec.query, Object.fromEntries(new URL(request.url).searchParams)) : undefined;
      const params = spec.params ? parse(spec.params, await nextContext?.params) : undefined;

      const context = { request, body, query, params, rawBody, bytes, viaForm, user, owner, ip, deps } as RouteContext<A, B, Q, P>;
      if (spec.rateLimit) {
        const decision = await spec.rateLimit(context);
        if (!decision.allowed) return rateLimitedReply(decision);
      }
      return await handler(context);
    } catch (error) {
      if (error instanceof Refusal) return error.response;
      if (error instanceof RateLimitRefusal) return rateLimitedReply(error.decision, error.message);
      if (error instanceof AppError) return apiError(error.code, { message: error.message, details: error.details });
      log().error({ route: spec.name, err: error }, 'unexpected error');
      return apiError('internal_error');
    }
  }
}
