// Reads the log the app wrote while the browser tests ran (`npm test` keeps it at info level in E2E_APP_LOG) and
// checks what must never be in a log line: the deployment's secrets, any password used in the run or its hash, the
// card data Paystack sends (authorization codes, signatures, the full test card number) and the shoppers' addresses.
// The values come from where they live — the environment, the e2e sources, the database the run wrote — not from a list.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql as dsql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { orders, savedCards, users } from '@/db/schema';
import { createCardVault } from '@/lib/cards/card-vault';
import { testDatabase } from '../support/db';

const logFile = process.env.E2E_APP_LOG;
if (!logFile) throw new Error('E2E_APP_LOG is not set: this check runs through `npm test`, after the browser tests');
const log = readFileSync(logFile, 'utf8');
const lines = log.split('\n').filter(Boolean);
const { db, sql } = testDatabase(1);
afterAll(() => sql.end());

/** Every password the e2e run typed or gave an account: `password: '…'` and the password fields' fill('…') calls. */
function e2ePasswords(): string[] {
  const dir = path.join(import.meta.dirname, '..', 'e2e');
  const found = new Set<string>();
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
    const source = readFileSync(path.join(dir, file), 'utf8');
    for (const match of source.matchAll(/password:\s*'([^']+)'/g)) found.add(match[1]!);
    for (const match of source.matchAll(/getByLabel\('(?:New )?[Pp]assword'\)\.fill\('([^']+)'\)/g)) found.add(match[1]!);
  }
  // Words too short or plain to be anyone's password ('short', 'password') would only match field names.
  return [...found].filter((value) => value.length >= 8 && /\d/.test(value));
}

function leaks(values: Iterable<string>): string[] {
  return [...new Set(values)].filter((value) => value && log.includes(value));
}

describe('the log of the e2e run', () => {
  it('is the real thing: one request line per request, with route, status and request id', () => {
    const requests = lines.filter((line) => line.includes('"msg":"request"')).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(requests.length).toBeGreaterThan(50);
    expect(requests.some((line) => line.route === 'api/webhooks/paystack' && line.status === 200)).toBe(true);
    for (const line of requests) expect(line).toMatchObject({ route: expect.any(String), status: expect.any(Number), requestId: expect.any(String) });
  });

  it('holds no secret of the deployment', () => {
    const secrets = ['NEXTAUTH_SECRET', 'PAYSTACK_SECRET_KEY', 'UPSTASH_REDIS_REST_TOKEN', 'CARD_VAULT_KEY'].map((name) => process.env[name] ?? '');
    expect(secrets.every((value) => value.length >= 16)).toBe(true);
    expect(leaks(secrets)).toEqual([]);
  });

  it('holds no password typed in the run, nor any password hash', async () => {
    const passwords = e2ePasswords();
    expect(passwords).toEqual(expect.arrayContaining(['Admin#Shop2026', 'Customer#Shop2026']));
    expect(leaks(passwords)).toEqual([]);
    const hashes = (await db.select({ hash: users.passwordHash }).from(users)).map((row) => row.hash);
    expect(hashes.length).toBeGreaterThan(2);
    expect(leaks(hashes)).toEqual([]);
  });

  it('holds no card data: no authorization code, card signature or card number', () => {
    expect(log).not.toMatch(/AUTH_[A-Za-z0-9]{6,}/);
    expect(log).not.toMatch(/SIG_[A-Za-z0-9]{6,}/);
    expect(log).not.toContain('4084084084084081');
    expect(log).not.toContain('authorization_code":"');
  });

  it('holds no saved card’s authorization code, sealed or opened, nor its card signature', async () => {
    // The run saved a card (e2e saved-cards) and paid with it in one click: its code is what a thief would want.
    const rows = await db.select().from(savedCards);
    expect(rows.length).toBeGreaterThan(0);
    const vault = createCardVault({ current: process.env.CARD_VAULT_KEY! });
    const codes = rows.map((row) => vault.open({ sealed: row.sealedAuthorization, keyId: row.keyId }) ?? '');
    expect(codes.every((code) => code.startsWith('AUTH_'))).toBe(true);
    expect(leaks(codes)).toEqual([]);
    expect(leaks(rows.flatMap((row) => [row.sealedAuthorization, row.signature]))).toEqual([]);
  });

  it('holds no shopper address or phone number from the orders the run placed', async () => {
    const placed = await db
      .select({ line1: dsql<string>`${orders.shippingAddress}->>'line1'`, phone: dsql<string>`${orders.shippingAddress}->>'phone'` })
      .from(orders);
    expect(placed.length).toBeGreaterThan(0);
    expect(leaks(placed.flatMap((order) => [order.line1, order.phone]))).toEqual([]);
  });
});
