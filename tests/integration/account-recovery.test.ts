// Verify-email and reset-password links against the real PostgreSQL, Redis and mail catcher: each link works once and
// expires, only its SHA-256 is ever stored, "forgot your password" answers the same for any address, and a reset ends
// the old password and every session signed in before it — a JWT minted earlier is refused by the doors afterwards.
// Who is asking is stood in through the doors' seam (no live Next request in a test); the session is a real next-auth
// JWT, encoded and decoded as the cookie would carry it.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAction } from '@/app/(auth)/register/actions';
import { requestPasswordResetAction, resetPasswordAction } from '@/app/(auth)/reset-password/actions';
import { verifyEmailAction } from '@/app/(auth)/verify-email/actions';
import { GET as cartRoute } from '@/app/api/cart/route';
import { authTokens, users } from '@/db/schema';
import { AUTH_TOKEN_TTL_MS, findUsableAuthToken, hashAuthToken, SAME_BROWSER_WINDOW_MS } from '@/lib/auth/auth-tokens';
import { VERIFY_BROWSER_COOKIE } from '@/lib/auth/browser-cookies';
import { signInWithTicket } from '@/lib/auth/sign-in-ticket';
import { solveChallenge } from '@/lib/auth/challenge-proof';
import { requestPasswordReset, resetPassword } from '@/lib/auth/reset-password';
import { createSignInChallenges } from '@/lib/auth/sign-in-challenge';
import { createSignInDelay } from '@/lib/auth/sign-in-delay';
import { challengeFromCode } from '@/lib/auth/sign-in-errors';
import { verifyEmail, verifyLinkState } from '@/lib/auth/verify-email';
import { addToCart } from '@/lib/cart/add-to-cart';
import type { CartView } from '@/lib/cart/types';
import { smtpConfigFromEnv, smtpMailer } from '@/lib/email/mailer';
import { env } from '@/lib/core/env';
import type { JobDeps } from '@/lib/jobs/definitions';
import { inProcessDriver } from '@/lib/jobs/drivers';
import { relayOutbox } from '@/lib/jobs/relay';
import { getCurrentUser, requireAudience } from '@/lib/server/doors/auth';
import { authorizeCredentials } from '@/lib/server/doors/auth-options';
import { type DoorDeps, withDoorDeps } from '@/lib/server/deps/door-deps';
import { createRateLimiter } from '@/lib/server/doors/rate-limit';
import { accountLinkJobs, linkToken, testSiteSecret, verifiedCustomer } from '../support/accounts';
import { cartTestClients, createFixtureCatalogue } from '../support/cart-fixtures';
import { testPaystack } from '../support/checkout-fixtures';
import { inboxFor, mailTo } from '../support/inbox';
import { memoryCookieJar } from '../support/doors';
import { sessionFrom, signInCookie } from '../support/session-cookies';

const { db, sql, redis } = cartTestClients();
const mailer = smtpMailer(smtpConfigFromEnv(env()));
const secret = testSiteSecret();
const site = env().NEXTAUTH_URL;
const created: string[] = [];
let catalogue: Awaited<ReturnType<typeof createFixtureCatalogue>>;

beforeAll(async () => {
  catalogue = await createFixtureCatalogue(db, 'recovery-session', [{ stock: 20 }]);
});
afterAll(async () => {
  mailer.close();
  await db.delete(users).where(inArray(users.email, created));
  await catalogue.cleanup();
  await sql.end();
  await (globalThis as { __shopDb?: { sql: { end: () => Promise<void> } } }).__shopDb?.sql.end();
});

const uniqueEmail = (label: string) => {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.test`;
  created.push(email);
  return email;
};

const jobDeps: JobDeps = {
  db,
  mailer,
  siteUrl: site,
  orderAccessSecret: secret,
  paystack: testPaystack(),
  expectedDomain: 'test',
  recoveryDelayMs: 0,
  log: () => {},
};

/** Runs this address's pending account-link jobs now, as the relay would a moment after the response. */
async function deliverAccountEmails(email: string) {
  const pending = (await accountLinkJobs(db, email)).filter((job) => job.status === 'pending');
  if (pending.length > 0) await relayOutbox({ db, driver: inProcessDriver(jobDeps) }, { ids: pending.map((job) => job.id) });
}

// A visitor with an address and a limiter of their own; `session` is whatever cookie the test says the browser sends.
const limiter = createRateLimiter({ redis, prefix: `test-ratelimit:${randomBytes(6).toString('hex')}` });
// Each call is a fresh browser (its own empty cookie jar) unless the test passes the jar of an earlier one.
function visitor(session: DoorDeps['session'] = async () => null, browser = memoryCookieJar()): Partial<DoorDeps> {
  return {
    session,
    requestHeaders: async () => new Headers({ 'x-forwarded-for': `visitor-${randomUUID()}` }),
    limiter: () => limiter,
    ...browser.deps,
  };
}
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};
const asVisitor = <T>(fn: () => Promise<T>, session?: DoorDeps['session'], browser?: ReturnType<typeof memoryCookieJar>) =>
  withDoorDeps(visitor(session, browser), fn);

const cartLines = async (session: DoorDeps['session']) => {
  const response = await asVisitor(() => cartRoute(new Request(new URL('/api/cart', site))), session);
  expect(response.status).toBe(200);
  return ((await response.json()) as CartView).lines.length;
};

async function registerAndReadVerifyLink(label: string, browser = memoryCookieJar()) {
  const email = uniqueEmail(label);
  const answer = await asVisitor(
    () => registerAction({ data: { status: 'idle' } }, form({ email, name: 'Vera Verify', password: 'Lagos-Market-42' })),
    undefined,
    browser,
  );
  expect(answer.data).toEqual({ status: 'check_email', email });
  await deliverAccountEmails(email);
  const [mail] = await mailTo(email, 1, (message) => message.subject.includes('Confirm your email address'));
  return { email, token: linkToken(mail!, '/verify-email') };
}

const TICKET = /^[A-Za-z0-9_-]{43}$/;
const verifyWith = (token: string, password = 'Lagos-Market-42') => asVisitor(() => verifyEmailAction({ data: { status: 'idle' } }, form({ token, password })));

describe('verify-email links', () => {
  it('work once: the account signs in only after its link was used, and the link is refused the second time', async () => {
    const { email, token } = await registerAndReadVerifyLink('verify-once');
    const signIn = () => authorizeCredentials({ email, password: 'Lagos-Market-42' }, { 'x-forwarded-for': `verify-${randomUUID()}` });
    expect(await signIn()).toBeNull();

    expect((await verifyWith(token)).data).toEqual({ status: 'verified', email, signInTicket: expect.stringMatching(TICKET) });
    expect((await verifyWith(token)).data).toEqual({ status: 'refused', message: 'This link has expired or was already used.' });
    const [row] = await db.select({ verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.email, email));
    expect(row?.verifiedAt).toBeInstanceOf(Date);
    expect(await signIn()).toMatchObject({ email, role: 'customer' });
  });

  it('expire after 24 hours', async () => {
    const { email, token } = await registerAndReadVerifyLink('verify-expiry');
    const later = (ms: number) => () => new Date(Date.now() + ms);
    expect(await findUsableAuthToken(db, 'verify_email', token, later(AUTH_TOKEN_TTL_MS.verify_email - 60_000)())).toMatchObject({ email });
    expect(await findUsableAuthToken(db, 'verify_email', token, later(AUTH_TOKEN_TTL_MS.verify_email + 60_000)())).toBeNull();
    expect(await verifyEmail({ db, secret, now: later(AUTH_TOKEN_TTL_MS.verify_email + 60_000) }, { token, password: 'Lagos-Market-42' })).toEqual({
      ok: false,
      error: { code: 'invalid_or_expired_link' },
    });
    // Refused for its age alone: the same link, still in time, works.
    expect(await verifyEmail({ db, secret }, { token, password: 'Lagos-Market-42' })).toMatchObject({ ok: true, value: { email } });
  });

  it('need the password the account was registered with: an address registered by a stranger cannot be confirmed by its owner', async () => {
    // A stranger registers the address with a password of their own; the owner gets the confirm email.
    const { email, token } = await registerAndReadVerifyLink('verify-squat');
    const owners = 'Owner-Own-Pass-9';
    const refused = await verifyWith(token, owners);
    expect(refused.data).toMatchObject({ status: 'refused', message: expect.stringContaining('Forgot your password') });
    const [row] = await db.select({ verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.email, email));
    expect(row?.verifiedAt).toBeNull();
    // Nothing was spent by the wrong password: the link still works for whoever knows the registered one.
    expect(await findUsableAuthToken(db, 'verify_email', token, new Date())).toMatchObject({ email });
    expect((await verifyWith(token)).data).toEqual({ status: 'verified', email, signInTicket: expect.stringMatching(TICKET) });
  });

  it('confirm with one click in the registering browser, and that browser is signed in by a one-time ticket', async () => {
    const browser = memoryCookieJar();
    const { email, token } = await registerAndReadVerifyLink('verify-same-browser', browser);
    expect(browser.values.get(VERIFY_BROWSER_COOKIE)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // No password typed: the registering browser's cookie is the proof.
    const confirmed = await asVisitor(() => verifyEmailAction({ data: { status: 'idle' } }, form({ token })), undefined, browser);
    expect(confirmed.data).toEqual({ status: 'verified', email, signInTicket: expect.stringMatching(TICKET) });
    const ticket = confirmed.data?.status === 'verified' ? confirmed.data.signInTicket : '';
    // Only its hash is kept, like every account token.
    expect(await db.select().from(authTokens).where(eq(authTokens.tokenHash, ticket))).toEqual([]);
    expect(
      await db
        .select()
        .from(authTokens)
        .where(eq(authTokens.tokenHash, hashAuthToken(ticket))),
    ).toHaveLength(1);

    const headers = { 'x-forwarded-for': `ticket-${randomUUID()}` };
    expect(await authorizeCredentials({ ticket }, headers)).toMatchObject({ email, role: 'customer' });
    // Single use: the same ticket signs nobody in a second time.
    expect(await authorizeCredentials({ ticket }, headers)).toBeNull();
    // A made-up ticket is nobody.
    expect(await authorizeCredentials({ ticket: 'A'.repeat(43) }, headers)).toBeNull();
    expect(await authorizeCredentials({ ticket: 'not-a-ticket' }, headers)).toBeNull();
  });

  it('ask for the password in another browser, after the hour, or with another registration’s cookie', async () => {
    const stranger = memoryCookieJar();
    await registerAndReadVerifyLink('verify-other-account', stranger);
    const { email, token } = await registerAndReadVerifyLink('verify-other-browser');
    // A browser holding the cookie of a different registration is just another browser.
    const withOtherCookie = await asVisitor(() => verifyEmailAction({ data: { status: 'idle' } }, form({ token })), undefined, stranger);
    expect(withOtherCookie.data).toMatchObject({ status: 'refused', needsPassword: true });

    const browser = memoryCookieJar();
    const late = await registerAndReadVerifyLink('verify-late', browser);
    const [link] = await db
      .select()
      .from(authTokens)
      .where(eq(authTokens.tokenHash, hashAuthToken(late.token)));
    const inTime = await verifyLinkState({ db }, { token: late.token, browserSecret: browser.values.get(VERIFY_BROWSER_COOKIE) });
    expect(inTime).toEqual({ email: late.email, sameBrowser: true });
    const afterTheHour = () => new Date(link!.createdAt.getTime() + SAME_BROWSER_WINDOW_MS + 1_000);
    expect(await verifyEmail({ db, secret, now: afterTheHour }, { token: late.token, browserSecret: browser.values.get(VERIFY_BROWSER_COOKIE) })).toEqual({
      ok: false,
      error: { code: 'password_required' },
    });
    // With the password the other browser confirms too, and gets its own ticket.
    const confirmed = await verifyEmail({ db, secret }, { token, password: 'Lagos-Market-42' });
    expect(confirmed).toMatchObject({ ok: true, value: { email } });
  });

  it('sign-in tickets last two minutes', async () => {
    const { email, token } = await registerAndReadVerifyLink('ticket-expiry');
    const confirmed = await verifyEmail({ db, secret }, { token, password: 'Lagos-Market-42' });
    if (!confirmed.ok) throw new Error('not confirmed');
    const merges: string[] = [];
    const deps = { db, mergeGuestCart: async (userId: string) => void merges.push(userId) };
    expect(await signInWithTicket({ ...deps, now: () => Date.now() + AUTH_TOKEN_TTL_MS.sign_in + 1_000 }, confirmed.value.signInTicket)).toBeNull();
    expect(await signInWithTicket(deps, confirmed.value.signInTicket)).toMatchObject({ email });
    expect(merges).toEqual([confirmed.value.userId]);
  });

  it('refuse anything that is not a live token without touching the database’s rows', async () => {
    for (const token of ['', 'short', 'x'.repeat(43), `${'A'.repeat(42)}!`, randomBytes(32).toString('base64url')]) {
      expect((await verifyWith(token)).data).toMatchObject({ status: 'refused' });
    }
  });
});

describe('tokens at rest', () => {
  it('are kept only as their SHA-256: no table holds the raw token of a verify or a reset link', async () => {
    const { email, token: verifyToken } = await registerAndReadVerifyLink('hashed');
    expect((await asVisitor(() => requestPasswordResetAction({ data: { status: 'idle' } }, form({ email })))).data).toMatchObject({ status: 'sent' });
    await deliverAccountEmails(email);
    const [resetMail] = await mailTo(email, 1, (message) => message.subject.includes('Reset your'));
    const resetToken = linkToken(resetMail!, '/reset-password');

    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    const rows = await db.select().from(authTokens).where(eq(authTokens.userId, user!.id));
    expect(rows.map((row) => row.tokenHash).sort()).toEqual([verifyToken, resetToken].map((token) => createHash('sha256').update(token).digest('hex')).sort());
    expect(hashAuthToken(verifyToken)).toMatch(/^[0-9a-f]{64}$/);

    // Every table, every column, as text: the raw tokens appear nowhere (outbox payloads name only the row's id).
    const tables = await sql<
      { name: string }[]
    >`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
    expect(tables.length).toBeGreaterThan(10);
    for (const { name } of tables) {
      for (const token of [verifyToken, resetToken]) {
        const [found] = await sql.unsafe(`SELECT count(*)::int AS n FROM "${name}" AS t WHERE strpos(t::text, $1) > 0`, [token]);
        expect(found?.n, `${name} holds a raw token`).toBe(0);
      }
    }
    // And the schema refuses one if code ever tried.
    await expect(
      db.insert(authTokens).values({ userId: user!.id, purpose: 'verify_email', tokenHash: verifyToken, expiresAt: new Date(Date.now() + 60_000) }),
    ).rejects.toThrow();
  });
});

describe('reset-password', () => {
  it('answers the same for an address with an account and one without; only the owner gets a link', async () => {
    const owner = await verifiedCustomer(db, { email: uniqueEmail('reset-owner'), name: 'Remi Reset', password: 'Owner-Pass-2026' });
    const stranger = uniqueEmail('reset-stranger');
    const forOwner = await asVisitor(() => requestPasswordResetAction({ data: { status: 'idle' } }, form({ email: owner.email })));
    const forStranger = await asVisitor(() => requestPasswordResetAction({ data: { status: 'idle' } }, form({ email: stranger })));
    expect(forOwner).toEqual({ data: { status: 'sent', email: owner.email } });
    expect(forStranger).toEqual({ data: { status: 'sent', email: stranger } });

    await deliverAccountEmails(owner.email);
    const [mail] = await mailTo(owner.email, 1);
    expect(mail!.subject).toMatch(/Reset your .* password/);
    expect(linkToken(mail!, '/reset-password')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await inboxFor(stranger)).toEqual([]);
  });

  it('sets a new password once: the old password stops working, and a session signed in before the reset is refused by the doors', async () => {
    const owner = await verifiedCustomer(db, { email: uniqueEmail('reset'), name: 'Remi Reset', password: 'Owner-Pass-2026' });
    const variantId = catalogue.variants[0]!.id;
    expect((await addToCart({ db, redis }, { kind: 'user', userId: owner.id }, { variantId, quantity: 1 })).ok).toBe(true);

    // A browser signed in before the reset: the doors know it, and its cart is the account's.
    const before = sessionFrom(await signInCookie(owner.email, 'Owner-Pass-2026'));
    expect(await withDoorDeps({ session: before }, () => requireAudience('user'))).toMatchObject({ id: owner.id });
    expect(await cartLines(before)).toBe(1);

    // Someone guessing from one address has built up a delay there: the app's own delay (its keys, which the reset
    // clears), on a clock that stands still, so a slow machine cannot let the first wait run out before the next try.
    const guesser = { 'x-forwarded-for': `guesser-${randomUUID()}` };
    const frozenAt = Date.now();
    const stillClock = { delay: createSignInDelay({ redis, now: () => frozenAt }) };
    for (let i = 0; i < 5; i += 1) expect(await authorizeCredentials({ email: owner.email, password: `guess-${i}-Pass` }, guesser, stillClock)).toBeNull();
    await expect(authorizeCredentials({ email: owner.email, password: 'Owner-Pass-2026' }, guesser, stillClock)).rejects.toThrow(/^TooManyAttempts:/);

    await asVisitor(() => requestPasswordResetAction({ data: { status: 'idle' } }, form({ email: owner.email })));
    await deliverAccountEmails(owner.email);
    const [mail] = await mailTo(owner.email, 1, (message) => message.subject.includes('Reset your'));
    const token = linkToken(mail!, '/reset-password');
    const reset = (password: string) => asVisitor(() => resetPasswordAction({ data: { status: 'idle' } }, form({ token, password })));

    // The password rules apply; a refused password does not spend the link.
    expect((await reset('short')).data).toMatchObject({ status: 'error', fieldErrors: { password: expect.arrayContaining(['Use at least 10 characters.']) } });
    expect((await reset('New-Password-2027')).data).toEqual({ status: 'done' });
    expect((await reset('Another-Password-2028')).data).toEqual({ status: 'link_unusable' });

    const signInHere = (password: string) => authorizeCredentials({ email: owner.email, password }, { 'x-forwarded-for': `owner-${randomUUID()}` });
    expect(await signInHere('Owner-Pass-2026')).toBeNull();
    expect(await signInHere('New-Password-2027')).toMatchObject({ id: owner.id, sessionVersion: 1 });

    // The session from before the reset is over: no user at any door, and the cart it sees is a guest's.
    expect(await withDoorDeps({ session: before }, () => getCurrentUser())).toBeNull();
    await expect(withDoorDeps({ session: before }, () => requireAudience('user'))).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(await cartLines(before)).toBe(0);
    // A session signed in with the new password is let in.
    const after = sessionFrom(await signInCookie(owner.email, 'New-Password-2027'));
    expect(await withDoorDeps({ session: after }, () => requireAudience('user'))).toMatchObject({ id: owner.id });
    expect(await cartLines(after)).toBe(1);
    // The reset also lifted the delay the guesser's address had built up.
    expect(await authorizeCredentials({ email: owner.email, password: 'New-Password-2027' }, guesser)).toMatchObject({ id: owner.id });
  });

  it('an account pushed past its ceiling of paid guesses is closed to sign-in until its owner resets the password by email; the price goes up first', async () => {
    const owner = await verifiedCustomer(db, { email: uniqueEmail('ceiling'), name: 'Cece Ceiling', password: 'Owner-Pass-2026' });
    // The account's windows with small numbers: 2 free failures, then 2 paid guesses at the base price, then 4 paid in all.
    const prefix = `test-ceiling:${randomBytes(6).toString('hex')}`;
    const windows = createRateLimiter({
      redis,
      prefix,
      policies: {
        signInByEmail: { tokens: 2, window: '1 d' },
        signInByEmailSurge: { tokens: 2, window: '1 d' },
        signInByEmailCeiling: { tokens: 4, window: '1 d' },
      },
    });
    // 8-bit challenges (12 past the surge): cheap to solve here, the same checks as the real 17 and 21.
    const challenges = createSignInChallenges({ redis, secret: testSiteSecret(), prefix: `${prefix}:challenge`, policy: { bits: 8, ttlMs: 5 * 60_000 } });
    // Every guess from an address of its own: only the account's windows stand in the way, never one address's delay.
    const attempt = (password: string, extra: Record<string, string> = {}) =>
      authorizeCredentials({ email: owner.email, password, ...extra }, { 'x-forwarded-for': `spread-${randomUUID()}` }, { limiter: windows, challenges });
    const refusalOf = (attempted: Promise<unknown>) =>
      attempted.then(
        (user) => `answered ${JSON.stringify(user)}`,
        (error: Error) => error.message,
      );
    const paid = async (password: string, code: string) => {
      const challenge = challengeFromCode(code);
      expect(challenge, code).not.toBeNull();
      return attempt(password, { challenge: challenge!, solution: (await solveChallenge(challenge!))! });
    };

    for (const guess of ['guess-1-Pass', 'guess-2-Pass']) expect(await attempt(guess)).toBeNull();
    // Unpaid attempts are answered with a challenge and count towards nothing, however many there are.
    for (let i = 0; i < 5; i += 1) expect(await refusalOf(attempt('Owner-Pass-2026'))).toMatch(/^ChallengeRequired:8\./);
    // Two paid guesses at the base price …
    for (const guess of ['guess-3-Pass', 'guess-4-Pass']) expect(await paid(guess, await refusalOf(attempt(guess)))).toBeNull();
    // … then the price goes up: a solved base challenge is answered with a harder one, which pays for a guess.
    const harder = await refusalOf(paid('guess-5-Pass', await refusalOf(attempt('guess-5-Pass'))));
    expect(harder).toMatch(/^ChallengeRequired:12\./);
    expect(await paid('guess-5-Pass', harder)).toBeNull();
    // Past the ceiling, even the owner's own paid attempt with the right password is refused: sign-in is closed.
    const owners = await refusalOf(attempt('Owner-Pass-2026'));
    expect(await refusalOf(paid('Owner-Pass-2026', owners))).toBe('AccountLocked');

    // The owner's way in: a reset by email, which opens the account's windows again.
    await asVisitor(() => requestPasswordResetAction({ data: { status: 'idle' } }, form({ email: owner.email })));
    await deliverAccountEmails(owner.email);
    const [mail] = await mailTo(owner.email, 1, (message) => message.subject.includes('Reset your'));
    const done = await withDoorDeps({ ...visitor(), limiter: () => windows }, () =>
      resetPasswordAction({ data: { status: 'idle' } }, form({ token: linkToken(mail!, '/reset-password'), password: 'New-Password-2027' })),
    );
    expect(done.data).toEqual({ status: 'done' });
    expect(await attempt('New-Password-2027')).toMatchObject({ id: owner.id });
  });

  it('limits reset requests per mailbox only for tagged spellings, so nobody can use up the owner’s own requests', async () => {
    const owner = await verifiedCustomer(db, { email: uniqueEmail('reset-mailbox'), name: 'Remi Reset', password: 'Owner-Pass-2026' });
    const ask = (email: string) => asVisitor(() => requestPasswordResetAction({ data: { status: 'idle' } }, form({ email })));
    // A stranger asks for the owner's exact address again and again, from addresses of their own: still answered.
    for (let i = 0; i < 7; i += 1) expect((await ask(owner.email)).data).toMatchObject({ status: 'sent' });
    // Tagged spellings of one mailbox share its five an hour.
    const [local, domain] = owner.email.split('@');
    for (let i = 0; i < 5; i += 1) expect((await ask(`${local}+t${i}@${domain}`)).data).toMatchObject({ status: 'sent' });
    expect((await ask(`${local}+t5@${domain}`)).data).toMatchObject({ status: 'error', message: expect.stringMatching(/Too many/) });
    // The owner's exact address is still answered after that.
    expect((await ask(owner.email)).data).toMatchObject({ status: 'sent' });
  });

  it('links expire after an hour, and using one spends the account’s other open reset links', async () => {
    const owner = await verifiedCustomer(db, { email: uniqueEmail('reset-expiry'), name: 'Remi Reset', password: 'Owner-Pass-2026' });
    // Two requests ten minutes apart (two email windows): two links.
    const at = Date.now();
    await requestPasswordReset({ db, secret, now: () => new Date(at - 10 * 60_000) }, owner.email);
    await requestPasswordReset({ db, secret, now: () => new Date(at) }, owner.email);
    await deliverAccountEmails(owner.email);
    const [first, second] = (await mailTo(owner.email, 2)).map((mail) => linkToken(mail, '/reset-password'));
    expect(first).not.toBe(second);

    const anHourOn = () => new Date(at + AUTH_TOKEN_TTL_MS.reset_password + 60_000);
    expect(await resetPassword({ db, now: anHourOn }, { token: second!, password: 'Late-Password-2027' })).toEqual({
      ok: false,
      error: { code: 'invalid_or_expired_link' },
    });
    expect(await resetPassword({ db }, { token: second!, password: 'New-Password-2027' })).toMatchObject({ ok: true });
    // Refused above for its age alone; and the other link died with the reset.
    expect(await findUsableAuthToken(db, 'reset_password', first!, new Date())).toBeNull();
    expect(await resetPassword({ db }, { token: first!, password: 'Other-Password-2027' })).toMatchObject({ ok: false });
  });
});
