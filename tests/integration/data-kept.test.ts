// Least data kept, against the real Postgres, Redis and mail catcher: guest order links expire after 30 days and a
// genuine expired link can ask for a fresh one (sent to the order's own address, a few times an hour at most); old
// settled webhook bodies are pruned while failed ones stay replayable. Who is asking is stood in through the doors'
// seam (no live Next request in a test).
import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { requestFreshOrderLinkAction } from '@/app/(shop)/orders/[id]/actions';
import { GET as orderRoute } from '@/app/api/orders/[id]/route';
import { outbox, webhookEvents } from '@/db/schema';
import { smtpConfigFromEnv, smtpMailer } from '@/lib/email/mailer';
import { env } from '@/lib/core/env';
import type { JobDeps } from '@/lib/jobs/definitions';
import { inProcessDriver } from '@/lib/jobs/drivers';
import { relayOutbox } from '@/lib/jobs/relay';
import { ORDER_LINK_TTL_MS, signOrderAccess } from '@/lib/orders/order-access';
import { withDoorDeps } from '@/lib/server/deps/door-deps';
import { createRateLimiter } from '@/lib/server/doors/rate-limit';
import { pruneWebhookPayloads } from '@/lib/webhooks/prune-payloads';
import { cartTestClients } from '../support/cart-fixtures';
import { testPaystack } from '../support/checkout-fixtures';
import { mailTo } from '../support/inbox';
import { paidOrder, uniqueEmail } from '../support/paid-order-fixtures';

const { db, sql: client, redis } = cartTestClients();
const mailer = smtpMailer(smtpConfigFromEnv(env()));
afterAll(async () => {
  mailer.close();
  await client.end();
  await (globalThis as { __shopDb?: { sql: { end: () => Promise<void> } } }).__shopDb?.sql.end();
});
const secret = env().NEXTAUTH_SECRET;
const jobDeps: JobDeps = {
  db,
  mailer,
  siteUrl: env().NEXTAUTH_URL,
  orderAccessSecret: secret,
  paystack: testPaystack(),
  expectedDomain: 'test',
  recoveryDelayMs: 0,
  log: () => {},
};

const getOrder = (orderId: string, token: string) => {
  const request = new Request(new URL(`/api/orders/${orderId}?${new URLSearchParams({ token })}`, env().NEXTAUTH_URL));
  return withDoorDeps({ currentUser: async () => null }, () => orderRoute(request, { params: Promise.resolve({ id: orderId }) }));
};

describe('guest order links', () => {
  const limiter = createRateLimiter({ redis, prefix: `test-ratelimit:${randomBytes(6).toString('hex')}` });
  const asStranger = { currentUser: async () => null, requestHeaders: async () => new Headers(), limiter: () => limiter };
  const askForFreshLink = (orderId: string, token: string) => withDoorDeps(asStranger, () => requestFreshOrderLinkAction({ orderId, token }));
  const linkJobs = (orderId: string) =>
    db
      .select()
      .from(outbox)
      .where(and(eq(outbox.event, 'order/link-requested'), sql`${outbox.payload}->>'orderId' = ${orderId}`));

  it('stop opening the order after 30 days; the expired link asks for a fresh one, which goes to the order’s own address and works', async () => {
    const email = uniqueEmail('link');
    const { order } = await paidOrder(db, { email });
    const expired = signOrderAccess(secret, order.id, new Date(Date.now() - ORDER_LINK_TTL_MS - 60_000));
    expect((await getOrder(order.id, expired)).status).toBe(404);
    expect((await getOrder(order.id, signOrderAccess(secret, order.id))).status).toBe(200);

    const answer = await askForFreshLink(order.id, expired);
    expect(answer.data).toMatchObject({ status: 'sent' });
    const [job] = await linkJobs(order.id);
    expect(job).toBeDefined();
    expect(await relayOutbox({ db, driver: inProcessDriver(jobDeps) }, { ids: [job!.id] })).toMatchObject({ done: 1 });

    const [mail] = await mailTo(email, 1, (message) => message.subject.includes('Your link to order'));
    const fresh = /[?&]token=([\w.-]+)/.exec(mail!.text)?.[1];
    expect(fresh).toBeDefined();
    expect((await getOrder(order.id, fresh!)).status).toBe(200);
  });

  it('gives a forged link the same answer and sends nothing; an order may ask only a few times an hour', async () => {
    const { order } = await paidOrder(db, { email: uniqueEmail('link') });
    const forged = `${Math.floor(Date.now() / 1000) - 10}.${randomBytes(32).toString('base64url').slice(0, 43)}`;
    const forgedAnswer = await askForFreshLink(order.id, forged);
    expect(forgedAnswer.data).toMatchObject({ status: 'sent' });
    expect(await linkJobs(order.id)).toEqual([]);

    const expired = signOrderAccess(secret, order.id, new Date(Date.now() - ORDER_LINK_TTL_MS - 60_000));
    const answers = [];
    for (let attempt = 0; attempt < 4; attempt += 1) answers.push((await askForFreshLink(order.id, expired)).data?.status);
    expect(answers).toEqual(['sent', 'sent', 'sent', 'refused']);
    expect(await linkJobs(order.id)).toHaveLength(3);
  });
});

describe('webhook payload retention', () => {
  it('prunes the bodies of settled events older than 180 days, and keeps failed ones replayable', async () => {
    const event = (status: 'processed' | 'failed', daysAgo: number) => ({
      eventKey: `retention-test:${randomUUID()}`,
      type: 'charge.success',
      payload: { event: 'charge.success', data: { reference: `R-${randomUUID()}`, customer: { email: 'a@example.test' } } },
      status,
      receivedAt: sql`now() - make_interval(days => ${daysAgo})`,
    });
    const rows = await db
      .insert(webhookEvents)
      .values([event('processed', 200), event('failed', 200), event('processed', 10)])
      .returning({ id: webhookEvents.id, payload: webhookEvents.payload });
    expect(await pruneWebhookPayloads(db)).toBeGreaterThanOrEqual(1);
    const after = await Promise.all(rows.map(async (row) => (await db.select().from(webhookEvents).where(eq(webhookEvents.id, row.id)))[0]!.payload));
    expect(after[0]).toEqual({ pruned: true, event: 'charge.success' });
    expect(after[1]).toEqual(rows[1]!.payload);
    expect(after[2]).toEqual(rows[2]!.payload);
    await db.delete(webhookEvents).where(sql`${webhookEvents.eventKey} LIKE 'retention-test:%'`);
  });
});
