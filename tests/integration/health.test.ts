// The load balancer's two probes, as real route handlers against the real Postgres and the real Redis (through the
// bridge, with the real @upstash/redis client). Outages are stood in through the doors' own seam (withDoorDeps), not
// by mocking modules: a Redis client or a database URL pointed at a closed port (refused at once), and a server that
// accepts connections and never answers (a hung dependency). The Inngest check is run on the readiness module itself
// with an Inngest client aimed at a small local HTTP server standing in for its event API (Inngest cannot run here);
// the test stack itself runs jobs in-process.
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { Redis } from '@upstash/redis';
import { Inngest } from 'inngest';
import { afterAll, describe, expect, it } from 'vitest';
import * as live from '@/app/api/health/live/route';
import * as ready from '@/app/api/health/ready/route';
import { createDatabase } from '@/db/client';
import { env } from '@/lib/core/env';
import { checkReadiness, jobsTargetFor, READINESS_RETRY_AFTER_SECONDS, READINESS_TIMEOUT_MS } from '@/lib/health/readiness';
import { closedPort } from '../support/closed-port';
import { testDatabase } from '../support/db';
import { through } from '../support/doors';

const { db, sql: client } = testDatabase(2);
const redis = new Redis({ url: env().UPSTASH_REDIS_REST_URL, token: env().UPSTASH_REDIS_REST_TOKEN, retry: false });
afterAll(async () => {
  await client.end();
  // The handlers' own pool (db/index.ts), opened by the first readiness call with the real database.
  await (globalThis as { __shopDb?: { sql: { end: () => Promise<void> } } }).__shopDb?.sql.end();
});

const get = (path: string) => new Request(`http://127.0.0.1:3100${path}`);

/** A TCP server that takes connections and never says a word: a dependency that hangs. */
async function silentServer() {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const close = async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  };
  return { port, connections: () => sockets.size, close };
}

/** Says nothing an outsider could use: no error text, stack, address, port or credential. */
function expectNothingLeaked(text: string, ...secrets: string[]) {
  expect(text).not.toMatch(/ECONN|Error|stack|\bat \w|127\.0\.0\.1|localhost|postgres:/);
  for (const secret of secrets) expect(text).not.toContain(secret);
}

describe('GET /api/health/live', () => {
  it('answers 200 { status: ok }, never cached', async () => {
    const response = await live.GET(get('/api/health/live'));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('still answers 200 while the database and Redis are down: it does no I/O', async () => {
    const port = await closedPort();
    const down = createDatabase(`postgres://postgres:postgres@127.0.0.1:${port}/shop`, { max: 1 });
    try {
      const response = await through(live.GET, () => ({
        db: down.db,
        redis: () => new Redis({ url: `http://127.0.0.1:${port}`, token: 'x', retry: false }),
      }))(get('/api/health/live'));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ok' });
    } finally {
      await down.sql.end({ timeout: 0 });
    }
  });
});

describe('GET /api/health/ready', () => {
  it('answers 200 with the database, Redis and the in-process job driver, each with its latency', async () => {
    const response = await ready.GET(get('/api/health/ready'));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('retry-after')).toBeNull();
    const body = await response.json();
    expect(body).toEqual({
      status: 'ok',
      checks: {
        database: { ok: true, latencyMs: expect.any(Number) },
        redis: { ok: true, latencyMs: expect.any(Number) },
        // The test stack runs jobs in this process (no Inngest configured): nothing to reach over the network.
        jobs: { ok: true, driver: 'in-process', latencyMs: 0 },
      },
    });
    for (const check of [body.checks.database, body.checks.redis]) {
      expect(check.latencyMs).toBeGreaterThanOrEqual(0);
      expect(check.latencyMs).toBeLessThan(READINESS_TIMEOUT_MS);
    }
  });

  it('answers 503 naming redis, at once, when Redis refuses connections; the database is still reported ok', async () => {
    const port = await closedPort();
    const token = 'redis-token-that-must-not-leak';
    // The app's own client settings (lib/redis.ts): one quick retry, then give up.
    const down = new Redis({ url: `http://127.0.0.1:${port}`, token, retry: { retries: 1, backoff: () => 50 } });
    const startedAt = performance.now();
    const response = await through(ready.GET, () => ({ redis: () => down }))(get('/api/health/ready'));
    const elapsedMs = performance.now() - startedAt;

    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe(String(READINESS_RETRY_AFTER_SECONDS));
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      status: 'unavailable',
      failing: ['redis'],
      checks: {
        database: { ok: true, latencyMs: expect.any(Number) },
        redis: { ok: false, latencyMs: expect.any(Number), error: 'unreachable' },
        jobs: { ok: true, driver: 'in-process', latencyMs: 0 },
      },
    });
    // A refused connection is known at once: the answer does not wait for the deadline.
    expect(elapsedMs).toBeLessThan(READINESS_TIMEOUT_MS);
    expectNothingLeaked(text, token, String(port));
  });

  it('answers 503 naming database when the database URL points at a closed port; Redis is still reported ok', async () => {
    const port = await closedPort();
    const down = createDatabase(`postgres://postgres:db-password-that-must-not-leak@127.0.0.1:${port}/shop`, { max: 1 });
    try {
      const response = await through(ready.GET, () => ({ db: down.db }))(get('/api/health/ready'));
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe(String(READINESS_RETRY_AFTER_SECONDS));
      const text = await response.text();
      expect(JSON.parse(text)).toEqual({
        status: 'unavailable',
        failing: ['database'],
        checks: {
          database: { ok: false, latencyMs: expect.any(Number), error: 'unreachable' },
          redis: { ok: true, latencyMs: expect.any(Number) },
          jobs: { ok: true, driver: 'in-process', latencyMs: 0 },
        },
      });
      expectNothingLeaked(text, 'db-password-that-must-not-leak', String(port));
    } finally {
      await down.sql.end({ timeout: 0 });
    }
  });

  it('answers 503 within its deadline when Redis hangs (accepts the connection, never answers)', async () => {
    const hung = await silentServer();
    try {
      const stuck = new Redis({ url: `http://127.0.0.1:${hung.port}`, token: 'x', retry: false });
      const startedAt = performance.now();
      const response = await through(ready.GET, () => ({ redis: () => stuck }))(get('/api/health/ready'));
      const elapsedMs = performance.now() - startedAt;

      expect(hung.connections()).toBe(1); // it really was asked, and really said nothing
      expect(response.status).toBe(503);
      const body = await response.json();
      expect(body).toMatchObject({ status: 'unavailable', failing: ['redis'], checks: { database: { ok: true }, redis: { ok: false, error: 'timeout' } } });
      expect(body.checks.redis.latencyMs).toBeGreaterThanOrEqual(READINESS_TIMEOUT_MS - 1);
      // The deadline, plus a scheduling margin on a busy two-core machine, not the client's own (unbounded) wait.
      expect(elapsedMs).toBeLessThan(READINESS_TIMEOUT_MS + 1_000);
    } finally {
      await hung.close();
    }
  });
});

describe('readiness checks (lib/health/readiness.ts)', () => {
  it('times out a hung database at the deadline it is given', async () => {
    const hung = await silentServer();
    const stuck = createDatabase(`postgres://postgres:postgres@127.0.0.1:${hung.port}/shop`, { max: 1 });
    try {
      const readiness = await checkReadiness({ db: stuck.db, redis, jobs: { driver: 'in-process' }, timeoutMs: 200 });
      expect(readiness).toMatchObject({
        status: 'unavailable',
        failing: ['database'],
        checks: { database: { ok: false, error: 'timeout' }, redis: { ok: true } },
      });
      expect(readiness.checks.database.latencyMs).toBeGreaterThanOrEqual(199);
      expect(readiness.checks.database.latencyMs).toBeLessThan(1_000);
    } finally {
      await stuck.sql.end({ timeout: 0 });
      await hung.close();
    }
  });

  describe('with Inngest as the job driver', () => {
    /** A stand-in for Inngest's event API: records what it is sent, answers with `status`. */
    async function eventApi(status: number) {
      const seen: Array<{ method: string; url: string; body: string }> = [];
      const server = createHttpServer((request: IncomingMessage, response) => {
        let body = '';
        request.on('data', (chunk) => {
          body += chunk;
        });
        request.on('end', () => {
          seen.push({ method: request.method ?? '', url: request.url ?? '', body });
          response.statusCode = status;
          response.setHeader('content-type', 'application/json');
          response.end(JSON.stringify(status < 500 ? { error: 'not found' } : { error: 'unavailable' }));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      return { port, seen, close: () => new Promise((resolve) => server.close(resolve)) };
    }

    const inngestAt = (port: number) =>
      new Inngest({ id: 'health-test', eventKey: 'event-key-that-must-not-travel', baseUrl: `http://127.0.0.1:${port}`, isDev: false });

    it('is ready when the event API answers, without sending it an event or the key', async () => {
      // Any answer short of a server error is Inngest being there (its base URL itself is a 404).
      const api = await eventApi(404);
      try {
        const readiness = await checkReadiness({ db, redis, jobs: jobsTargetFor('inngest', inngestAt(api.port)) });
        expect(readiness).toEqual({
          status: 'ok',
          failing: [],
          checks: {
            database: { ok: true, latencyMs: expect.any(Number) },
            redis: { ok: true, latencyMs: expect.any(Number) },
            jobs: { ok: true, driver: 'inngest', latencyMs: expect.any(Number) },
          },
        });
        expect(api.seen).toEqual([{ method: 'GET', url: '/', body: '' }]);
      } finally {
        await api.close();
      }
    });

    it('names jobs when the event API answers with a server error', async () => {
      const api = await eventApi(503);
      try {
        const readiness = await checkReadiness({ db, redis, jobs: jobsTargetFor('inngest', inngestAt(api.port)) });
        expect(readiness).toMatchObject({
          status: 'unavailable',
          failing: ['jobs'],
          checks: { jobs: { ok: false, driver: 'inngest', error: 'unexpected reply' } },
        });
        expect(api.seen).toHaveLength(1);
      } finally {
        await api.close();
      }
    });

    it('names jobs when the event API refuses connections', async () => {
      const readiness = await checkReadiness({ db, redis, jobs: jobsTargetFor('inngest', inngestAt(await closedPort())) });
      expect(readiness).toMatchObject({
        status: 'unavailable',
        failing: ['jobs'],
        checks: { database: { ok: true }, redis: { ok: true }, jobs: { ok: false, driver: 'inngest', error: 'unreachable' } },
      });
    });

    it('names jobs, without a network call, when Inngest Cloud has no event key to send with', async () => {
      const keyless = new Inngest({ id: 'health-test', isDev: false });
      expect(keyless.eventKey).toBeUndefined();
      expect(jobsTargetFor('inngest', keyless)).toEqual({ driver: 'inngest', eventApiUrl: null });
      const readiness = await checkReadiness({
        db,
        redis,
        jobs: jobsTargetFor('inngest', keyless),
        fetch: () => Promise.reject(new Error('no network call expected')),
      });
      expect(readiness).toMatchObject({ failing: ['jobs'], checks: { jobs: { ok: false, driver: 'inngest', latencyMs: 0, error: 'not configured' } } });
    });

    it('checks a dev server or self-hosted Inngest without an event key', async () => {
      const api = await eventApi(200);
      try {
        const dev = new Inngest({ id: 'health-test', isDev: true, baseUrl: `http://127.0.0.1:${api.port}` });
        const readiness = await checkReadiness({ db, redis, jobs: jobsTargetFor('inngest', dev) });
        expect(readiness.checks.jobs).toMatchObject({ ok: true, driver: 'inngest' });
        expect(api.seen).toEqual([{ method: 'GET', url: '/', body: '' }]);
      } finally {
        await api.close();
      }
    });
  });
});
