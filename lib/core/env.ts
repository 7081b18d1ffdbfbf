// The only reader of process.env. Validated with zod so a bad or missing variable fails with a message
// naming it (at build time too: next.config.ts imports this module).
import { z } from 'zod';

const url = (example: string) => z.url({ error: (issue) => (issue.input === undefined ? `required (e.g. ${example})` : `must be a URL (e.g. ${example})`) });

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** An opt-in switch: `1` or `true` turns it on; unset, empty, `0` or `false` leave it off. */
const flag = (name: string) =>
  z
    .enum(['1', 'true', '0', 'false', ''], { error: `${name} must be 1 (on) or 0 (off)` })
    .optional()
    .transform((value) => value === '1' || value === 'true');

/** pino's levels; `silent` logs nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** LOG_LEVEL: unset or empty is `info` (development, tests and production alike); case and surrounding spaces ignored. */
const logLevelSchema = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .transform((value) => (value === '' ? undefined : value))
  .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'));

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: url('postgres://user:password@host:5432/shop').refine((value) => /^postgres(ql)?:\/\//.test(value), {
      error: 'must start with postgres:// or postgresql://',
    }),
    /**
     * `pgbouncer` when DATABASE_URL points at PgBouncer in transaction mode: consecutive statements of one connection
     * may then reach different server connections, so postgres.js must not use named prepared statements.
     */
    DATABASE_POOLER: z.enum(['none', 'pgbouncer'], { error: 'DATABASE_POOLER must be none or pgbouncer' }).default('none'),
    /** Connections this process opens to DATABASE_URL at most (default 10); the sum over processes must fit the server. */
    DATABASE_POOL_MAX: z.coerce.number({ error: 'must be a whole number' }).int().min(1, 'must be at least 1').max(100, 'must be at most 100').default(10),
    UPSTASH_REDIS_REST_URL: url('https://eu1-example.upstash.io'),
    UPSTASH_REDIS_REST_TOKEN: z.string({ error: 'required (the REST token from the Upstash console)' }).min(1, 'must not be empty'),
    PAYSTACK_SECRET_KEY: z
      .string({ error: 'required (sk_test_… or sk_live_… from the Paystack dashboard)' })
      .regex(/^sk_(test|live)_[A-Za-z0-9]+$/, 'must look like sk_test_… or sk_live_…'),
    PAYSTACK_PUBLIC_KEY: z
      .string()
      .regex(/^pk_(test|live)_[A-Za-z0-9]+$/, 'must look like pk_test_… or pk_live_…')
      .optional(),
    PAYSTACK_BASE_URL: url('https://api.paystack.co').default('https://api.paystack.co'),
    /** Origins of Paystack's hosted checkout, where the payment form may send the shopper (the CSP's form-action). */
    PAYSTACK_CHECKOUT_ORIGINS: z
      .string()
      .default('https://checkout.paystack.com')
      .transform((value) =>
        value
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url({ error: 'must be comma-separated origins, e.g. https://checkout.paystack.com' })).min(1)),
    /** A staging site that runs production builds but must take test payments says so explicitly. */
    PAYSTACK_ALLOW_TEST_KEY: flag('PAYSTACK_ALLOW_TEST_KEY'),
    /** A developer debugging against live Paystack says so explicitly: real money moves. */
    PAYSTACK_ALLOW_LIVE_KEY_OUTSIDE_PRODUCTION: flag('PAYSTACK_ALLOW_LIVE_KEY_OUTSIDE_PRODUCTION'),
    /**
     * Set by `npm start` for app processes behind the nginx front: pages carry a fixed placeholder nonce (so one rendered
     * page can be cached and shared) and the front stamps a fresh random nonce into every response. Off for a bare
     * `next start`, which then makes its own random nonce per request.
     */
    CSP_NONCE_FROM_FRONT: flag('CSP_NONCE_FROM_FRONT'),
    /**
     * Turns the fast lane off (lib/server/fast-lane): every request then goes through Next, as under `next start`. For an
     * operator who suspects the lane, and for the benchmark that measures what it saves (bench:lean-probe).
     */
    FAST_LANE_OFF: flag('FAST_LANE_OFF'),
    /**
     * Set by `npm test` once its static checks ran `tsc --noEmit` over these sources and passed: `next build` then skips
     * its own type check of the same code (≈ 40 s on two cores). `npm run build` and `npm start` never set it.
     */
    BUILD_TYPES_CHECKED: flag('BUILD_TYPES_CHECKED'),
    /**
     * The bcrypt work factor for passwords hashed by a test run (NODE_ENV=test only; ignored otherwise): the integration
     * layer sets 4, so the many accounts its tests register and sign in cost milliseconds, not a quarter second each.
     * Everywhere else new hashes use lib/auth/passwords.ts's PASSWORD_HASH_COST (12); there is no production knob.
     */
    TEST_PASSWORD_HASH_COST: optionalString
      .refine((value) => value === undefined || (/^\d{1,2}$/.test(value) && Number(value) >= 4 && Number(value) <= 15), 'must be a whole number from 4 to 15')
      .transform((value) => (value === undefined ? undefined : Number(value))),
    /**
     * How many reverse proxies in front of the app append the address they saw to X-Forwarded-For (see
     * lib/server/doors/request-meta.ts). Unset: 1 on Vercel (VERCEL=1; its edge overwrites the header with the client's
     * address), else 0 (the connection's own address: never spoofable, at worst every caller looks like the proxy).
     */
    TRUSTED_PROXY_HOPS: optionalString
      .refine(
        (value) => value === undefined || (/^\d{1,2}$/.test(value) && Number(value) <= 10),
        'must be a whole number from 0 to 10 (how many proxies in front of the app append to X-Forwarded-For)',
      )
      .transform((value) => (value === undefined ? undefined : Number(value))),
    /** Set by Vercel on its deployments; only used to choose the default of TRUSTED_PROXY_HOPS. */
    VERCEL: optionalString,
    NEXTAUTH_URL: url('https://shop.example.com'),
    NEXTAUTH_SECRET: z
      .string({ error: 'required (generate one with `openssl rand -base64 32`)' })
      .min(32, 'must be at least 32 characters (generate one with `openssl rand -base64 32`)'),
    /**
     * The key Next encrypts server actions' closed-over values with (and salts their ids with). Every process of one
     * deployment must share it, or an action rendered by one process fails on another ("Failed to find Server
     * Action"): required in production. Base64 of 16, 24 or 32 random bytes (`openssl rand -base64 32`); give the same
     * value to `next build` and `next start`.
     */
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: optionalString.refine((value) => value === undefined || isAesKeyBase64(value), {
      error: 'must be base64 of 16, 24 or 32 bytes (generate one with `openssl rand -base64 32`)',
    }),
    /**
     * The key saved cards' Paystack authorization codes are sealed with (AES-256-GCM, lib/cards/card-vault.ts): base64
     * of 32 random bytes (`openssl rand -base64 32`). Required in production; a database dump without it yields no
     * usable code. Rotate by moving the old key to CARD_VAULT_PREVIOUS_KEYS and running `npm run cards:rotate-key`.
     */
    CARD_VAULT_KEY: optionalString.refine((value) => value === undefined || isAesKeyBase64(value, [32]), {
      error: 'must be base64 of 32 bytes (generate one with `openssl rand -base64 32`)',
    }),
    /** Earlier CARD_VAULT_KEYs, comma-separated, still readable until `npm run cards:rotate-key` has resealed every card. */
    CARD_VAULT_PREVIOUS_KEYS: optionalString
      .transform((value) => (value === undefined ? [] : splitList(value)))
      .refine((keys) => keys.every((key) => isAesKeyBase64(key, [32])), { error: 'must be comma-separated base64 keys of 32 bytes each' }),
    /**
     * One id per deployment (a build), the same for `next build` and every `next start` of it: Next appends it to asset
     * URLs (`?dpl=`) and compares it on client navigations, so a browser holding pages of another build reloads instead
     * of calling code that is not there. Letters, digits, `-` and `_` (Next's own rule), e.g. the git commit.
     */
    NEXT_DEPLOYMENT_ID: optionalString.refine((value) => value === undefined || /^[A-Za-z0-9_-]{1,64}$/.test(value), {
      error: 'must be 1 to 64 letters, digits, - or _ (e.g. the git commit the build came from)',
    }),
    INNGEST_EVENT_KEY: optionalString,
    INNGEST_SIGNING_KEY: optionalString,
    INNGEST_DEV: optionalString,
    /**
     * Who runs background jobs: `inngest` (Inngest Cloud or a self-hosted Inngest; the default when INNGEST_EVENT_KEY
     * or INNGEST_DEV is set) or `in-process` (this server runs them itself; the default otherwise).
     */
    JOBS_DRIVER: z.enum(['inngest', 'in-process']).optional(),
    /** How long after an order expired unpaid its one recovery email goes out (default 1 hour). */
    RECOVERY_EMAIL_DELAY_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(0).default(3_600),
    SMTP_HOST: z.string().min(1).default('127.0.0.1'),
    SMTP_PORT: z.coerce.number({ error: 'must be a port number' }).int().min(1).max(65535).default(587),
    SMTP_USER: optionalString,
    SMTP_PASSWORD: optionalString,
    SMTP_SECURE: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
    MAIL_FROM: z.string().min(3).default('Paystack Commerce <shop@example.com>'),
    /** How much the server logs (JSON lines on stdout, lib/log.ts): `info` unless set. */
    LOG_LEVEL: logLevelSchema,
    /** Build output folder; the test stack builds into its own so `npm test` never disturbs a running `npm start`. */
    NEXT_DIST_DIR: z
      .string()
      .regex(/^\.next[\w-]*$/, 'must be a folder name starting with .next')
      .default('.next'),
    /**
     * Where product images uploaded in the admin console go: `local` (files under IMAGE_UPLOAD_DIR, default
     * public/uploads; one server with a persistent disk) or `s3` (an S3-compatible bucket: AWS S3, Cloudflare R2, …).
     */
    IMAGE_STORAGE: z.enum(['local', 's3'], { error: 'IMAGE_STORAGE must be local or s3' }).default('local'),
    IMAGE_UPLOAD_DIR: optionalString,
    /** Base URL images are served from: `/uploads` for local storage unless set; the bucket's public URL or CDN for s3. */
    IMAGE_PUBLIC_URL: optionalString.refine((value) => value === undefined || /^(https:\/\/|\/)/.test(value), {
      error: 'must be an https:// URL or a path starting with /',
    }),
    S3_ENDPOINT: optionalString.refine((value) => value === undefined || /^https?:\/\//.test(value), {
      error: 'must be a URL (e.g. https://s3.eu-west-1.amazonaws.com)',
    }),
    S3_REGION: z.string().trim().min(1).default('us-east-1'),
    S3_BUCKET: optionalString,
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    S3_KEY_PREFIX: z.string().trim().default('products/'),
    /** Only these Paystack webhook source IPs are accepted when set (comma-separated). Off by default. */
    PAYSTACK_WEBHOOK_IP_ALLOWLIST: optionalString.refine((value) => value === undefined || splitList(value).length > 0, {
      // A list of nothing but commas must not quietly switch the check off.
      error: 'must name at least one IP address (comma-separated), or be left unset',
    }),
  })
  // Secret keys travel in the Authorization header: plain http is only acceptable on this machine's loopback.
  .refine((env) => env.NODE_ENV !== 'production' || isHttpsOrLoopback(env.PAYSTACK_BASE_URL), {
    path: ['PAYSTACK_BASE_URL'],
    error: 'must use https:// in production (plain http only to 127.0.0.1 or localhost)',
  })
  // The expected webhook `domain` follows the key, so a test key in production would mark real orders paid with test
  // cards, and a live key on a laptop would move real money from a development machine. Both need a deliberate flag.
  .refine((env) => env.NODE_ENV !== 'production' || !env.PAYSTACK_SECRET_KEY.startsWith('sk_test_') || env.PAYSTACK_ALLOW_TEST_KEY, {
    path: ['PAYSTACK_SECRET_KEY'],
    error:
      'is a test key (sk_test_…) but NODE_ENV is production: test cards would pay real orders. Use your sk_live_ key, or set PAYSTACK_ALLOW_TEST_KEY=1 on a staging site that must take test payments',
  })
  .refine((env) => env.NODE_ENV === 'production' || !env.PAYSTACK_SECRET_KEY.startsWith('sk_live_') || env.PAYSTACK_ALLOW_LIVE_KEY_OUTSIDE_PRODUCTION, {
    path: ['PAYSTACK_SECRET_KEY'],
    error:
      'is a live key (sk_live_…) but NODE_ENV is not production: real money would move. Use an sk_test_ key, or set PAYSTACK_ALLOW_LIVE_KEY_OUTSIDE_PRODUCTION=1 if you mean it',
  })
  .refine(
    (env) =>
      env.IMAGE_STORAGE !== 's3' || Boolean(env.S3_ENDPOINT && env.S3_BUCKET && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY && env.IMAGE_PUBLIC_URL),
    {
      path: ['IMAGE_STORAGE'],
      error: 'is s3, which needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and IMAGE_PUBLIC_URL (the public URL images are served from)',
    },
  )
  .refine((env) => !env.PAYSTACK_PUBLIC_KEY || env.PAYSTACK_PUBLIC_KEY.slice(0, 8) === `pk_${env.PAYSTACK_SECRET_KEY.slice(3, 8)}`, {
    path: ['PAYSTACK_PUBLIC_KEY'],
    error: 'must be from the same mode (test or live) as PAYSTACK_SECRET_KEY',
  })
  .refine((env) => env.NODE_ENV !== 'production' || Boolean(env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY), {
    path: ['NEXT_SERVER_ACTIONS_ENCRYPTION_KEY'],
    error:
      'required in production: every app process must encrypt server actions with the same key (generate one with `openssl rand -base64 32` and give it to next build and next start)',
  })
  .refine((env) => env.NODE_ENV !== 'production' || Boolean(env.CARD_VAULT_KEY), {
    path: ['CARD_VAULT_KEY'],
    error: 'required in production: saved cards are sealed with it (generate one with `openssl rand -base64 32` and keep it apart from the database backups)',
  })
  // In dev mode the Inngest SDK runs a function for any caller, unsigned, with the caller's event data: on a public
  // server that is anyone running any job (an automatic refund included). A self-hosted Inngest signs its calls too.
  .refine((env) => env.NODE_ENV !== 'production' || !env.INNGEST_DEV, {
    path: ['INNGEST_DEV'],
    error:
      'must not be set when NODE_ENV is production: in dev mode /api/inngest runs jobs for unsigned calls. For Inngest Cloud or a self-hosted Inngest set INNGEST_SIGNING_KEY and INNGEST_EVENT_KEY (and INNGEST_BASE_URL for a self-hosted one) instead',
  })
  .refine((env) => env.NODE_ENV !== 'production' || driverOf(env) !== 'inngest' || Boolean(env.INNGEST_SIGNING_KEY), {
    path: ['INNGEST_SIGNING_KEY'],
    error: 'required in production when Inngest runs the jobs (JOBS_DRIVER=inngest or INNGEST_EVENT_KEY set): /api/inngest accepts only calls signed with it',
  })
  // Without INNGEST_DEV the SDK sends events only with a key: the outbox relay would fail on every row.
  .refine((env) => env.NODE_ENV !== 'production' || driverOf(env) !== 'inngest' || Boolean(env.INNGEST_EVENT_KEY), {
    path: ['INNGEST_EVENT_KEY'],
    error: 'required in production when JOBS_DRIVER=inngest: the outbox relay sends each job to Inngest with it',
  });

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** Base64 (standard alphabet, padded) of an AES key: 16, 24 or 32 bytes, which is what Next accepts. */
function isAesKeyBase64(value: string, lengths: readonly number[] = [16, 24, 32]): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return false;
  return lengths.includes(atob(value).length);
}

function isHttpsOrLoopback(value: string): boolean {
  const url = new URL(value);
  return url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = 'EnvError';
}

/** Parses a variable map; throws EnvError whose message names every bad variable, one per line. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
  if (issues.length === 1) throw new EnvError(`Invalid environment variable ${issues[0]}`);
  throw new EnvError(`Invalid environment variables:\n${issues.map((line) => `  ${line}`).join('\n')}`);
}

let cached: Env | undefined;

/** The validated environment of this process, parsed once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export type JobsDriver = 'inngest' | 'in-process';

export function jobsDriver(source: Pick<Env, 'JOBS_DRIVER' | 'INNGEST_EVENT_KEY' | 'INNGEST_DEV'> = env()): JobsDriver {
  return driverOf(source);
}

// Typed without Env, so the schema's own checks can use it.
function driverOf(source: { JOBS_DRIVER?: JobsDriver | undefined; INNGEST_EVENT_KEY?: string | undefined; INNGEST_DEV?: string | undefined }): JobsDriver {
  return source.JOBS_DRIVER ?? (source.INNGEST_EVENT_KEY || source.INNGEST_DEV ? 'inngest' : 'in-process');
}

export type PaystackMode = 'test' | 'live';

/**
 * The Paystack mode the secret key belongs to, which Paystack reports as a charge's `domain`: a live charge must never
 * pay a test order, or the reverse. The key's format is validated above, so its prefix decides.
 */
export function paystackMode(source: Pick<Env, 'PAYSTACK_SECRET_KEY'> = env()): PaystackMode {
  return source.PAYSTACK_SECRET_KEY.startsWith('sk_live_') ? 'live' : 'test';
}

/**
 * LOG_LEVEL alone, for the logger: it must work where the rest of the environment is not set (a script, a unit test)
 * and never throw while reporting a failure. A bad value falls back to `info` here; env() refuses it with its name.
 */
export function logLevel(source: Record<string, string | undefined> = process.env): LogLevel {
  const parsed = logLevelSchema.safeParse(source.LOG_LEVEL);
  return parsed.success ? parsed.data : 'info';
}

/** How many proxies append to X-Forwarded-For in front of this app (lib/server/doors/request-meta.ts reads the address). */
export function trustedProxyHops(source: Pick<Env, 'TRUSTED_PROXY_HOPS' | 'VERCEL'> = env()): number {
  return source.TRUSTED_PROXY_HOPS ?? (source.VERCEL === '1' ? 1 : 0);
}

/** The addresses Paystack webhooks may come from; empty when the check is off. */
export function webhookIpAllowlist(source: Pick<Env, 'PAYSTACK_WEBHOOK_IP_ALLOWLIST'> = env()): string[] {
  return source.PAYSTACK_WEBHOOK_IP_ALLOWLIST ? splitList(source.PAYSTACK_WEBHOOK_IP_ALLOWLIST) : [];
}
