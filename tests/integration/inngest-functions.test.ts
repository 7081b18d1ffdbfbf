// The Inngest functions, run in-process by @inngest/test against the real Postgres and the mail catcher: their steps
// run in order and are idempotent when Inngest retries them; the served route registers every job and schedule with
// its trigger (checked against a local stand-in for Inngest's dev server, which cannot be installed here); and a
// function that Inngest gives up on leaves its outbox row dead for operators.
import { createServer } from 'node:http';
import { InngestTestEngine } from '@inngest/test';
import { NextRequest } from 'next/server';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { emailDeliveries, invoices, outbox, refunds, scheduledRuns } from '@/db/schema';
import { inngest } from '@/lib/jobs/inngest-client';
import { createJobFunctions, OUTBOX_SWEEP } from '@/inngest/functions';
import { definedJobEvents, definitionFor } from '@/lib/jobs/definitions';
import { markJobDead } from '@/lib/jobs/relay';
import { schedules } from '@/lib/jobs/schedules';
import { createTestVariants } from '../support/catalog-fixtures';
import { testJobDeps } from '../support/job-deps';
import { mailTo } from '../support/inbox';
import { paidOrder, uniqueEmail } from '../support/paid-order-fixtures';
import { expireOrder, placeOrderFor } from '../support/recovery-fixtures';

const { db, deps, close } = testJobDeps();
afterAll(close);
const functions = createJobFunctions(inngest, () => deps);
const functionFor = (id: string) => {
  const found = functions.find((fn) => fn.id() === id || fn.id('paystack-commerce') === `paystack-commerce-${id}`);
  if (!found) throw new Error(`no function ${id}`);
  return found;
};

describe('order/paid', () => {
  it('issues the invoice, then the confirmation, then the receipt — and a retried run changes nothing', async () => {
    const email = uniqueEmail('inngest');
    const { order, payment } = await paidOrder(db, { email });
    const event = { name: 'order/paid', data: { orderId: order.id, paymentId: payment.id } };
    const fn = functionFor('fulfil-paid-order');

    const first = await new InngestTestEngine({ function: fn, events: [event] }).execute();
    expect(stepIdsOf(first.ctx)).toEqual(['issue-invoice', 'send-order-confirmation', 'send-payment-receipt']);
    const result = first.result as Record<string, { status?: string; number?: string }>;
    expect(result['issue-invoice']?.number).toMatch(/^INV-\d{4}-\d{6}$/);
    expect(result['send-order-confirmation']?.status).toBe('sent');

    // Inngest retries whole runs and steps: a second run (a new engine: nothing memoised) must not send or issue again.
    const again = await new InngestTestEngine({ function: fn, events: [event] }).execute();
    const replay = again.result as Record<string, { status?: string; number?: string }>;
    expect(replay['issue-invoice']?.number).toBe(result['issue-invoice']?.number);
    expect(replay['send-order-confirmation']?.status).toBe('already_sent');
    expect(replay['send-payment-receipt']?.status).toBe('already_sent');

    expect(await db.$count(invoices, eq(invoices.orderId, order.id))).toBe(1);
    expect(await db.$count(emailDeliveries, and(eq(emailDeliveries.orderId, order.id), eq(emailDeliveries.status, 'sent')))).toBe(2);
    const mails = await mailTo(email, 2);
    expect(mails.map((mail) => mail.subject).sort()).toEqual(expect.arrayContaining([expect.stringContaining(order.number)]));
    expect(mails).toHaveLength(2);
  });
});

const stepIdsOf = (ctx: { step: { run: unknown } }) => (ctx.step.run as { mock: { calls: unknown[][] } }).mock.calls.map((call) => call[0]);

type Delivery = { to: string; status: string };

/**
 * A job that emails every admin, run twice: nobody the first run reached gets it again. Other test files create and
 * delete admins meanwhile, so the runs are compared for the admins both saw (the seeded admin always among them).
 */
function expectNothingTwice(first: Delivery[], again: Delivery[]) {
  const firstTo = new Set(first.map((delivery) => delivery.to));
  const both = again.filter((delivery) => firstTo.has(delivery.to));
  expect(both.length).toBeGreaterThan(0);
  expect(both.map((delivery) => delivery.status)).toEqual(both.map(() => 'already_sent'));
}

describe('payment/needs-attention', () => {
  it('alerts every admin once, also when Inngest runs it again', async () => {
    const { order, payment } = await paidOrder(db);
    const event = { name: 'payment/needs-attention', data: { orderId: order.id, paymentId: payment.id, problems: ['amount differs'] } };
    const fn = functionFor('alert-payment-needs-attention');
    const first = await new InngestTestEngine({ function: fn, events: [event] }).execute();
    expect(stepIdsOf(first.ctx)).toEqual(['alert-admins']);
    type Alert = { 'alert-admins': { deliveries: Delivery[] } };
    const sent = (first.result as Alert)['alert-admins'].deliveries;
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((delivery) => delivery.status === 'sent')).toBe(true);
    const again = await new InngestTestEngine({ function: fn, events: [event] }).execute();
    expectNothingTwice(sent, (again.result as Alert)['alert-admins'].deliveries);
  });
});

describe('order/expired-unpaid', () => {
  it('sleeps first (mocked by its step id), then sends one recovery email; a retried run sends none', async () => {
    const email = uniqueEmail('recover');
    const [variant] = await createTestVariants(db, [{ stock: 5 }]);
    const order = await placeOrderFor(db, email, [{ variantId: variant!.id, quantity: 1 }]);
    await expireOrder(db, order.id);
    const event = { name: 'order/expired-unpaid', data: { orderId: order.id } };
    // The production delay (an hour): the function must sleep before it sends.
    const fn = createJobFunctions(inngest, () => ({ ...deps, recoveryDelayMs: 3_600_000 })).find(
      (candidate) => candidate.id('paystack-commerce') === 'paystack-commerce-recover-abandoned-checkout',
    )!;
    // @inngest/test hangs on a real step.sleep: it is mocked by its id, as Inngest would resume it after the delay.
    // A fresh array per run: the engine records each run's memoised steps into the one it is given.
    const sleepDone = () => [{ id: 'wait-before-sending', handler: () => undefined }];
    const first = await new InngestTestEngine({ function: fn, events: [event], steps: sleepDone() }).execute();
    expect((first.ctx.step.sleep as unknown as { mock: { calls: unknown[][] } }).mock.calls).toEqual([['wait-before-sending', 3_600_000]]);
    expect(stepIdsOf(first.ctx)).toEqual(['send-recovery-email']);
    expect(first.result).toMatchObject({ 'send-recovery-email': { status: 'sent' } });
    const again = await new InngestTestEngine({ function: fn, events: [event], steps: sleepDone() }).execute();
    expect(again.result).toMatchObject({ 'send-recovery-email': { status: 'already_sent' } });
    const mails = await mailTo(email, 1);
    expect(mails).toHaveLength(1);
  });
});

describe('inventory/low-stock', () => {
  it('emails the digest to each admin once per sale', async () => {
    const { payment } = await paidOrder(db);
    const [line] = await db.execute<{ variant_id: string }>(sql`SELECT variant_id FROM order_items WHERE order_id = ${payment.orderId}`);
    const event = { name: 'inventory/low-stock', data: { variantIds: [line!.variant_id], saleId: payment.id } };
    const fn = functionFor('send-low-stock-digest');
    type Digest = { 'email-admins': { deliveries: Delivery[] } };
    const first = await new InngestTestEngine({ function: fn, events: [event] }).execute();
    expect(stepIdsOf(first.ctx)).toEqual(['email-admins']);
    const again = await new InngestTestEngine({ function: fn, events: [event] }).execute();
    expectNothingTwice((first.result as Digest)['email-admins'].deliveries, (again.result as Digest)['email-admins'].deliveries);
  });
});

describe('schedules', () => {
  it('the release cron records its run for the operators’ jobs page', async () => {
    const fn = functionFor('release-expired-reservations');
    const { result } = await new InngestTestEngine({ function: fn }).execute();
    expect(result).toEqual(expect.objectContaining({ expired: expect.any(Number), unverified: expect.any(Number) }));
    const [run] = await db.select().from(scheduledRuns).where(eq(scheduledRuns.scheduleId, 'release-expired-reservations'));
    expect(run).toMatchObject({ lastStatus: 'ok', lastError: null });
    expect(run!.runs).toBeGreaterThan(0);
  });
});

describe('serve()', () => {
  it('registers every job and every schedule with its trigger', async () => {
    let registration: { functions: Array<{ id: string; triggers: Array<{ event?: string; cron?: string }> }> } | undefined;
    const devServer = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        if (request.url === '/fn/register') registration = JSON.parse(body);
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ ok: true }));
      });
    });
    await new Promise<void>((resolve) => devServer.listen(0, '127.0.0.1', resolve));
    const previous = process.env.INNGEST_DEV;
    process.env.INNGEST_DEV = `http://127.0.0.1:${(devServer.address() as { port: number }).port}`;
    try {
      // The Inngest client reads INNGEST_DEV when it is created: load the route afresh, as a dev-mode server would.
      vi.resetModules();
      const { GET, PUT } = await import('@/app/api/inngest/route');
      // GET in dev mode (Inngest 4) answers only a count; the registration (PUT) is what lists each function.
      const introspection = await GET(new NextRequest('http://127.0.0.1:3100/api/inngest'), undefined);
      expect(((await introspection.json()) as { function_count: number; mode: string }).mode).toBe('dev');
      const response = await PUT(new NextRequest('http://127.0.0.1:3100/api/inngest', { method: 'PUT' }), undefined);
      expect(response.status).toBe(200);
    } finally {
      if (previous === undefined) delete process.env.INNGEST_DEV;
      else process.env.INNGEST_DEV = previous;
      await new Promise((resolve) => devServer.close(resolve));
    }

    const triggers = new Map(registration!.functions.map((fn) => [fn.id.replace(/^paystack-commerce-/, ''), fn.triggers[0]]));
    for (const event of definedJobEvents) expect(triggers.get(definitionFor(event)!.id), event).toEqual({ event });
    for (const schedule of schedules) expect(triggers.get(schedule.id), schedule.id).toEqual({ cron: schedule.cron });
    expect(triggers.get(OUTBOX_SWEEP.id)).toEqual({ cron: OUTBOX_SWEEP.cron });
    // The jobs every shop needs are among them, whatever the definitions say.
    expect([...triggers.values()]).toEqual(
      expect.arrayContaining([{ event: 'order/paid' }, { event: 'payment/needs-attention' }, { cron: '* * * * *' }, { cron: '*/5 * * * *' }]),
    );
  });
});

describe('/api/inngest in production', () => {
  // The route module afresh under these variables (the Inngest client and env() read them when first loaded), then
  // the variables as they were.
  async function routeUnder<T>(overrides: Record<string, string | undefined>, use: (route: typeof import('@/app/api/inngest/route')) => Promise<T>) {
    const saved = Object.fromEntries(Object.keys(overrides).map((name) => [name, process.env[name]]));
    const apply = (values: Record<string, string | undefined>) => {
      for (const [name, value] of Object.entries(values)) {
        if (value === undefined) delete process.env[name];
        else (process.env as Record<string, string>)[name] = value;
      }
    };
    apply(overrides);
    try {
      vi.resetModules();
      return await use(await import('@/app/api/inngest/route'));
    } finally {
      apply(saved);
      vi.resetModules();
    }
  }
  const production = {
    NODE_ENV: 'production',
    PAYSTACK_ALLOW_TEST_KEY: '1',
    JOBS_DRIVER: undefined,
    INNGEST_DEV: undefined,
    INNGEST_EVENT_KEY: undefined,
    INNGEST_SIGNING_KEY: undefined,
  };

  // What a stranger would send: Inngest's execution call for the automatic refund, naming a paid order's payment, unsigned.
  const forgedCall = (payment: { id: string; orderId: string; amount: number }) => {
    const event = {
      name: 'refund/requested',
      data: { orderId: payment.orderId, paymentId: payment.id, amount: payment.amount, currency: 'NGN', reason: 'forged' },
    };
    return new NextRequest('http://127.0.0.1:3100/api/inngest?fnId=paystack-commerce-refund-automatically&stepId=step', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: 1, event, events: [event], steps: {}, ctx: { run_id: 'forged-run', attempt: 0 } }),
    });
  };

  it('runs nothing for an unsigned call: INNGEST_DEV stops the app, the in-process driver answers 404, Inngest checks the signature', async () => {
    const { payment } = await paidOrder(db);

    // The configuration the README once recommended for a self-hosted Inngest: dev mode, no signature check.
    await expect(routeUnder({ ...production, INNGEST_DEV: '1' }, async ({ POST }) => POST(forgedCall(payment), undefined))).rejects.toThrow(
      /INNGEST_DEV: must not be set when NODE_ENV is production/,
    );

    // The in-process runner takes its jobs from the outbox: the endpoint is not there at all.
    const answers = await routeUnder(production, async ({ GET, POST, PUT }) => [
      (await GET(new NextRequest('http://127.0.0.1:3100/api/inngest'), undefined)).status,
      (await PUT(new NextRequest('http://127.0.0.1:3100/api/inngest', { method: 'PUT' }), undefined)).status,
      (await POST(forgedCall(payment), undefined)).status,
    ]);
    expect(answers).toEqual([404, 404, 404]);

    // Inngest runs the jobs: the SDK refuses a call without a valid signature.
    const signed = { ...production, JOBS_DRIVER: 'inngest', INNGEST_EVENT_KEY: 'test-event-key', INNGEST_SIGNING_KEY: `signkey-prod-${'ab'.repeat(32)}` };
    const refused = await routeUnder(signed, async ({ POST }) => POST(forgedCall(payment), undefined));
    expect(refused.status).toBeGreaterThanOrEqual(400);

    expect(await db.$count(refunds, eq(refunds.paymentId, payment.id))).toBe(0);
  });
});

describe('onFailure', () => {
  it('marks the outbox row of a job Inngest gave up on as dead, with the error', async () => {
    const { payment } = await paidOrder(db);
    const [job] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.event, 'order/paid'), eq(outbox.dedupeKey, payment.id)));
    await db.update(outbox).set({ status: 'done', processedAt: sql`now()` }).where(eq(outbox.id, job!.id)); // relayed to Inngest
    expect(await markJobDead(db, job!.id, 'SMTP refused the connection')).toBe(true);
    const [dead] = await db.select().from(outbox).where(eq(outbox.id, job!.id));
    expect(dead).toMatchObject({ status: 'dead', lastError: 'SMTP refused the connection' });
  });
});
