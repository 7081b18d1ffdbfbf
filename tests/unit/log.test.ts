// The structured logger (lib/log.ts) writing into memory: the request line's fields, redaction of secrets, card and
// personal data wherever they sit in a logged object, the request id's validation and how it rides along (the log
// context, a job's `_meta`), and LOG_LEVEL.
import { randomUUID } from 'node:crypto';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { EnvError, type LogLevel, logLevel, parseEnv } from '@/lib/core/env';
import { JOB_META_KEY, jobEventSchemas, jobMetaOf } from '@/lib/jobs/events';
import {
  createLogger,
  currentRequestId,
  errorText,
  isSaneRequestId,
  log,
  loggableMessage,
  logRequest,
  REDACTED,
  requestIdFrom,
  rootLogger,
  withLogContext,
} from '@/lib/log';
import { minimalEnv } from './support/minimal-env';

function captured(level: LogLevel = 'info') {
  const raw: string[] = [];
  const logger = createLogger({ level, destination: { write: (chunk: string) => void raw.push(chunk) } });
  const lines = () =>
    raw
      .join('')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, raw, lines };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('the request line', () => {
  it('is one JSON line with route, method, status, duration and request id', () => {
    const { logger, raw, lines } = captured();
    logRequest(logger, { route: 'api/cart', method: 'GET', status: 200, durationMs: 12.3, requestId: 'req-123' });
    expect(raw).toHaveLength(1);
    expect(raw[0]!.endsWith('\n')).toBe(true);
    const [line] = lines();
    expect(line).toMatchObject({ level: 'info', msg: 'request', route: 'api/cart', method: 'GET', status: 200, durationMs: 12.3, requestId: 'req-123' });
    expect(typeof line!.time).toBe('string');
  });

  it('is an error line for a 5xx', () => {
    const { logger, lines } = captured();
    logRequest(logger, { route: 'api/checkout', method: 'POST', status: 503, durationMs: 1, requestId: 'r' });
    expect(lines()[0]).toMatchObject({ level: 'error', status: 503 });
  });
});

describe('redaction', () => {
  it('removes passwords, authorization headers, card data and addresses at any depth, keeping the rest', () => {
    const { logger, raw, lines } = captured();
    logger.info(
      {
        password: 'hunter2-top',
        authorization: 'Bearer sk_test_top',
        user: { id: 'u1', passwordHash: '$2b$12$hash', email: 'ada@example.com' },
        request: { headers: { authorization: 'Bearer sk_test_headers', cookie: 'next-auth.session-token=abc' } },
        upstream: { authorization: 'Bearer sk_test_nested', status: 502 },
        charge: { reference: 'TXN-1', authorization_code: 'AUTH_secret', bin: '408408', last4: '4081', exp_month: '12', exp_year: '2030' },
        event: { data: { authorization: { authorization_code: 'AUTH_deep' } } },
        order: { id: 'o1', shippingAddress: { line1: '12 Marina Road', city: 'Lagos' } },
        shippingAddress: { line1: '1 Top Street' },
      },
      'probe',
    );
    const text = raw.join('');
    for (const secret of [
      'hunter2-top',
      'sk_test_top',
      '$2b$12$hash',
      'ada@example.com',
      'sk_test_headers',
      'session-token',
      'sk_test_nested',
      'AUTH_secret',
      'AUTH_deep',
      '408408',
      '4081',
      '2030',
      'Marina Road',
      'Lagos',
      'Top Street',
    ]) {
      expect(text).not.toContain(secret);
    }
    const [line] = lines() as Array<Record<string, Record<string, unknown>>>;
    expect(line!.password).toBe(REDACTED);
    expect(line!.shippingAddress).toBe(REDACTED);
    expect(line!.order).toEqual({ id: 'o1', shippingAddress: REDACTED });
    expect(line!.upstream).toEqual({ authorization: REDACTED, status: 502 });
    expect(line!.charge).toMatchObject({ reference: 'TXN-1', authorization_code: REDACTED });
    expect(line!.user).toMatchObject({ id: 'u1' });
  });
});

describe('redaction in errors', () => {
  it('keeps a failed query and its cause but not its parameters, nor the row PostgreSQL quotes', () => {
    const { logger, raw, lines } = captured();
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "users_email_unique"'), {
      code: '23505',
      detail: 'Key (email)=(ada@example.com) already exists.',
    });
    const failed = new DrizzleQueryError('insert into users (email, password_hash) values ($1, $2)', ['ada@example.com', '12 Marina\nRoad'], cause);
    logger.error({ route: 'api/register', err: failed }, 'unexpected error');
    logger.error({ err: cause }, 'database');
    logger.error({ err: Object.assign(new Error('upstream said no'), { config: { headers: { authorization: 'Bearer sk_test_cfg' } } }) }, 'upstream');

    const text = raw.join('');
    for (const secret of ['ada@example.com', 'Marina', 'sk_test_cfg']) expect(text).not.toContain(secret);
    const [query, database, upstream] = lines() as Array<{ err: Record<string, unknown> }>;
    expect(query!.err).toMatchObject({ type: 'DrizzleQueryError', query: 'insert into users (email, password_hash) values ($1, $2)', params: REDACTED });
    expect(query!.err.message).toContain('Failed query: insert into users');
    expect(query!.err.message).toContain('users_email_unique');
    expect(query!.err.stack).toEqual(expect.stringContaining('caused by'));
    expect(database!.err).toMatchObject({ code: '23505', detail: REDACTED, message: expect.stringContaining('users_email_unique') });
    expect(upstream!.err).toMatchObject({ message: 'upstream said no', config: { headers: REDACTED } });
  });

  it("cuts a failed query's parameters out of a message kept as text (a job's or a webhook's error)", () => {
    expect(loggableMessage('Failed query: select 1 where email = $1\nparams: ada@example.com,\nmore')).toBe(
      `Failed query: select 1 where email = $1\nparams: ${REDACTED}`,
    );
    expect(loggableMessage('SMTP refused')).toBe('SMTP refused');
    expect(loggableMessage('x'.repeat(900))).toHaveLength(500);
  });

  it('drops the command @upstash/redis appends to an error (its keys name carts, emails and addresses)', () => {
    const upstash = new Error(
      'ERR Redis at redis://127.0.0.1:6379 is unavailable: The client is offline, command was: [["evalsha","abc",1,"signin-delay:ada@example.com","203.0.113.7|n"]]',
    );
    expect(errorText(upstash)).toBe('ERR Redis at redis://127.0.0.1:6379 is unavailable: The client is offline');
    expect(errorText('plain words')).toBe('plain words');
  });

  it('scrubs deep objects and cuts off what is deeper still', () => {
    const { raw, logger } = captured();
    let deep: Record<string, unknown> = { password: 'deepest-secret' };
    for (let level = 0; level < 12; level += 1) deep = { level, inner: deep, list: [{ token: `tok-${level}` }] };
    logger.info({ deep }, 'deep');
    expect(raw.join('')).not.toMatch(/deepest-secret|tok-\d/);
    expect(raw.join('')).toContain('[Too deep]');
  });
});

describe('request id', () => {
  it('keeps an incoming id that is a short plain token', () => {
    for (const id of ['abc', 'req-123', 'a.b_c-D', '0'.repeat(64), randomUUID()]) expect(requestIdFrom(id)).toBe(id);
  });

  it('replaces a missing or invalid one with a fresh UUID', () => {
    const invalid = [null, undefined, '', ' ', 'a'.repeat(65), 'two words', 'line\nbreak', '../etc/passwd', '<script>', 'id;drop', 'ünïcode', 'a\u0000b'];
    for (const id of invalid) {
      expect(isSaneRequestId(id)).toBe(false);
      const replaced = requestIdFrom(id);
      expect(replaced).not.toBe(id);
      expect(replaced).toMatch(UUID);
    }
    expect(requestIdFrom('bad id')).not.toBe(requestIdFrom('bad id'));
  });

  it('rides along on every line written in its context, and on the context logger', () => {
    const { logger, lines } = captured();
    expect(currentRequestId()).toBeUndefined();
    expect(log()).toBe(rootLogger());
    withLogContext({ requestId: 'req-ctx', logger }, () => {
      expect(currentRequestId()).toBe('req-ctx');
      log().info({ eventType: 'charge.success' }, 'webhook');
      // A job run clears or replaces the id, keeping the logger.
      withLogContext({ requestId: undefined }, () => log().info('job'));
      logger.info({ requestId: 'explicit' }, 'explicit wins');
    });
    expect(lines().map((line) => [line.msg, line.requestId])).toEqual([
      ['webhook', 'req-ctx'],
      ['job', undefined],
      ['explicit wins', 'explicit'],
    ]);
  });
});

describe('request id in a job payload', () => {
  const orderId = randomUUID();

  it('is read from `_meta`, and ignored when absent or malformed', () => {
    expect(jobMetaOf({ orderId, [JOB_META_KEY]: { requestId: 'req-1' } })).toEqual({ requestId: 'req-1' });
    expect(jobMetaOf({ orderId })).toEqual({});
    expect(jobMetaOf({ orderId, [JOB_META_KEY]: { requestId: 'not sane\n' } })).toEqual({});
    expect(jobMetaOf(null)).toEqual({});
    expect(jobMetaOf('text')).toEqual({});
  });

  it('is tolerated by the payload schemas and never reaches a job step (even where the payload has its own requestId)', () => {
    const linkRequestId = randomUUID();
    const parsed = jobEventSchemas['order/link-requested'].parse({ orderId, requestId: linkRequestId, [JOB_META_KEY]: { requestId: 'req-2' } });
    expect(parsed).toEqual({ orderId, requestId: linkRequestId });
    expect(jobEventSchemas['order/paid'].parse({ orderId, paymentId: orderId, [JOB_META_KEY]: { requestId: 'req-3' } })).toEqual({
      orderId,
      paymentId: orderId,
    });
  });
});

describe('LOG_LEVEL', () => {
  it('is info unless set; case and spaces do not matter; a bad value falls back for the logger', () => {
    expect(logLevel({})).toBe('info');
    expect(logLevel({ LOG_LEVEL: '' })).toBe('info');
    expect(logLevel({ LOG_LEVEL: ' DEBUG ' })).toBe('debug');
    expect(logLevel({ LOG_LEVEL: 'silent' })).toBe('silent');
    expect(logLevel({ LOG_LEVEL: 'loud' })).toBe('info');
  });

  it('is validated with the rest of the environment, naming it', () => {
    const valid = minimalEnv;
    expect(parseEnv(valid).LOG_LEVEL).toBe('info');
    expect(parseEnv({ ...valid, LOG_LEVEL: 'warn' }).LOG_LEVEL).toBe('warn');
    expect(() => parseEnv({ ...valid, LOG_LEVEL: 'loud' })).toThrow(EnvError);
    expect(() => parseEnv({ ...valid, LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent/);
  });

  it('filters lines below the level', () => {
    const { logger, lines } = captured('warn');
    logger.info('quiet');
    logger.warn('heard');
    expect(lines().map((line) => line.msg)).toEqual(['heard']);
  });
});
