// Speaks Upstash's REST protocol in front of a local redis-server, so the app and its tests run the real
// @upstash/redis and @upstash/ratelimit clients locally without an Upstash account.
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { createClient, ErrorReply, RESP_TYPES } from 'redis';
import { assertPortFree, StackError } from './errors.ts';

export interface UpstashBridgeOptions {
  port: number;
  redisUrl: string;
  token: string;
  log?: (line: string) => void;
}

/** A RESP2 reply as decoded with TYPE_MAPPING; nested errors appear inside EXEC and script replies. */
export type RedisReply = null | number | string | Buffer | Error | RedisReply[];
export type JsonReply = null | number | string | JsonReply[];
type Entry = { result: JsonReply } | { error: string };

const MAX_BODY_BYTES = 16 * 1024 * 1024;
// Redis answers in microseconds locally; anything slower means it is hung, and the client should hear so.
const COMMAND_TIMEOUT_MS = 5_000;
const CONNECT_TIMEOUT_MS = 5_000;
// RESP2 keeps HGETALL a flat array and doubles as strings, which is what Upstash returns; raw Buffers keep
// bytes exact for base64.
const TYPE_MAPPING = { [RESP_TYPES.BLOB_STRING]: Buffer, [RESP_TYPES.SIMPLE_STRING]: Buffer };

// Commands that would stall the shared connection for every other request or change its state under them.
const REFUSED: Record<string, string> = Object.fromEntries([
  ...['BLPOP', 'BRPOP', 'BRPOPLPUSH', 'BLMOVE', 'BLMPOP', 'BZPOPMIN', 'BZPOPMAX', 'BZMPOP', 'WAIT', 'WAITAOF'].map((name) => [
    name,
    'blocking commands are not supported over REST',
  ]),
  ...['SUBSCRIBE', 'PSUBSCRIBE', 'SSUBSCRIBE', 'UNSUBSCRIBE', 'PUNSUBSCRIBE', 'SUNSUBSCRIBE', 'MONITOR', 'SYNC', 'PSYNC'].map((name) => [
    name,
    'streaming commands are not supported over REST',
  ]),
  ...['SELECT', 'MULTI', 'EXEC', 'DISCARD', 'WATCH', 'UNWATCH', 'HELLO', 'AUTH', 'RESET', 'QUIT', 'CLIENT'].map((name) => [
    name,
    'connection-state commands are not supported over REST (use /multi-exec for transactions)',
  ]),
  ...['SHUTDOWN', 'REPLICAOF', 'SLAVEOF'].map((name) => [name, 'server administration is not available through the bridge']),
]);

// @upstash/ratelimit's scripts declare this Upstash-only shebang flag, which Redis 7 rejects outright.
const UPSTASH_ONLY_FLAGS = new Set(['allow-key-locking']);

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startUpstashBridge(opts: UpstashBridgeOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const log = opts.log ?? ((line: string) => console.log(line));
  if (!opts.token) throw new StackError('The Upstash bridge needs a non-empty token.');
  await assertPortFree(opts.port, 'Upstash bridge');

  // Ordinary commands share one connection; transactions get their own so no other request's command
  // can land between MULTI and EXEC.
  const shared = openConnection(opts.redisUrl, 'shared', log);
  const dedicated = openConnection(opts.redisUrl, 'transaction', log);
  try {
    await withDeadline(Promise.all([shared.connect(), dedicated.connect()]), CONNECT_TIMEOUT_MS, 'timed out');
  } catch (error) {
    closeConnection(shared);
    closeConnection(dedicated);
    throw new StackError(`The Upstash bridge could not reach Redis at ${opts.redisUrl}: ${messageOf(error)}`);
  }

  const scripts = new ScriptShas();
  const serialize = serializer();

  const runOne = async (command: PreparedCommand): Promise<Entry> => {
    if (command.refused) return { error: command.refused };
    try {
      const reply = await shared.sendCommand<RedisReply>(command.args, { typeMapping: TYPE_MAPPING });
      return { result: encodeReply(command.adjust?.(reply) ?? reply, command.base64) };
    } catch (error) {
      if (error instanceof ErrorReply) return { error: error.message };
      throw unavailable(opts.redisUrl, error);
    }
  };

  const runTransaction = (commands: PreparedCommand[]): Promise<Entry[]> =>
    serialize(async () => {
      const sent = [['MULTI'], ...commands.map((command) => command.args), ['EXEC']].map((args) =>
        dedicated.sendCommand<RedisReply>(args, { typeMapping: TYPE_MAPPING }),
      );
      const settled = await Promise.allSettled(sent);
      const failures = settled.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
      const lost = failures.find((reason) => !(reason instanceof ErrorReply));
      if (lost !== undefined) throw unavailable(opts.redisUrl, lost);
      const exec = settled.at(-1);
      if (exec?.status !== 'fulfilled' || !Array.isArray(exec.value)) {
        // A command was rejected while queueing (bad arity, unknown command): Redis discarded everything.
        const execError = exec?.status === 'rejected' ? messageOf(exec.reason) : 'EXECABORT Transaction discarded';
        const causes = settled.slice(0, -1).flatMap((outcome) => (outcome.status === 'rejected' ? [messageOf(outcome.reason)] : []));
        throw new HttpError(400, [execError.replace(/\.$/, ''), ...causes].join(': '));
      }
      return exec.value.map((reply, i): Entry => {
        if (reply instanceof Error) return { error: reply.message };
        const command = commands[i];
        return { result: encodeReply(command?.adjust?.(reply) ?? reply, command?.base64 ?? false) };
      });
    });

  const handle = async (req: http.IncomingMessage): Promise<{ status: number; body: unknown }> => {
    if (!isAuthorized(req.headers.authorization, opts.token)) return { status: 401, body: { error: 'Unauthorized' } };
    const base64 = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
    const url = new URL(req.url ?? '/', 'http://bridge.invalid');
    const route = url.pathname.replace(/\/+$/, '') || '/';
    const body = await readBody(req);
    const prepare = (args: string[]) => prepareCommand(args, scripts, base64);

    if (route === '/pipeline' || route === '/multi-exec') {
      if (req.method !== 'POST') throw new HttpError(405, `ERR ${route} only accepts POST`);
      const commands = parseCommandList(body).map(prepare);
      if (route === '/pipeline') {
        // Upstash runs a pipeline in order but not atomically; one connection preserves that order.
        const entries = await withDeadline(Promise.all(commands.map(runOne)), COMMAND_TIMEOUT_MS, slow(opts.redisUrl));
        return { status: 200, body: entries };
      }
      const refused = commands.find((command) => command.refused);
      if (refused?.refused) throw new HttpError(400, refused.refused);
      return { status: 200, body: await withDeadline(runTransaction(commands), COMMAND_TIMEOUT_MS, slow(opts.redisUrl)) };
    }

    const args = route === '/' ? parseCommand(parseJson(body)) : commandFromPath(url, req.method === 'POST' ? body : '');
    const entry = await withDeadline(runOne(prepare(args)), COMMAND_TIMEOUT_MS, slow(opts.redisUrl));
    return { status: 'error' in entry ? 400 : 200, body: entry };
  };

  const server = http.createServer((req, res) => {
    handle(req)
      .catch((error: unknown) =>
        error instanceof HttpError
          ? { status: error.status, body: { error: error.message } }
          : { status: 500, body: { error: `ERR bridge failure: ${messageOf(error)}` } },
      )
      .then(({ status, body }) => {
        const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json' };
        // The client sends it for read-your-writes; a single local Redis is always consistent, so echo it.
        const syncToken = req.headers['upstash-sync-token'];
        if (typeof syncToken === 'string') headers['upstash-sync-token'] = syncToken;
        res.writeHead(status, headers).end(JSON.stringify(body));
      })
      .catch(() => res.destroy());
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port: opts.port, host: '127.0.0.1' }, resolve);
    });
  } catch (error) {
    closeConnection(shared);
    closeConnection(dedicated);
    throw new StackError(`The Upstash bridge could not listen on 127.0.0.1:${opts.port}: ${messageOf(error)}`);
  }

  return {
    url: `http://127.0.0.1:${opts.port}`,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive sockets from the client would otherwise hold close() open for seconds.
      server.closeAllConnections();
      await closed;
      closeConnection(shared);
      closeConnection(dedicated);
    },
  };
}

function openConnection(url: string, role: string, log: (line: string) => void) {
  // Before the first connection a refusal means a wrong URL or a Redis that never started: give up after a
  // few tries. Afterwards it means Redis is restarting: keep trying for as long as the bridge runs.
  let state: 'starting' | 'up' | 'down' = 'starting';
  const client = createClient({
    url,
    RESP: 2,
    // Fail at once while Redis is down instead of queueing requests the HTTP client has long given up on.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 2_000,
      reconnectStrategy: (retries: number, cause: Error) => (state === 'starting' ? (retries < 3 ? 100 : cause) : Math.min(50 * 2 ** retries, 1_000)),
    },
  });
  client.on('error', (error: unknown) => {
    // Reconnect attempts fail every second while Redis is down; one line per outage is enough.
    if (state === 'up') log(`upstash-bridge: ${role} Redis connection lost (${messageOf(error)}); reconnecting…`);
    if (state !== 'starting') state = 'down';
  });
  client.on('ready', () => {
    if (state === 'down') log(`upstash-bridge: ${role} Redis connection restored`);
    state = 'up';
  });
  return client;
}

type RedisConnection = ReturnType<typeof openConnection>;

function closeConnection(client: RedisConnection): void {
  if (client.isOpen) client.destroy();
}

interface PreparedCommand {
  args: string[];
  base64: boolean;
  refused?: string;
  /** Rewrites a successful reply, so that the bridge's script rewriting stays invisible to the client. */
  adjust?: (reply: RedisReply) => RedisReply;
}

function prepareCommand(raw: string[], scripts: ScriptShas, base64: boolean): PreparedCommand {
  const name = (raw[0] ?? '').toUpperCase();
  const blockingRead = (name === 'XREAD' || name === 'XREADGROUP') && raw.some((arg) => arg.toUpperCase() === 'BLOCK');
  const refusal = REFUSED[name] ?? (blockingRead ? 'blocking commands are not supported over REST' : undefined);
  if (refusal) return { args: raw, base64, refused: `ERR ${name} is not available: ${refusal}` };

  const [command = '', first, ...rest] = raw;
  if (first === undefined) return { args: raw, base64 };
  switch (name) {
    case 'EVAL':
    case 'EVAL_RO':
      return { args: [command, scripts.forRedis(first), ...rest], base64 };
    case 'EVALSHA':
    case 'EVALSHA_RO':
      return { args: [command, scripts.redisSha(first), ...rest], base64 };
    case 'SCRIPT': {
      const sub = first.toUpperCase();
      const [script] = rest;
      if (sub === 'LOAD' && script !== undefined) {
        // Upstash answers with the SHA1 of the text it was sent; the client relies on that for EVALSHA.
        const clientSha = sha1(script);
        return { args: [command, first, scripts.forRedis(script)], base64, adjust: () => clientSha };
      }
      if (sub === 'EXISTS') return { args: [command, first, ...rest.map((sha) => scripts.redisSha(sha))], base64 };
      return { args: raw, base64 };
    }
    default:
      return { args: raw, base64 };
  }
}

/**
 * Redis needs the Upstash-only flags removed, which changes a script's SHA1, while the client keeps calling
 * EVALSHA with the SHA1 of the text it holds. This remembers which Redis SHA1 each client SHA1 stands for;
 * an unknown SHA1 goes to Redis unchanged and comes back NOSCRIPT, which makes the client fall back to EVAL.
 */
class ScriptShas {
  readonly #redisShaFor = new Map<string, string>();

  forRedis(script: string): string {
    const stripped = stripUpstashOnlyFlags(script);
    if (stripped !== script) {
      this.#redisShaFor.set(sha1(script), sha1(stripped));
      // Scripts are normally a handful of constants; bound the map in case a caller generates them.
      if (this.#redisShaFor.size > 1_000) {
        const oldest = this.#redisShaFor.keys().next();
        if (!oldest.done) this.#redisShaFor.delete(oldest.value);
      }
    }
    return stripped;
  }

  redisSha(clientSha: string): string {
    return this.#redisShaFor.get(clientSha.toLowerCase()) ?? clientSha;
  }
}

/** Removes shebang flags only Upstash knows, keeping the line (and so Lua's error line numbers) in place. */
export function stripUpstashOnlyFlags(script: string): string {
  const lineEnd = script.indexOf('\n');
  const shebang = lineEnd === -1 ? script : script.slice(0, lineEnd);
  if (!shebang.startsWith('#!lua')) return script;
  const rewritten = shebang
    .replace(/flags=(\S*)/, (_match, list: string) => {
      const kept = list.split(',').filter((flag) => flag !== '' && !UPSTASH_ONLY_FLAGS.has(flag));
      return kept.length > 0 ? `flags=${kept.join(',')}` : '';
    })
    .replace(/[ \t]+$/, '');
  return rewritten + script.slice(shebang.length);
}

/**
 * Turns a reply into the JSON Upstash sends. With `Upstash-Encoding: base64` the client base64-decodes every
 * string it receives, nested ones included, so every string is encoded from its exact bytes; numbers and
 * null pass through.
 */
export function encodeReply(reply: RedisReply, base64: boolean): JsonReply {
  if (reply === null || typeof reply === 'number') return reply;
  if (Array.isArray(reply)) return reply.map((item) => encodeReply(item, base64));
  const bytes = reply instanceof Error ? Buffer.from(reply.message) : Buffer.isBuffer(reply) ? reply : Buffer.from(reply);
  return base64 ? bytes.toString('base64') : bytes.toString('utf8');
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new HttpError(400, `ERR the request body is not valid JSON: ${messageOf(error)}`);
  }
}

function parseCommand(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new HttpError(400, 'ERR a command must be a non-empty JSON array, e.g. ["get","key"]');
  }
  return value.map((arg) => {
    if (typeof arg === 'string') return arg;
    if ((typeof arg === 'number' && Number.isFinite(arg)) || typeof arg === 'boolean') return String(arg);
    throw new HttpError(400, `ERR command arguments must be strings or numbers, got ${JSON.stringify(arg)}`);
  });
}

function parseCommandList(body: string): string[][] {
  const value = parseJson(body);
  if (!Array.isArray(value)) throw new HttpError(400, 'ERR expected a JSON array of commands');
  return value.map(parseCommand);
}

/** Upstash's URL form: `/set/key/value?EX=60`, with a POST body as the last argument. */
function commandFromPath(url: URL, body: string): string[] {
  try {
    const args = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    for (const [name, value] of url.searchParams) args.push(...(value === '' ? [name] : [name, value]));
    if (body !== '') args.push(body);
    return args;
  } catch {
    throw new HttpError(400, 'ERR malformed URL encoding in the command path');
  }
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Keep draining past the limit so the 413 reaches the client instead of a reset connection.
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) throw new HttpError(413, `ERR request body larger than ${MAX_BODY_BYTES} bytes`);
  return Buffer.concat(chunks).toString('utf8');
}

function isAuthorized(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer\s+(.+)$/i.exec(header ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Runs tasks one at a time, in call order, whether or not earlier ones failed. */
function serializer() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const result = tail.then(task, task);
    tail = result.catch(() => undefined);
    return result;
  };
}

function withDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HttpError(503, message)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function unavailable(redisUrl: string, cause: unknown): HttpError {
  return new HttpError(503, `ERR Redis at ${redisUrl} is unavailable: ${messageOf(cause)}`);
}

function slow(redisUrl: string): string {
  return `ERR Redis at ${redisUrl} did not answer within ${COMMAND_TIMEOUT_MS / 1000} s`;
}

function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}
