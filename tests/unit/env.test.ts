import { describe, expect, it } from 'vitest';
import { EnvError, jobsDriver, parseEnv, paystackMode, trustedProxyHops, webhookIpAllowlist } from '@/lib/core/env';
import { minimalEnv } from './support/minimal-env';

const valid = {
  ...minimalEnv,
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  CARD_VAULT_KEY: Buffer.alloc(32, 9).toString('base64'),
};

function messageFor(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  throw new Error('expected parseEnv to throw');
}

describe('parseEnv', () => {
  it('accepts a complete production configuration and fills defaults', () => {
    const env = parseEnv({ ...valid, NODE_ENV: 'production', PAYSTACK_SECRET_KEY: 'sk_live_abc123' });
    expect(env.PAYSTACK_BASE_URL).toBe('https://api.paystack.co');
    expect(env.SMTP_PORT).toBe(587);
    expect(env.SMTP_SECURE).toBe(false);
  });

  it.each([
    ['DATABASE_URL', undefined, /DATABASE_URL: required/],
    ['DATABASE_URL', 'mysql://x@y/z', /DATABASE_URL: must start with postgres/],
    ['UPSTASH_REDIS_REST_URL', 'not a url', /UPSTASH_REDIS_REST_URL: must be a URL/],
    ['UPSTASH_REDIS_REST_TOKEN', undefined, /UPSTASH_REDIS_REST_TOKEN: required/],
    ['PAYSTACK_SECRET_KEY', 'pk_test_abc', /PAYSTACK_SECRET_KEY: must look like sk_test_/],
    ['PAYSTACK_SECRET_KEY', undefined, /PAYSTACK_SECRET_KEY: required/],
    ['NEXTAUTH_SECRET', 'short', /NEXTAUTH_SECRET: must be at least 32 characters/],
    ['SMTP_PORT', 'seventy', /SMTP_PORT: must be a port number/],
  ])('names %s when it is %s, on one line', (name, value, expected) => {
    const message = messageFor({ ...valid, [name]: value });
    expect(message).toMatch(expected);
    expect(message).toMatch(/^Invalid environment variable /);
    expect(message).not.toContain('\n');
  });

  it('lists every bad variable at once, one per line', () => {
    const message = messageFor({ NEXTAUTH_SECRET: 'short' });
    for (const name of ['DATABASE_URL', 'UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN', 'PAYSTACK_SECRET_KEY', 'NEXTAUTH_URL', 'NEXTAUTH_SECRET']) {
      expect(message).toContain(`  ${name}: `);
    }
  });

  it('refuses a plain-http Paystack base URL in production', () => {
    const live = { ...valid, NODE_ENV: 'production', PAYSTACK_SECRET_KEY: 'sk_live_abc123' };
    expect(messageFor({ ...live, PAYSTACK_BASE_URL: 'http://paystack.internal' })).toMatch(
      /^Invalid environment variable PAYSTACK_BASE_URL: must use https:\/\/ in production/,
    );
    expect(parseEnv({ ...live, PAYSTACK_BASE_URL: 'http://127.0.0.1:8090' }).PAYSTACK_BASE_URL).toBe('http://127.0.0.1:8090');
  });
});

describe('Paystack keys and the deployment they belong to', () => {
  // The expected webhook `domain` follows the key: a test key in production would let test cards pay real orders.
  it('refuses a test key in production unless PAYSTACK_ALLOW_TEST_KEY=1 says it is meant (a staging site)', () => {
    expect(messageFor({ ...valid, NODE_ENV: 'production' })).toMatch(
      /^Invalid environment variable PAYSTACK_SECRET_KEY: is a test key \(sk_test_…\) but NODE_ENV is production.*PAYSTACK_ALLOW_TEST_KEY=1/,
    );
    expect(messageFor({ ...valid, NODE_ENV: 'production', PAYSTACK_ALLOW_TEST_KEY: '0' })).toMatch(/PAYSTACK_SECRET_KEY: is a test key/);
    for (const on of ['1', 'true']) {
      expect(paystackMode(parseEnv({ ...valid, NODE_ENV: 'production', PAYSTACK_ALLOW_TEST_KEY: on }))).toBe('test');
    }
  });

  it('refuses a live key outside production unless PAYSTACK_ALLOW_LIVE_KEY_OUTSIDE_PRODUCTION=1', () => {
    for (const NODE_ENV of ['development', 'test', undefined]) {
      expect(messageFor({ ...valid, NODE_ENV, PAYSTACK_SECRET_KEY: 'sk_live_abc123' })).toMatch(
        /^Invalid environment variable PAYSTACK_SECRET_KEY: is a live key \(sk_live_…\) but NODE_ENV is not production.*PAYSTACK_ALLOW_LIVE_KEY_OUTSIDE_PRODUCTION=1/,
      );
    }
    const allowed = parseEnv({ ...valid, PAYSTACK_SECRET_KEY: 'sk_live_abc123', PAYSTACK_ALLOW_LIVE_KEY_OUTSIDE_PRODUCTION: '1' });
    expect(paystackMode(allowed)).toBe('live');
  });

  it('accepts the usual pairs without any flag: live in production, test elsewhere', () => {
    expect(paystackMode(parseEnv({ ...valid, NODE_ENV: 'production', PAYSTACK_SECRET_KEY: 'sk_live_abc123' }))).toBe('live');
    expect(paystackMode(parseEnv({ ...valid, NODE_ENV: 'development' }))).toBe('test');
    expect(paystackMode(parseEnv({ ...valid, NODE_ENV: 'test' }))).toBe('test');
  });

  it('refuses a public key from the other mode, and a flag that is not 0 or 1', () => {
    expect(messageFor({ ...valid, PAYSTACK_PUBLIC_KEY: 'pk_live_abc123' })).toMatch(/PAYSTACK_PUBLIC_KEY: must be from the same mode/);
    expect(parseEnv({ ...valid, PAYSTACK_PUBLIC_KEY: 'pk_test_abc123' }).PAYSTACK_PUBLIC_KEY).toBe('pk_test_abc123');
    expect(messageFor({ ...valid, PAYSTACK_ALLOW_TEST_KEY: 'yes' })).toMatch(/PAYSTACK_ALLOW_TEST_KEY: PAYSTACK_ALLOW_TEST_KEY must be 1 \(on\) or 0 \(off\)/);
  });
});

describe('CSP_NONCE_FROM_FRONT', () => {
  it('is off unless set to 1 (a bare next start makes its own nonce), and refuses anything but 0 or 1', () => {
    expect(parseEnv(valid).CSP_NONCE_FROM_FRONT).toBe(false);
    expect(parseEnv({ ...valid, CSP_NONCE_FROM_FRONT: '1' }).CSP_NONCE_FROM_FRONT).toBe(true);
    expect(parseEnv({ ...valid, CSP_NONCE_FROM_FRONT: '0' }).CSP_NONCE_FROM_FRONT).toBe(false);
    expect(messageFor({ ...valid, CSP_NONCE_FROM_FRONT: 'yes' })).toMatch(/CSP_NONCE_FROM_FRONT must be 1 \(on\) or 0 \(off\)/);
  });
});

describe('Inngest in production', () => {
  const live = { ...valid, NODE_ENV: 'production', PAYSTACK_SECRET_KEY: 'sk_live_abc123' };
  const signed = { INNGEST_EVENT_KEY: 'event-key', INNGEST_SIGNING_KEY: 'signkey-prod-0123abcd' };

  // Dev mode skips Inngest's signature check: anyone could call /api/inngest and run any job with their own data.
  it.each(['1', 'http://inngest.internal:8288'])('refuses INNGEST_DEV=%s when NODE_ENV is production, signing key or not', (value) => {
    expect(messageFor({ ...live, INNGEST_DEV: value })).toMatch(/INNGEST_DEV: must not be set when NODE_ENV is production.*set INNGEST_SIGNING_KEY/);
    expect(messageFor({ ...live, ...signed, INNGEST_DEV: value })).toMatch(/INNGEST_DEV: must not be set when NODE_ENV is production/);
  });

  it('requires INNGEST_SIGNING_KEY (and the event key) whenever Inngest runs the jobs in production', () => {
    expect(messageFor({ ...live, INNGEST_EVENT_KEY: 'event-key' })).toMatch(/^Invalid environment variable INNGEST_SIGNING_KEY: required in production/);
    expect(messageFor({ ...live, JOBS_DRIVER: 'inngest', INNGEST_SIGNING_KEY: 'signkey-prod-0123abcd' })).toMatch(/INNGEST_EVENT_KEY: required in production/);
    expect(messageFor({ ...live, JOBS_DRIVER: 'inngest' })).toMatch(/INNGEST_SIGNING_KEY: required in production/);
    expect(jobsDriver(parseEnv({ ...live, ...signed }))).toBe('inngest');
    // The in-process driver serves no Inngest endpoint, so it needs no Inngest keys.
    expect(jobsDriver(parseEnv(live))).toBe('in-process');
  });

  it('leaves development and tests free to use an Inngest dev server', () => {
    for (const NODE_ENV of ['development', 'test']) expect(jobsDriver(parseEnv({ ...valid, NODE_ENV, INNGEST_DEV: '1' }))).toBe('inngest');
  });
});

describe('values derived from the environment', () => {
  it('tells test from live mode by the secret key', () => {
    expect(paystackMode(parseEnv(valid))).toBe('test');
    expect(paystackMode(parseEnv({ ...valid, NODE_ENV: 'production', PAYSTACK_SECRET_KEY: 'sk_live_abc123' }))).toBe('live');
  });

  it.each([
    // Unset: the connection's own address (never spoofable), except on Vercel, whose edge overwrites the header.
    [{}, 0],
    [{ VERCEL: '1' }, 1],
    [{ TRUSTED_PROXY_HOPS: '0', VERCEL: '1' }, 0],
    [{ TRUSTED_PROXY_HOPS: '2' }, 2],
    [{ TRUSTED_PROXY_HOPS: ' 1 ' }, 1],
    [{ TRUSTED_PROXY_HOPS: '' }, 0],
  ])('reads TRUSTED_PROXY_HOPS from %j as %i', (vars, expected) => {
    expect(trustedProxyHops(parseEnv({ ...valid, ...vars }))).toBe(expected);
  });

  it.each(['-1', '1.5', 'two', '11'])('refuses TRUSTED_PROXY_HOPS=%j with its meaning', (value) => {
    expect(messageFor({ ...valid, TRUSTED_PROXY_HOPS: value })).toMatch(/TRUSTED_PROXY_HOPS: must be a whole number from 0 to 10/);
  });

  it.each([
    [undefined, []],
    ['', []],
    ['52.31.139.75', ['52.31.139.75']],
    [' 52.31.139.75 , 52.49.173.169,52.214.14.220, ', ['52.31.139.75', '52.49.173.169', '52.214.14.220']],
  ])('reads the webhook allowlist %j as %j (empty: no check)', (value, expected) => {
    expect(webhookIpAllowlist(parseEnv({ ...valid, PAYSTACK_WEBHOOK_IP_ALLOWLIST: value }))).toEqual(expected);
  });

  it('refuses an allowlist of nothing but commas rather than switching the check off', () => {
    expect(messageFor({ ...valid, PAYSTACK_WEBHOOK_IP_ALLOWLIST: ' , ,' })).toMatch(/PAYSTACK_WEBHOOK_IP_ALLOWLIST: must name at least one IP address/);
  });
});

describe('one build, many processes', () => {
  const live = { ...valid, NODE_ENV: 'production', PAYSTACK_SECRET_KEY: 'sk_live_abc123' };

  it('requires the server actions key in production, and only there', () => {
    expect(messageFor({ ...live, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: undefined })).toMatch(
      /^Invalid environment variable NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: required in production.*openssl rand -base64 32/,
    );
    expect(messageFor({ ...live, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: '  ' })).toMatch(/NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: required in production/);
    expect(parseEnv({ ...valid, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: undefined }).NEXT_SERVER_ACTIONS_ENCRYPTION_KEY).toBeUndefined();
  });

  it('requires the card vault key in production, naming it, and only there', () => {
    expect(messageFor({ ...live, CARD_VAULT_KEY: undefined })).toMatch(
      /^Invalid environment variable CARD_VAULT_KEY: required in production.*openssl rand -base64 32/,
    );
    expect(parseEnv({ ...valid, CARD_VAULT_KEY: undefined }).CARD_VAULT_KEY).toBeUndefined();
    expect(messageFor({ ...valid, CARD_VAULT_KEY: Buffer.alloc(16, 1).toString('base64') })).toMatch(/CARD_VAULT_KEY: must be base64 of 32 bytes/);
    expect(messageFor({ ...valid, CARD_VAULT_PREVIOUS_KEYS: 'nope' })).toMatch(/CARD_VAULT_PREVIOUS_KEYS: must be comma-separated base64 keys/);
    const old = Buffer.alloc(32, 3).toString('base64');
    expect(parseEnv({ ...live, CARD_VAULT_PREVIOUS_KEYS: `${old}, ${old}` }).CARD_VAULT_PREVIOUS_KEYS).toEqual([old, old]);
  });

  it.each([16, 24, 32])('accepts base64 of %i bytes (an AES key length)', (bytes) => {
    const key = Buffer.alloc(bytes, 1).toString('base64');
    expect(parseEnv({ ...live, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key }).NEXT_SERVER_ACTIONS_ENCRYPTION_KEY).toBe(key);
  });

  it.each([
    ['20 bytes', Buffer.alloc(20, 1).toString('base64')],
    ['64 bytes', Buffer.alloc(64, 1).toString('base64')],
    ['base64url', Buffer.alloc(32, 0xfb).toString('base64url')],
    ['not base64', 'this is not a key at all, really!!!!!!!!!!!'],
    ['a hex string', 'ab'.repeat(32)],
  ])('refuses a key that is %s, in any mode', (_, key) => {
    for (const mode of [live, valid]) {
      expect(messageFor({ ...mode, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key })).toMatch(
        /^Invalid environment variable NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: must be base64 of 16, 24 or 32 bytes/,
      );
    }
  });

  it("takes a deployment id in Next's alphabet and refuses anything else", () => {
    expect(parseEnv({ ...live, NEXT_DEPLOYMENT_ID: 'git-3f2a9c1_b' }).NEXT_DEPLOYMENT_ID).toBe('git-3f2a9c1_b');
    expect(parseEnv(live).NEXT_DEPLOYMENT_ID).toBeUndefined();
    for (const bad of ['v1.2', 'a/b', 'x'.repeat(65)]) {
      expect(messageFor({ ...live, NEXT_DEPLOYMENT_ID: bad })).toMatch(/^Invalid environment variable NEXT_DEPLOYMENT_ID: must be 1 to 64 letters/);
    }
  });
});

describe('the database pool', () => {
  it('defaults to 10 connections with prepared statements, and turns them off behind PgBouncer', () => {
    expect(parseEnv(valid)).toMatchObject({ DATABASE_POOLER: 'none', DATABASE_POOL_MAX: 10 });
    expect(parseEnv({ ...valid, DATABASE_POOLER: 'pgbouncer', DATABASE_POOL_MAX: '4' })).toMatchObject({ DATABASE_POOLER: 'pgbouncer', DATABASE_POOL_MAX: 4 });
    expect(messageFor({ ...valid, DATABASE_POOLER: 'pgpool' })).toMatch(/DATABASE_POOLER: DATABASE_POOLER must be none or pgbouncer/);
    expect(messageFor({ ...valid, DATABASE_POOL_MAX: '0' })).toMatch(/DATABASE_POOL_MAX: must be at least 1/);
  });
});
