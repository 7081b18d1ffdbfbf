// One HTTP exchange with Paystack, turned into a Result. Reads that are safe to repeat are retried with
// backoff on transient failures; writes (initialize, refund) get exactly one attempt, because repeating a
// request whose first copy may have landed could charge or refund twice.
import { err, ok, type Result } from '../../core/result';
import { isTransient, type PaystackError } from './errors';
import type { PaystackTransport } from './transport';
import { envelopeSchema, type WireEnvelope } from './wire';

export interface HttpSettings {
  secretKey: string;
  baseUrl: string;
  timeoutMs: number;
  /** Total attempts for repeatable calls (1 = no retry). */
  maxAttempts: number;
  retryBaseDelayMs: number;
  /** Sends one request under one deadline (./transport.ts: an undici Pool per origin by default). */
  transport: PaystackTransport;
  sleep: (ms: number) => Promise<void>;
}

export interface PaystackCall {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: Record<string, unknown>;
  /** Only calls with no side effect on Paystack may be retried automatically. */
  repeatable: boolean;
}

type Attempt = { result: Result<WireEnvelope, PaystackError>; retryAfterMs?: number };

const maxBackoffMs = 5_000;

export async function callPaystack(settings: HttpSettings, call: PaystackCall): Promise<Result<WireEnvelope, PaystackError>> {
  const attempts = call.repeatable ? Math.max(1, settings.maxAttempts) : 1;
  for (let attempt = 1; ; attempt++) {
    const { result, retryAfterMs } = await attemptOnce(settings, call);
    if (result.ok || !isTransient(result.error) || attempt >= attempts) return result;
    await settings.sleep(backoffDelay(settings.retryBaseDelayMs, attempt, retryAfterMs));
  }
}

/** Exponential backoff with jitter (half fixed, half random) so many clients do not retry in lockstep. */
function backoffDelay(baseMs: number, attempt: number, retryAfterMs: number | undefined): number {
  const exponential = Math.min(maxBackoffMs, baseMs * 2 ** (attempt - 1));
  const jittered = exponential / 2 + Math.random() * (exponential / 2);
  return retryAfterMs === undefined ? jittered : Math.min(maxBackoffMs, Math.max(jittered, retryAfterMs));
}

function buildUrl(baseUrl: string, call: PaystackCall): string {
  const url = new URL(call.path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  for (const [key, value] of Object.entries(call.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url.toString();
}

async function attemptOnce(settings: HttpSettings, call: PaystackCall): Promise<Attempt> {
  const headers: Record<string, string> = { authorization: `Bearer ${settings.secretKey}`, accept: 'application/json' };
  if (call.body) headers['content-type'] = 'application/json';
  try {
    // The transport's deadline also covers reading the body, so a stalled body is a timeout too.
    const response = await settings.transport({
      method: call.method,
      url: buildUrl(settings.baseUrl, call),
      headers,
      body: call.body ? JSON.stringify(call.body) : undefined,
      timeoutMs: settings.timeoutMs,
    });
    return classifyResponse(response.status, response.text, response.header('retry-after'));
  } catch (error) {
    return { result: err(classifyNetworkFailure(error, settings.timeoutMs)) };
  }
}

function classifyNetworkFailure(error: unknown, timeoutMs: number): PaystackError {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return { kind: 'timeout', message: `no response within ${timeoutMs} ms` };
  }
  // undici puts the system code (ECONNREFUSED, ENOTFOUND, ...) on the error itself; fetch reports "fetch failed" and
  // puts it in the cause.
  const own = (error as { code?: unknown } | null)?.code;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const reason = typeof own === 'string' ? own : typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : undefined;
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'unavailable', message: reason ? `${detail} (${reason})` : detail };
}

function classifyResponse(status: number, text: string, retryAfter: string | null): Attempt {
  const envelope = parseEnvelope(text);
  const message = envelope?.message ?? `HTTP ${status} without a Paystack error body`;
  if (status === 401 || status === 403) return { result: err({ kind: 'unauthorized', status, message }) };
  if (status === 429 || status >= 500) {
    const seconds = Number(retryAfter);
    return {
      result: err({ kind: 'unavailable', status, message }),
      retryAfterMs: retryAfter !== null && Number.isFinite(seconds) ? seconds * 1000 : undefined,
    };
  }
  if (status >= 400) {
    return { result: err({ kind: 'rejected', status, message, ...(envelope?.code ? { code: envelope.code } : {}) }) };
  }
  if (status < 200 || status >= 300 || !envelope) {
    return { result: err({ kind: 'invalid_response', status, message: `unexpected ${status} reply: ${text.slice(0, 120)}` }) };
  }
  if (!envelope.status) {
    return { result: err({ kind: 'rejected', status, message, ...(envelope.code ? { code: envelope.code } : {}) }) };
  }
  return { result: ok(envelope) };
}

function parseEnvelope(text: string): WireEnvelope | undefined {
  try {
    const parsed = envelopeSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
