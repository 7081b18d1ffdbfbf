import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv, paystackMode, webhookIpAllowlist } from '@/lib/env';

const valid = {
  DATABASE_URL: 'postgres://shop:secret@db.example.com:5432/shop',
  UPSTASH_REDIS_REST_URL: 'https://eu1-example.upstash.io',
  UPSTASH_REDIS_REST_TOKEN: 'token',
  PAYSTACK_SECRET_KEY: 'sk_test_abc123',
  NEXTAUTH_URL: 'https://shop.example.com',
  NEXTAUTH_SECRET: 'x'.repeat(32),
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
    const env = parseEnv({ ...valid, NODE_ENV: 'production' });
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
    expect(messageFor({ ...valid, NODE_ENV: 'production', PAYSTACK_BASE_URL: 'http://paystack.internal' })).toMatch(
      /^Invalid environment variable PAYSTACK_BASE_URL: must use https:\/\/ in production/,
    );
    expect(parseEnv({ ...valid, NODE_ENV: 'production', PAYSTACK_BASE_URL: 'http://127.0.0.1:8090' }).PAYSTACK_BASE_URL).toBe('http://127.0.0.1:8090');
  });
});

describe('values derived from the environment', () => {
  it('tells test from live mode by the secret key', () => {
    expect(paystackMode(parseEnv(valid))).toBe('test');
    expect(paystackMode(parseEnv({ ...valid, PAYSTACK_SECRET_KEY: 'sk_live_abc123' }))).toBe('live');
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
