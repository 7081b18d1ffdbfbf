// The environment the app gets from a local stack profile: the same variables production sets by hand.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { StackProfile } from './profiles';

export function appUrl(profile: StackProfile) {
  return `http://127.0.0.1:${profile.ports.app}`;
}

/** Variables for the app and tests. Deterministic for a profile, so tests can compute them without the starter. */
/** The variables every stack sets, by name, plus whatever else a profile adds. */
export interface StackEnv {
  DATABASE_URL: string;
  UPSTASH_REDIS_REST_URL: string;
  UPSTASH_REDIS_REST_TOKEN: string;
  [name: string]: string;
}

export function stackEnv(profile: StackProfile): StackEnv {
  return {
    DATABASE_URL: `postgres://postgres:postgres@127.0.0.1:${profile.ports.postgres}/${profile.database}`,
    UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${profile.ports.bridge}`,
    UPSTASH_REDIS_REST_TOKEN: profile.redisToken,
    PAYSTACK_SECRET_KEY: profile.paystackSecretKey,
    PAYSTACK_PUBLIC_KEY: profile.paystackPublicKey,
    PAYSTACK_BASE_URL: `http://127.0.0.1:${profile.ports.paystack}`,
    // The simulator serves its hosted checkout page from the same origin as its API.
    PAYSTACK_CHECKOUT_ORIGINS: `http://127.0.0.1:${profile.ports.paystack}`,
    // The local stack serves a production build (`next start`) against the simulator with a test key: say so, since
    // lib/core/env.ts refuses an sk_test_ key in production otherwise.
    PAYSTACK_ALLOW_TEST_KEY: '1',
    NEXTAUTH_URL: appUrl(profile),
    NEXTAUTH_SECRET: nextAuthSecret(profile),
    // Every app process of this stack (and the build they serve) shares it, or an action rendered by one process
    // could not be called on another.
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: serverActionsKey(profile),
    // Seals saved cards' Paystack authorizations; production must bring its own (lib/core/env.ts).
    CARD_VAULT_KEY: cardVaultKey(profile),
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(profile.ports.smtp),
    MAIL_FROM: 'Paystack Commerce <shop@example.test>',
    NEXT_DIST_DIR: profile.name === 'test' ? `.next-${path.basename(profile.dataDir)}` : '.next',
    // Images uploaded in the admin console: the test stack keeps its own in its data folder, never in public/.
    ...(profile.name === 'test' ? { IMAGE_UPLOAD_DIR: path.join(profile.dataDir, 'uploads') } : {}),
    // The test layers print what fails, not a JSON line per request (tests that read logs capture their own logger).
    ...(profile.name === 'test' ? { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' } : {}),
    NEXT_TELEMETRY_DISABLED: '1',
  };
}

/** Base64 of 32 bytes, the AES key length Next generates itself; kept under .data like the NextAuth secret. */
function serverActionsKey(profile: StackProfile): string {
  if (profile.name === 'test') return Buffer.from('test-profile-server-actions-key!').toString('base64');
  return keptSecret(profile, 'server-actions-key', () => randomBytes(32).toString('base64'));
}

/** Base64 of 32 bytes: the AES-256-GCM key saved cards are sealed with; kept under .data like the other secrets. */
function cardVaultKey(profile: StackProfile): string {
  if (profile.name === 'test') return Buffer.from('test-profile-card-vault-key-32b!').toString('base64');
  return keptSecret(profile, 'card-vault-key', () => randomBytes(32).toString('base64'));
}

/** next start refuses to run without a secret; the dev profile keeps one under .data so sessions survive restarts. */
function nextAuthSecret(profile: StackProfile): string {
  if (profile.name === 'test') return 'test-profile-nextauth-secret-0123456789abcdef';
  return keptSecret(profile, 'nextauth-secret', () => randomBytes(32).toString('base64url'));
}

/** A secret generated once and kept in the profile's data folder (readable by its owner only). */
function keptSecret(profile: StackProfile, name: string, generate: () => string): string {
  const file = path.join(profile.dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(profile.dataDir, { recursive: true });
  const secret = generate();
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
