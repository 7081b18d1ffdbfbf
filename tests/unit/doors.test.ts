// The house rules that keep every entry point behind a door, checked over the source tree so a new route, action or
// gateway shortcut cannot slip in unnoticed: route handlers are built with route(), server actions with one of the
// action clients (admin files with adminAction only), the status columns of orders, payments, refunds and
// inventory_reservations are written only by their transition modules, and Paystack's wire field names stay inside
// lib/payments/paystack/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(path.join(root, dir))) {
    const relative = path.join(dir, entry);
    if (statSync(path.join(root, relative)).isDirectory()) found.push(...filesUnder(relative, keep));
    else if (keep(relative)) found.push(relative);
  }
  return found;
}

const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const sourceFiles = ['app', 'lib', 'components', 'db', 'inngest'].flatMap((dir) => filesUnder(dir, (file) => /\.(ts|tsx)$/.test(file)));
const scriptFiles = filesUnder('scripts', (file) => /\.(ts|mjs|js)$/.test(file));

/** Each status column's one writer: its transition module, built on lib/state-machine/define-state-machine.ts. */
const STATUS_MODULES = {
  orders: 'lib/orders/order-status.ts',
  payments: 'lib/payments/payment-status.ts',
  refunds: 'lib/refunds/refund-status.ts',
  inventory_reservations: 'lib/inventory/reservation-status.ts',
  disputes: 'lib/disputes/dispute-status.ts',
} as const;
type StatusTable = keyof typeof STATUS_MODULES;
const DRIZZLE_NAMES: Record<StatusTable, string> = {
  orders: 'orders',
  payments: 'payments',
  refunds: 'refunds',
  inventory_reservations: 'inventoryReservations',
  disputes: 'disputes',
};

/**
 * Whether `source` writes `table`.status: drizzle's `.update(table).set({ … status … })` (also `.update(table).set(values)`
 * where `values` names status right there) and raw SQL `UPDATE table SET … status = …`, in a plain string or a `sql`
 * template (`UPDATE ${table} SET ${table.status} = …`), however the lines are broken.
 */
function writesStatus(source: string, table: StatusTable): boolean {
  const flat = source.replace(/\s+/g, ' ');
  const name = DRIZZLE_NAMES[table];
  // Drizzle: from `.update(name)` up to the end of the statement; a `status` key in what it sets.
  for (const match of flat.matchAll(new RegExp(`\\.update\\(\\s*(?:\\w+\\.)?${name}\\s*\\)(.*?)(?:\\.where\\(|\\.returning\\(|;|$)`, 'g'))) {
    if (/\.set\(/.test(match[1] ?? '') && /[{,]\s*(?:status\s*[:,}]|\[\s*['"`]status['"`]\s*\]\s*:|['"]status['"]\s*:)/.test(match[1] ?? '')) return true;
  }
  // Drizzle upsert: `.insert(name)…onConflictDoUpdate({ …, set: { … status … } })`.
  for (const match of flat.matchAll(new RegExp(`\\.insert\\(\\s*(?:\\w+\\.)?${name}\\s*\\)(.*?)(?:;|$)`, 'g'))) {
    if (/onConflictDoUpdate\(\{.*?\bset\s*:\s*\{[^}]*\bstatus\b/.test(match[1] ?? '')) return true;
  }
  // SQL: `update <table> [alias] set <assignments> [where|from|returning|end of template]`.
  const target = `(?:"?(?:public"?\\.)?"?${table}"?|\\$\\{\\s*${name}\\s*\\})`;
  for (const match of flat.matchAll(
    new RegExp(`\\bupdate\\s+(?:only\\s+)?${target}(?:\\s+(?:as\\s+)?\\w+)?\\s+set\\s+(.*?)(?:\\bwhere\\b|\\bfrom\\b|\\breturning\\b|\`|;|$)`, 'gi'),
  )) {
    if (/(?:^|,|\()\s*(?:"?\w+"?\.)?"?status"?\s*=|\$\{\s*\w+\.status\s*\}\s*=/i.test(match[1] ?? '')) return true;
  }
  // SQL upsert: `insert into <table> … on conflict … do update set <assignments>`.
  for (const match of flat.matchAll(
    new RegExp(`\\binsert\\s+into\\s+${target}.*?\\bdo\\s+update\\s+set\\s+(.*?)(?:\\bwhere\\b|\\breturning\\b|\`|;|$)`, 'gi'),
  )) {
    if (/(?:^|,|\()\s*(?:"?\w+"?\.)?"?status"?\s*=|\$\{\s*\w+\.status\s*\}\s*=/i.test(match[1] ?? '')) return true;
  }
  return false;
}

// Framework handlers that bring their own protocol and checks.
const FRAMEWORK_ROUTES = new Set(['app/api/auth/[...nextauth]/route.ts', 'app/api/inngest/route.ts']);
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

describe('route handlers', () => {
  const routes = filesUnder('app', (file) => path.basename(file) === 'route.ts').filter((file) => !FRAMEWORK_ROUTES.has(file));

  it('finds the route handlers', () => {
    expect(routes).toContain('app/api/checkout/route.ts');
    expect(routes).toContain('app/api/webhooks/paystack/route.ts');
  });

  it.each(routes)('%s exports every method through route()', (file) => {
    const source = read(file);
    const methods = HTTP_METHODS.filter((method) => new RegExp(`export (async )?(function|const) ${method}\\b`).test(source));
    expect(methods.length, 'exports at least one HTTP method').toBeGreaterThan(0);
    for (const method of methods) {
      expect(source, `${method} is built by route()`).toMatch(new RegExp(`export const ${method} = route\\(`));
    }
  });
});

describe('server actions', () => {
  const actionFiles = sourceFiles.filter((file) => /^\s*['"]use server['"]/m.test(read(file)));

  it('finds the server action files', () => {
    expect(actionFiles).toContain('components/cart/actions.ts');
    expect(actionFiles).toContain('app/(shop)/checkout/actions.ts');
  });

  it.each(actionFiles)('%s exports only actions built on a door client', (file) => {
    const source = read(file);
    expect(source, 'no hand-written exported functions').not.toMatch(/export (default )?(async )?function/);
    const exported = [...source.matchAll(/export const (\w+) = ([\s\S]*?)[.(]/g)].map((match) => ({ name: match[1], client: match[2]?.trim() }));
    expect(exported.length).toBeGreaterThan(0);
    const allowed = file.startsWith('app/(admin)/') ? ['adminAction'] : ['publicAction', 'shopperAction', 'userAction', 'adminAction'];
    for (const { name, client } of exported) expect(allowed, `${name} is built on ${client}`).toContain(client);
  });

  it.each(actionFiles)('%s reads form fields through a schema (zod-form-data), not FormData.get by hand', (file) => {
    expect(read(file)).not.toMatch(/\b(parsedInput|formData)\.get(All)?\(/);
  });
});

describe('e2e specs', () => {
  const specs = filesUnder('tests/e2e', (file) => file.endsWith('.spec.ts'));
  it.each(specs)('%s runs under the CSP-violation guard (imports test from ./fixtures)', (file) => {
    const source = read(file);
    expect(source).not.toMatch(/from '@playwright\/test'/);
    expect(source).toMatch(/from '\.\/fixtures'/);
  });
});

describe('sealed records and boundaries', () => {
  // The detector itself, on the shapes a status write takes (each would fail the test below if planted in the tree).
  // `#{…}` stands for a template placeholder `${…}` (written so, the samples are plain strings, not templates).
  it.each([
    ['drizzle, one line', "await tx.update(orders).set({ status: 'expired' }).where(eq(orders.id, id));", 'orders', true],
    ['drizzle, spread and multi-line', 'await db\n  .update(payments)\n  .set({ ...extra,\n    status: to })\n  .where(x);', 'payments', true],
    ['drizzle, shorthand', 'db.update(schema.refunds).set({ status }).where(w)', 'refunds', true],
    ['drizzle, reservations', "tx.update(inventoryReservations).set({ releasedAt: sql`now()`, status: 'released' })", 'inventory_reservations', true],
    ['raw SQL', "await sql`update orders set status = 'paid' where id = #{id}`;", 'orders', true],
    [
      'raw SQL, second assignment, multi-line',
      "client.unsafe(`UPDATE payments p\n  SET failure_reason = 'x',\n      status = 'failed'\n  WHERE p.id = $1`)",
      'payments',
      true,
    ],
    ['sql template', "tx.execute(sql`UPDATE #{refunds} SET #{refunds.status} = 'failed' WHERE #{refunds.id} = #{id}`)", 'refunds', true],
    ['sql template, plain column', "sql`UPDATE #{inventoryReservations}\n SET status = 'expired'`", 'inventory_reservations', true],
    ['drizzle upsert', "tx.insert(refunds).values(row).onConflictDoUpdate({ target: refunds.id, set: { status: 'failed' } })", 'refunds', true],
    ['SQL upsert', "sql`INSERT INTO payments (id, status) VALUES (#{id}, 'paid') ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status`", 'payments', true],
    ['an insert (the first state) is not a move', "tx.insert(orders).values({ status: 'pending_payment' })", 'orders', false],
    ['another column', 'tx.update(payments).set({ refundedAmount: refunded }).where(eq(payments.id, id))', 'payments', false],
    ['status only in the WHERE', "tx.update(payments).set({ updatedAt: sql`now()` }).where(inArray(payments.status, ['failed']))", 'payments', false],
    ['SQL status only in the WHERE', "sql`UPDATE orders SET refunded_amount = 0 WHERE status = 'paid'`", 'orders', false],
    ['another table', "sql`UPDATE #{outbox} SET status = 'done'`", 'orders', false],
  ] as const)('sees a status write: %s', (_shape, source, table, expected) => {
    expect(writesStatus(source.replaceAll('#{', '${'), table)).toBe(expected);
  });

  it.each(Object.entries(STATUS_MODULES) as Array<[StatusTable, string]>)('writes %s.status only in its transition module', (table, module) => {
    const writers = [...sourceFiles, ...scriptFiles].filter((file) => file !== module && writesStatus(read(file), table));
    expect(writers).toEqual([]);
  });

  it('keeps Paystack wire field names inside lib/payments/paystack/', () => {
    const wireNames = /\b(paid_at|transaction_reference|gateway_response|authorization_url|access_code|refund_reference|merchant_note)\b/;
    // db/ is exempt: a few of our own column names (paid_at, authorization_url) happen to match Paystack's.
    const leaks = sourceFiles.filter((file) => !file.startsWith('lib/payments/paystack/') && !file.startsWith('db/') && wireNames.test(read(file)));
    expect(leaks).toEqual([]);
  });
});
