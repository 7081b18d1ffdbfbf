// The Inngest functions, run in-process by @inngest/test against the real Postgres and the mail catcher: their steps
// run in order and are idempotent when Inngest retries them; the served route registers every job and schedule with
// its trigger (checked against a local stand-in for Inngest's dev server, which cannot be installed here); and a
// function that Inngest gives up on leaves its outbox row dead for operators.
import { createServer } from 'node:http';
import { InngestTestEngine } from '@inngest/test';
import { NextRequest } from 'next/server';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { emailDeliveries, invoices, outbox, scheduledRuns } from '@/db/schema';
import { inngest } from '@/inngest/client';
import { createJobFunctions, OUTBOX_SWEEP } from '@/inngest/functions';
import { smtpConfigFromEnv, smtpMailer } from '@/lib/email/mailer';
import { env } from '@/lib/env';
import { definedJobEvents, definitionFor, type JobDeps } from '@/lib/jobs/definitions';
import { markJobDead } from '@/lib/jobs/relay';
import { schedules } from '@/lib/jobs/schedules';
import { testPaystack } from '../support/checkout-fixtures';
import { testDatabase } from '../support/db';
import { mailTo } from '../support/inbox';
import { paidOrder, uniqueEmail } from '../support/paid-order-fixtures';

const { db, sql: client } = testDatabase(10);
const mailer = smtpMailer(smtpConfigFromEnv(env()));
afterAll(async () => {
  mailer.close();
  await client.end();
});

const deps: JobDeps = {
  db,
  mailer,
  siteUrl: 'https://shop.example.test',
  orderAccessSecret: env().NEXTAUTH_SECRET,
  paystack: testPaystack(),
  expectedDomain: 'test',
  recoveryDelayMs: 0,
  log: () => {},
};
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
    const stepIds = (first.ctx.step.run as unknown as { mock: { calls: unknown[][] } }).mock.calls.map((call) => call[0]);
    expect(stepIds).toEqual(['issue-invoice', 'send-order-confirmation', 'send-payment-receipt']);
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
      const { PUT } = await import('@/app/api/inngest/route');
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
