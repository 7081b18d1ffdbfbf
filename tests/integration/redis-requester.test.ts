// The app's Upstash requester (lib/redis-requester.ts, an undici Pool) against the real REST bridge, side by side with
// the stock @upstash/redis client: same replies for single commands, pipelines, transactions and scripts, byte-exact
// strings through base64, the same errors from Redis, and a fast failure when the bridge is down or hung.
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { errors, Redis } from '@upstash/redis';
import { afterAll, describe, expect, it } from 'vitest';
import { createPooledRequester } from '../../lib/redis-requester';
import { closedPort } from '../support/closed-port';

const url = process.env.UPSTASH_REDIS_REST_URL ?? '';
const token = process.env.UPSTASH_REDIS_REST_TOKEN ?? '';
if (!url || !token) throw new Error('UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN must point at the test bridge');

const prefix = `test:requester:${randomUUID()}`;
const key = (name: string) => `${prefix}:${name}`;

const requester = createPooledRequester({ url, token, retry: { retries: 1, backoff: () => 50 } });
/** Without auto-pipelining: a single command goes to `/`. */
const pooled = new Redis(requester);
/** As lib/redis.ts builds it: commands of one tick share a /pipeline request. */
const autoPooled = (new Redis(requester) as unknown as { autoPipeline(): Redis }).autoPipeline();
const stock = new Redis({ url, token, enableTelemetry: false });
const stockPlain = new Redis({ url, token, enableTelemetry: false, enableAutoPipelining: false });

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  const keys = await stock.keys(`${prefix}:*`);
  if (keys.length > 0) await stock.del(...keys);
  await requester.close();
  for (const close of closers) await close();
});

/** A TCP server that counts connections and does `onSocket` with each (drop it, or never answer). */
async function rawServer(onSocket: (socket: net.Socket) => void) {
  const sockets = new Set<net.Socket>();
  const counter = { connections: 0 };
  const server = net.createServer((socket) => {
    counter.connections += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  closers.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${address.port}`, counter };
}

describe('pooled requester: the Upstash REST protocol', () => {
  it('single commands: set with options, get, incr, JSON values and a missing key, as the stock client reads them', async () => {
    expect(await pooled.set(key('s'), { orderId: 'o-1', n: 2 }, { ex: 60 })).toBe('OK');
    expect(await pooled.get(key('s'))).toEqual({ orderId: 'o-1', n: 2 });
    expect(await stock.get(key('s'))).toEqual({ orderId: 'o-1', n: 2 });
    expect(await pooled.incr(key('n'))).toBe(1);
    expect(await pooled.ttl(key('s'))).toBeGreaterThan(0);
    expect(await pooled.get(key('missing'))).toBeNull();
    expect(await pooled.set(key('nx'), '1', { nx: true, ex: 60 })).toBe('OK');
    expect(await pooled.set(key('nx'), '1', { nx: true, ex: 60 })).toBeNull();
  });

  it('strings come back byte-exact through base64 (non-ASCII, emoji, "OK" itself), nested arrays too', async () => {
    const text = 'Ẹ̀kọ́ ₦1,500 — naïve 🛒 "quoted" \\ back';
    await stock.set(key('utf8'), text);
    await stock.set(key('ok'), 'OK');
    expect(await pooled.get(key('utf8'))).toBe(text);
    expect(await pooled.get(key('ok'))).toBe('OK');
    await stock.hset(key('h'), { a: text, b: '7' });
    expect(await pooled.hgetall(key('h'))).toEqual(await stock.hgetall(key('h')));
    await stock.zadd(key('z'), { score: 1.5, member: text });
    expect(await pooled.zrange(key('z'), 0, -1, { withScores: true })).toEqual(await stock.zrange(key('z'), 0, -1, { withScores: true }));
    const [cursor, keys] = await pooled.scan(0, { match: `${prefix}:utf8`, count: 1000 });
    expect(typeof cursor).toBe('string');
    expect(Array.isArray(keys)).toBe(true);
  });

  it('pipelines and auto-pipelined commands of one tick answer in order', async () => {
    const pipeline = pooled.pipeline();
    pipeline.set(key('p1'), 'a');
    pipeline.incrby(key('p2'), 5);
    pipeline.get(key('p1'));
    pipeline.del(key('p1'));
    expect(await pipeline.exec()).toEqual(['OK', 5, 'a', 1]);

    const [a, b, c] = await Promise.all([autoPooled.set(key('ap'), 'x'), autoPooled.get(key('ap')), autoPooled.incr(key('ap-n'))]);
    expect([a, b, c]).toEqual(['OK', 'x', 1]);
  });

  it('multi-exec runs atomically and answers every command', async () => {
    const tx = pooled.multi();
    tx.set(key('m'), 1);
    tx.incr(key('m'));
    tx.get(key('m'));
    expect(await tx.exec()).toEqual(['OK', 2, 2]);
  });

  it('scripts: eval, evalsha and createScript falling back from NOSCRIPT', async () => {
    const source = `return {KEYS[1], ARGV[1], ${Math.random()}}`;
    const script = pooled.createScript<[string, string, number]>(source);
    const [k, arg] = await script.exec([key('sc')], ['v']);
    expect([k, arg]).toEqual([key('sc'), 'v']);
    expect(await pooled.eval('return ARGV[1]', [], ['é'])).toBe('é');
  });

  it('an error from Redis throws the same message as the stock client; in a pipeline it names the failed command', async () => {
    await stock.set(key('word'), 'not-a-number');
    // A single command (a 400 from `/`), and the same command auto-pipelined (an error entry in `/pipeline`'s answer).
    const ours = await pooled.incr(key('word')).catch((error: unknown) => error);
    const theirs = await stockPlain.incr(key('word')).catch((error: unknown) => error);
    expect(ours).toBeInstanceOf(errors.UpstashError);
    expect((ours as Error).message).toBe((theirs as Error).message);
    expect((ours as Error).message).toMatch(/not an integer/);
    const oursAuto = await autoPooled.incr(key('word')).catch((error: unknown) => error);
    const theirsAuto = await stock.incr(key('word')).catch((error: unknown) => error);
    expect(oursAuto).toBeInstanceOf(errors.UpstashError);
    expect((oursAuto as Error).message).toBe((theirsAuto as Error).message);

    const pipeline = pooled.pipeline();
    pipeline.get(key('word'));
    pipeline.incr(key('word'));
    await expect(pipeline.exec()).rejects.toThrow(/Command 2 \[ incr \] failed: .*not an integer/);
    const kept = pooled.pipeline();
    kept.get(key('word'));
    kept.incr(key('word'));
    expect(await kept.exec({ keepErrors: true })).toEqual([
      { result: 'not-a-number', error: undefined },
      { result: undefined, error: expect.stringMatching(/not an integer/) },
    ]);
  });

  it('a wrong token is refused as the bridge says', async () => {
    const intruder = createPooledRequester({ url, token: 'not-the-token', retry: { retries: 0, backoff: () => 0 } });
    closers.push(() => intruder.close());
    await expect(new Redis(intruder).get(key('s'))).rejects.toThrow(/Unauthorized/);
  });
});

describe('pooled requester: failing fast', () => {
  it('nothing listening: rejects with the connection error after one retry', async () => {
    const down = createPooledRequester({ url: `http://127.0.0.1:${await closedPort()}`, token, retry: { retries: 1, backoff: () => 50 } });
    closers.push(() => down.close());
    await expect(new Redis(down).get(key('s'))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('a bridge that drops every connection: tried twice (one retry), then the error', async () => {
    const dropping = await rawServer((socket) => socket.destroy());
    const requesterDown = createPooledRequester({ url: dropping.url, token, retry: { retries: 1, backoff: () => 50 } });
    closers.push(() => requesterDown.close());
    await expect(new Redis(requesterDown).get(key('s'))).rejects.toThrow();
    expect(dropping.counter.connections).toBe(2);
  });

  it('a hung bridge: the command fails at the timeout and is not repeated (it may have run)', async () => {
    const hung = await rawServer(() => undefined);
    const stuck = createPooledRequester({ url: hung.url, token, timeoutMs: 200, retry: { retries: 1, backoff: () => 50 } });
    closers.push(() => stuck.close());
    await expect(new Redis(stuck).incr(key('hung'))).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
    expect(hung.counter.connections).toBe(1);
  });
});
