// The only reader of process.env. Validated with zod so a bad or missing variable fails with a message
// naming it (at build time too: next.config.ts imports this module).
import { z } from 'zod';

const url = (example: string) => z.url({ error: (issue) => (issue.input === undefined ? `required (e.g. ${example})` : `must be a URL (e.g. ${example})`) });

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: url('postgres://user:password@host:5432/shop').refine((value) => /^postgres(ql)?:\/\//.test(value), {
      error: 'must start with postgres:// or postgresql://',
    }),
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
    NEXTAUTH_URL: url('https://shop.example.com'),
    NEXTAUTH_SECRET: z
      .string({ error: 'required (generate one with `openssl rand -base64 32`)' })
      .min(32, 'must be at least 32 characters (generate one with `openssl rand -base64 32`)'),
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
    /** Build output folder; the test stack builds into its own so `npm test` never disturbs a running `npm start`. */
    NEXT_DIST_DIR: z
      .string()
      .regex(/^\.next[\w-]*$/, 'must be a folder name starting with .next')
      .default('.next'),
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
  });

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
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

/** The addresses Paystack webhooks may come from; empty when the check is off. */
export function webhookIpAllowlist(source: Pick<Env, 'PAYSTACK_WEBHOOK_IP_ALLOWLIST'> = env()): string[] {
  return source.PAYSTACK_WEBHOOK_IP_ALLOWLIST ? splitList(source.PAYSTACK_WEBHOOK_IP_ALLOWLIST) : [];
}
