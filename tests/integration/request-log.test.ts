// The log lines of real route handlers built with route(), against the real Postgres and Redis and with a
// charge.success signed by the Paystack simulator: exactly one request line per request, the request id echoed as
// `x-request-id` (the caller's when sane, else a fresh one), and that id carried into the webhook's line, the outbox
// rows the request wrote and the relay's line for the job. The logger is the doors' own seam (DoorDeps.logger):
// each call gets a logger writing into memory instead of stdout.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import * as cartRoute from '@/app/api/cart/route';
import * as webhookRoute from '@/app/api/webhooks/paystack/route';
import { outbox, payments } from '@/db/schema';
import { JOB_META_KEY } from '@/lib/jobs/events';
import { type JobDriver, relayOutbox } from '@/lib/jobs/relay';
import { createLogger, currentRequestId } from '@/lib/log';
import { apiJson, route } from '@/lib/server/doors/route';
import { orderAwaitingPayment, payAndCaptureWebhook } from '../support/checkout-fixtures';
import { testDatabase } from '../support/db';
import { signedInAs, through } from '../support/doors';
import { eventKeyOf, settledEvent } from '../support/webhook-inbox';

const { db, sql: client } = testDatabase(5);
afterAll(async () => {
  await client.end();
  await (globalThis as { __shopDb?: { sql: { end: () => Promise<void> } } }).__shopDb?.sql.end();
});

type Line = Record<string, unknown>;

/** A logger writing JSON lines into memory, and what it wrote. */
function capture() {
  const raw: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (chunk: string) => void raw.push(chunk) } });
  const lines = (): Line[] =>
    raw
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Line);
  return { logger, lines, raw };
}

/** Calls a handler with nobody signed in and the given logger in the doors' seam. */
function logged<H extends (...args: never[]) => Promise<Response>>(handler: H, logger: ReturnType<typeof createLogger>): H {
  return through(handler, () => ({ ...signedInAs(null), logger: () => logger })) as H;
}

const site = process.env.NEXTAUTH_URL!;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('the request line', () => {
  it('is exactly one line per request, echoing a sane incoming x-request-id', async () => {
    const { logger, lines } = capture();
    const requestId = `req-log.${randomUUID()}`;
    const response = await logged(
      cartRoute.GET,
      logger,
    )(new Request(new URL('/api/cart?token=should-not-appear', site), { headers: { 'x-request-id': requestId } }));

    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(requestId);
    const written = lines();
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ level: 'info', msg: 'request', route: 'api/cart', method: 'GET', status: 200, requestId });
    expect(written[0]!.durationMs).toEqual(expect.any(Number));
    // Never the URL, its query string, a header or a body.
    expect(JSON.stringify(written)).not.toContain('should-not-appear');
    expect(Object.keys(written[0]!).sort()).toEqual(['durationMs', 'hostname', 'level', 'method', 'msg', 'pid', 'requestId', 'route', 'status', 'time']);
  });

  it('replaces an invalid incoming x-request-id with a fresh one, in the header and the line alike', async () => {
    const { logger, lines } = capture();
    const response = await logged(cartRoute.GET, logger)(new Request(new URL('/api/cart', site), { headers: { 'x-request-id': 'not a sane id; drop table' } }));

    const echoed = response.headers.get('x-request-id');
    expect(echoed).toMatch(UUID);
    expect(lines()).toEqual([expect.objectContaining({ msg: 'request', status: 200, requestId: echoed })]);
  });

  it('logs a refusal with its status, and an unexpected failure as an error line plus the request line, both with the id', async () => {
    const refused = capture();
    const unsigned = await logged(
      webhookRoute.POST,
      refused.logger,
    )(
      new Request(new URL('/api/webhooks/paystack', site), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"event":"charge.success"}',
      }),
    );
    expect(unsigned.status).toBe(401);
    expect(refused.lines()).toEqual([
      expect.objectContaining({ msg: 'request', route: 'api/webhooks/paystack', method: 'POST', status: 401, requestId: unsigned.headers.get('x-request-id') }),
    ]);

    const broken = capture();
    const probe = route({ name: 'test/request-log-broken', audience: 'public', sameOrigin: false }, async () => {
      throw new Error('simulated failure');
    });
    const failed = await logged(probe, broken.logger)(new Request(new URL('/api/test', site), { headers: { 'x-request-id': 'req-broken' } }));
    expect(failed.status).toBe(500);
    expect(failed.headers.get('x-request-id')).toBe('req-broken');
    const written = broken.lines();
    expect(written.filter((line) => line.msg === 'request')).toEqual([
      expect.objectContaining({ level: 'error', status: 500, route: 'test/request-log-broken', requestId: 'req-broken' }),
    ]);
    expect(written.find((line) => line.msg === 'unexpected error')).toMatchObject({
      level: 'error',
      requestId: 'req-broken',
      route: 'test/request-log-broken',
    });

    const fine = capture();
    const ok = route({ name: 'test/request-log-ok', audience: 'public', sameOrigin: false }, async () => apiJson({ ok: true }, { status: 201 }));
    const created = await logged(ok, fine.logger)(new Request(new URL('/api/test', site)));
    expect([created.status, fine.lines().length]).toEqual([201, 1]);
  });
});

describe('the request id beyond the request', () => {
  it('reaches the webhook line, the outbox rows the webhook wrote and the relay line of their job', async () => {
    const { order, reference } = await orderAwaitingPayment(db, { stock: 20 });
    const { body, signature } = await payAndCaptureWebhook(reference);
    const { logger, lines, raw } = capture();
    const requestId = `req-webhook-${randomUUID()}`;

    const response = await logged(
      webhookRoute.POST,
      logger,
    )(
      new Request(new URL('/api/webhooks/paystack', site), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-paystack-signature': signature, 'x-request-id': requestId },
        body,
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'received' });
    expect(response.headers.get('x-request-id')).toBe(requestId);

    const written = lines();
    expect(written.filter((line) => line.msg === 'request')).toEqual([
      expect.objectContaining({ route: 'api/webhooks/paystack', method: 'POST', status: 200, requestId }),
    ]);
    // The request stores the event (its line says so); the inbox worker applies it under the same request id.
    expect(written.filter((line) => line.msg === 'webhook')).toEqual([
      expect.objectContaining({ eventType: 'charge.success', eventKey: eventKeyOf(body), outcome: 'received', requestId }),
    ]);
    expect((await settledEvent(db, eventKeyOf(body))).status).toBe('processed');
    // The event's card data and the shopper's address never reach a line.
    const sent = JSON.parse(body) as { data: { authorization: { authorization_code: string }; customer: { email: string } } };
    expect(raw.join('')).not.toContain(sent.data.authorization.authorization_code);
    expect(raw.join('')).not.toContain(sent.data.customer.email);

    const [payment] = await db.select().from(payments).where(eq(payments.orderId, order.id));
    const [paidJob] = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.event, 'order/paid'), eq(outbox.dedupeKey, payment!.id)));
    expect(paidJob!.payload).toMatchObject({ orderId: order.id, [JOB_META_KEY]: { requestId } });

    // The relay runs the job under that id (what the job itself logs says so) and writes one line for the run.
    const seen: Array<string | undefined> = [];
    const recording: JobDriver = {
      name: 'in-process',
      dispatch: async () => {
        seen.push(currentRequestId());
        return { kind: 'done' };
      },
    };
    const jobLog = capture();
    expect(await relayOutbox({ db, driver: recording, logger: jobLog.logger }, { ids: [paidJob!.id] })).toMatchObject({ claimed: 1, done: 1 });
    expect(seen).toEqual([requestId]);
    expect(jobLog.lines()).toEqual([
      expect.objectContaining({
        level: 'info',
        msg: 'job',
        job: 'order/paid',
        outboxId: paidJob!.id,
        attempt: 1,
        driver: 'in-process',
        outcome: 'done',
        durationMs: expect.any(Number),
        requestId,
      }),
    ]);
  });
});
