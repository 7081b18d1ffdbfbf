// Two real `next start` processes of the test build, one database, one Redis: an admin's price edit made through
// process A (the real server action, over HTTP, with an admin's session cookie) shows on the pages process B serves
// within 10 s. B's category listing caches card prices in Next's data cache (unstable_cache, tagged): with a cache
// per process B would keep the old price until its 5-minute backstop; with the shared Redis cache handler A's
// revalidateTag reaches B at once.
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { and, eq, ne, sql } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getProductForEdit } from '@/db/queries/admin-products';
import { categories, products, productVariants, users } from '@/db/schema';
import { createSignInDelay } from '@/lib/auth/sign-in-delay';
import { env } from '@/lib/core/env';
import { formatMoney } from '@/lib/core/money';
import { toEditorData } from '@/lib/products/product-editor-data';
import { redis } from '@/lib/redis';
import { authOptions, authorizeCredentials } from '@/lib/server/doors/auth-options';
import { createRateLimiter } from '@/lib/server/doors/rate-limit';
import { buildApp, startApp } from '../../scripts/stack/app';
import { stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';
import { verifiedCustomer } from '../support/accounts';
import { testDatabase } from '../support/db';
import { exclusiveBackgroundWorkers } from '../support/exclusive';
import { waitFor } from '../support/wait';

const { db, sql: client } = testDatabase(2);
const appEnv = stackEnv(profiles.test);
// A answers on the test profile's app port, the one NEXTAUTH_URL names (the doors compare the Origin with it).
const ports = { a: profiles.test.ports.app, b: profiles.test.ports.app + 1 };
const apps: Array<{ url: string; stop(): Promise<void> }> = [];
let release: (() => Promise<void>) | undefined;

beforeAll(async () => {
  await buildApp(appEnv, () => {});
  // Both processes run the in-process job runner, which relays any due outbox row: not while another file counts its own.
  release = await exclusiveBackgroundWorkers();
  for (const [name, port] of Object.entries(ports)) {
    // Info lines too, so the SIGTERM test below can read the job runner's drain in B's log.
    const logFile = path.join(profiles.test.dataDir, `app-${name}.log`);
    rmSync(logFile, { force: true });
    apps.push(await startApp({ mode: 'production', port, env: { ...appEnv, LOG_LEVEL: 'info' }, logFile }));
  }
}, 900_000);

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await release?.();
  await client.end();
});

/** The id Next gave a server action in this build (what a browser sends in the Next-Action header). */
function actionId(exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(process.cwd(), appEnv.NEXT_DIST_DIR!, 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === exportedName && entry.filename?.includes('admin/products'));
  if (!found) throw new Error(`no server action ${exportedName} in the build`);
  return found[0];
}

/** An admin's session cookie, minted as next-auth does after a credentials sign-in. */
async function adminCookie(): Promise<string> {
  const email = `admin-multiproc-${randomUUID().slice(0, 8)}@example.test`;
  const password = 'Lagos-Market-42';
  const user = await verifiedCustomer(db, { email, name: 'Multi Process', password });
  await db.update(users).set({ role: 'admin' }).where(eq(users.id, user.id));
  const prefix = `test:multiproc:${randomUUID()}`;
  const guards = { limiter: createRateLimiter({ redis: redis(), prefix }), delay: createSignInDelay({ redis: redis(), prefix: `${prefix}:delay` }) };
  const signedIn = await authorizeCredentials({ email, password }, { 'x-forwarded-for': `admin-${randomUUID()}` }, guards);
  if (!signedIn) throw new Error('the admin could not sign in');
  const token = await authOptions.callbacks!.jwt!({ token: {}, user: signedIn, account: null });
  return `next-auth.session-token=${await encode({ token, secret: env().NEXTAUTH_SECRET })}`;
}

const page = async (url: string) => {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return response.text();
};
// React escapes nothing in "₦12,500.00", but a price can sit next to markup: compare the text only.
const shows = (html: string, text: string) => html.replace(/<!-- -->/g, '').includes(text);

describe('one data cache for every app process', () => {
  it('shows an admin price edit made through process A on the pages of process B within 10 s', async () => {
    // A seeded product on sale with one variant: its card price is that variant's price.
    const [target] = await db
      .select({ productId: products.id, slug: products.slug, category: categories.slug })
      .from(products)
      .innerJoin(categories, eq(categories.id, products.categoryId))
      .innerJoin(productVariants, eq(productVariants.productId, products.id))
      // Not in 'accessories': other test files add their own products there (tests/support/catalog-fixtures.ts), which
      // can push a seeded product off the category's first page while this runs.
      .where(and(eq(products.status, 'active'), ne(categories.slug, 'accessories')))
      .groupBy(products.id, products.slug, categories.slug)
      .having(sql`count(*) = 1`)
      .orderBy(products.slug);
    if (!target) throw new Error('the seed has no active product with a single variant');
    const stored = await getProductForEdit(db, target.productId);
    const editor = toEditorData(stored!);
    const variant = stored!.variants.find((row) => row.archivedAt === null)!;
    const before = formatMoney({ amount: variant.priceAmount, currency: 'NGN' });
    const newAmount = variant.priceAmount + 12_345_00;
    const after = formatMoney({ amount: newAmount, currency: 'NGN' });

    const [a, b] = apps as [(typeof apps)[number], (typeof apps)[number]];
    // B has the listing in its data cache with the old price.
    expect(shows(await page(`${b.url}/category/${target.category}`), before)).toBe(true);
    // …and that cache is Redis: the entries of this build are there.
    expect((await redis().keys('next-cache:entry:*')).length).toBeGreaterThan(0);

    const values = {
      ...editor.values,
      variants: editor.values.variants.map((row) => (row.id === variant.id ? { ...row, price: (newAmount / 100).toFixed(2), compareAt: '' } : row)),
    };
    const saved = await fetch(`${a.url}/admin/products/${target.productId}`, {
      method: 'POST',
      headers: {
        'Next-Action': actionId('updateProductAction'),
        'Content-Type': 'text/plain;charset=UTF-8',
        Accept: 'text/x-component',
        Origin: a.url,
        Cookie: await adminCookie(),
      },
      body: JSON.stringify([{ productId: target.productId, expectedUpdatedAt: editor.updatedAt, values }]),
    });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('"status":"saved"');
    const [row] = await db.select({ price: productVariants.priceAmount }).from(productVariants).where(eq(productVariants.id, variant.id));
    expect(row?.price).toBe(newAmount);

    const started = Date.now();
    await waitFor(
      'the new price on process B’s listing',
      async () => (shows(await page(`${b.url}/category/${target.category}`), after) ? true : undefined),
      10_000,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(shows(await page(`${b.url}/products/${target.slug}`), after)).toBe(true);

    // Put the price back (through A: without the front, B's own origin is not the site's), and see it on B again.
    const restored = toEditorData((await getProductForEdit(db, target.productId))!);
    const back = await fetch(`${a.url}/admin/products/${target.productId}`, {
      method: 'POST',
      headers: { 'Next-Action': actionId('updateProductAction'), 'Content-Type': 'text/plain;charset=UTF-8', Origin: a.url, Cookie: await adminCookie() },
      body: JSON.stringify([{ productId: target.productId, expectedUpdatedAt: restored.updatedAt, values: editor.values }]),
    });
    expect(back.status).toBe(200);
    await waitFor(
      'the old price back on process B’s listing',
      async () =>
        shows(await page(`${b.url}/category/${target.category}`), before) && !shows(await page(`${b.url}/category/${target.category}`), after)
          ? true
          : undefined,
      10_000,
    );
  }, 60_000);

  it('drains the job runner on SIGTERM before the process exits', async () => {
    const b = apps[1]!;
    await b.stop(); // SIGTERM, as a deploy or the supervisor sends it
    const lines = readFileSync(path.join(profiles.test.dataDir, 'app-b.log'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string });
    const messages = lines.map((line) => line.msg);
    expect(messages).toContain('jobs: running in this process (no Inngest configured)');
    expect(messages).toContain('jobs: stopping (no new claims; finishing the job in hand)');
    // "stopped" is written only once the runner has drained, and only because the exit Next asked for waited for it
    // (without the drain the process would be gone first). The two lines can reach the log file in either order.
    expect(messages).toContain('jobs: stopped');
    const health = await fetch(`${b.url}/api/health/live`).then(
      () => 'answered',
      () => 'closed',
    );
    expect(health).toBe('closed');
  });
});
