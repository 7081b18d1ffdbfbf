import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, updatedAt } from './_columns';

export const userRole = pgEnum('user_role', ['customer', 'admin']);
export type UserRole = (typeof userRole.enumValues)[number];

export const users = pgTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** The shopper's phone (a Nigerian number, stored without spaces), edited on the account page; optional. */
    phone: text('phone'),
    passwordHash: text('password_hash').notNull(),
    role: userRole('role').notNull().default('customer'),
    /** When the owner proved they read this address (a verify link, or a password reset). Null: may not sign in yet. */
    emailVerifiedAt: tstz('email_verified_at'),
    /**
     * Written into each session's JWT at sign-in; a session whose number is below this one is signed out. Bumped by a
     * password reset (and an operator's `admin:create --reset`), which ends every session the account had.
     */
    sessionVersion: integer('session_version').notNull().default(0),
    /** When the account's email last changed: its saved cards cannot be charged for 24 hours after (lib/cards). */
    emailChangedAt: tstz('email_changed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Emails are compared case-insensitively; the app stores them lower-cased and the index enforces it.
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    check('users_email_lowercase', sql`${t.email} = lower(${t.email})`),
    check('users_session_version_non_negative', sql`${t.sessionVersion} >= 0`),
  ],
);

/**
 * `sign_in`: a one-time ticket that signs the browser in right after it confirmed its address (never emailed; see
 * lib/auth/verify-email.ts).
 */
export const authTokenPurpose = pgEnum('auth_token_purpose', ['verify_email', 'reset_password', 'sign_in']);

/**
 * Single-use, expiring tokens behind emailed links (verify an address, reset a password). Only a SHA-256 of the token
 * is kept — the CHECK refuses anything that is not 64 hex digits, so a raw token can never be stored by mistake — and
 * a link is spent by `UPDATE … SET used_at = now() WHERE used_at IS NULL AND expires_at > now()`.
 */
export const authTokens = pgTable(
  'auth_tokens',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: authTokenPurpose('purpose').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
    /**
     * SHA-256 of the random value the registering browser keeps in an httpOnly cookie: the verify link opened in that
     * same browser confirms and signs in without the password. Null for links issued without a browser (a resend).
     */
    browserHash: text('browser_hash'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('auth_tokens_token_hash_unique').on(t.tokenHash),
    index('auth_tokens_user_purpose_idx').on(t.userId, t.purpose),
    check('auth_tokens_token_hash_is_sha256_hex', sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
    check('auth_tokens_browser_hash_is_sha256_hex', sql`${t.browserHash} IS NULL OR ${t.browserHash} ~ '^[0-9a-f]{64}$'`),
    check('auth_tokens_expires_after_created', sql`${t.expiresAt} > ${t.createdAt}`),
  ],
);

export type AuthTokenPurpose = (typeof authTokenPurpose.enumValues)[number];
