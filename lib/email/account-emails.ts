// Emails an account link. The job's payload names the token's row; the link's token is recomputed here from that id and
// the site's secret (it is never stored), and one email goes out per token. A link already spent or expired by the
// time the job runs is not sent.
import { eq } from 'drizzle-orm';
import { createElement, type ReactElement } from 'react';
import { users } from '../../db/schema';
import { formatDateTime } from '../core/format-date';
import { AUTH_TOKEN_TTL_MS, authTokenForEmail, authTokenFor } from '../auth/auth-tokens';
import { currentShopDetails } from '../settings/current-shop';
import { absoluteUrl } from './links';
import type { OrderEmailDeps } from './order-emails';
import { type EmailKind, type SendEmailOutcome, sendEmailOnce } from './send-email';
import { AlreadyRegisteredEmail, PasswordChangedEmail, PasswordResetEmail, VerifyEmailEmail } from './templates/account-link';
import { renderEmail } from './templates/render';

export type AccountEmailOutcome = SendEmailOutcome | { status: 'skipped'; reason: 'token_not_found' | 'token_spent_or_expired' | 'wrong_purpose' };

/** Deps of the order emails: `orderAccessSecret` is the site's signing secret (NEXTAUTH_SECRET), which derives the links. */
type Deps = OrderEmailDeps & { now?: () => Date };

type Loaded = { email: string; name: string; token: string };

async function send(
  deps: Deps,
  tokenId: string,
  expected: 'verify_email' | 'reset_password',
  kind: EmailKind,
  compose: (account: Loaded) => { subject: string; element: ReactElement },
): Promise<AccountEmailOutcome> {
  const row = await authTokenForEmail(deps.db, tokenId, deps.now?.() ?? new Date());
  if (!row) return { status: 'skipped', reason: 'token_not_found' };
  if (row.purpose !== expected) return { status: 'skipped', reason: 'wrong_purpose' };
  if (!row.usable) return { status: 'skipped', reason: 'token_spent_or_expired' };
  const { subject, element } = compose({ email: row.email, name: row.name, token: authTokenFor(deps.orderAccessSecret, tokenId) });
  const { html, text } = await renderEmail(element);
  return sendEmailOnce(deps, { kind, dedupeKey: `${kind}:${tokenId}`, to: row.email, subject, html, text });
}

const linkTo = (deps: Deps, path: string, token: string) => absoluteUrl(deps.siteUrl, `${path}?${new URLSearchParams({ token })}`);
const shopOf = async (deps: Deps) => deps.shop ?? (await currentShopDetails(deps.db));

export async function sendVerifyEmail(deps: Deps, tokenId: string): Promise<AccountEmailOutcome> {
  const shop = await shopOf(deps);
  return send(deps, tokenId, 'verify_email', 'verify_email', ({ email, token }) => ({
    subject: `Confirm your email address for ${shop.name}`,
    element: createElement(VerifyEmailEmail, {
      shopName: shop.name,
      siteUrl: deps.siteUrl,
      email,
      verifyUrl: linkTo(deps, '/verify-email', token),
      validHours: AUTH_TOKEN_TTL_MS.verify_email / 3_600_000,
    }),
  }));
}

export async function sendPasswordResetEmail(deps: Deps, tokenId: string): Promise<AccountEmailOutcome> {
  const shop = await shopOf(deps);
  return send(deps, tokenId, 'reset_password', 'password_reset', ({ email, token }) => ({
    subject: `Reset your ${shop.name} password`,
    element: createElement(PasswordResetEmail, {
      shopName: shop.name,
      siteUrl: deps.siteUrl,
      email,
      resetUrl: linkTo(deps, '/reset-password', token),
      validMinutes: AUTH_TOKEN_TTL_MS.reset_password / 60_000,
    }),
  }));
}

export async function sendAlreadyRegisteredEmail(deps: Deps, tokenId: string): Promise<AccountEmailOutcome> {
  const shop = await shopOf(deps);
  return send(deps, tokenId, 'reset_password', 'already_registered', ({ email, token }) => ({
    subject: `You already have a ${shop.name} account`,
    element: createElement(AlreadyRegisteredEmail, {
      shopName: shop.name,
      siteUrl: deps.siteUrl,
      email,
      signInUrl: absoluteUrl(deps.siteUrl, '/sign-in'),
      resetUrl: linkTo(deps, '/reset-password', token),
      validMinutes: AUTH_TOKEN_TTL_MS.reset_password / 60_000,
    }),
  }));
}

/**
 * "Your password was changed": to the account's address, once per change (keyed by the change's id). It names the
 * time and says every other device was signed out, and offers the reset link's page if it was not the owner.
 */
export async function sendPasswordChangedEmail(
  deps: Deps,
  payload: { userId: string; changeId: string; changedAt: string },
): Promise<SendEmailOutcome | { status: 'skipped'; reason: 'account_not_found' }> {
  const [account] = await deps.db.select({ email: users.email }).from(users).where(eq(users.id, payload.userId));
  if (!account) return { status: 'skipped', reason: 'account_not_found' };
  const shop = await shopOf(deps);
  const { html, text } = await renderEmail(
    createElement(PasswordChangedEmail, {
      shopName: shop.name,
      siteUrl: deps.siteUrl,
      email: account.email,
      changedAt: formatDateTime(new Date(payload.changedAt)),
      resetUrl: absoluteUrl(deps.siteUrl, '/reset-password'),
    }),
  );
  return sendEmailOnce(deps, {
    kind: 'password_changed',
    dedupeKey: `password_changed:${payload.changeId}`,
    to: account.email,
    subject: `Your ${shop.name} password was changed`,
    html,
    text,
  });
}
