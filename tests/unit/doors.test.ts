// The house rules that keep every entry point behind a door, checked over the source tree so a new route, action or
// gateway shortcut cannot slip in unnoticed: route handlers are built with route(), server actions with one of the
// action clients (admin files with adminAction only; form fields read through zod-form-data), payments.status is
// written only by its transition module, and Paystack's wire field names stay inside lib/payments/paystack/.
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
  it('writes payments.status only in lib/payments/payment-status.ts', () => {
    const writers = sourceFiles.filter((file) => {
      if (file === 'lib/payments/payment-status.ts') return false;
      return /\.update\(payments\)\s*\.set\(\{[^}]*\bstatus\b/.test(read(file).replace(/\n\s*/g, ' '));
    });
    expect(writers).toEqual([]);
  });

  it('writes refunds.status only in lib/refunds/refund-status.ts', () => {
    const writers = sourceFiles.filter((file) => {
      if (file === 'lib/refunds/refund-status.ts') return false;
      return /\.update\(refunds\)\s*\.set\(\{[^}]*\bstatus\b/.test(read(file).replace(/\n\s*/g, ' '));
    });
    expect(writers).toEqual([]);
  });

  it('keeps Paystack wire field names inside lib/payments/paystack/', () => {
    const wireNames = /\b(paid_at|transaction_reference|gateway_response|authorization_url|access_code|refund_reference|merchant_note)\b/;
    // db/ is exempt: a few of our own column names (paid_at, authorization_url) happen to match Paystack's.
    const leaks = sourceFiles.filter((file) => !file.startsWith('lib/payments/paystack/') && !file.startsWith('db/') && wireNames.test(read(file)));
    expect(leaks).toEqual([]);
  });
});
