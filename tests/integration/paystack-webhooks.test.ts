// Webhooks from the simulator to a listener this test runs: signature, hosted checkout redirects, and every
// delivery knob (copies, drop, delay, reordering, retry after a 500). Knobs are per transaction, so the rest
// of the suite - and the app's own webhook URL - never see them.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../lib/payments/paystack/signature';
import type { KnobsInput } from '../../scripts/paystack-sim/knobs';
import { paystackApi, paystackEnv, simulator, uniqueReference } from '../support/paystack-sim';
import { waitFor } from '../support/wait';

interface Received {
  rawBody: string;
  signature: string | undefined;
  contentType: string | undefined;
  event: string;
  reference: string;
  at: number;
}

const received: Received[] = [];
/** Status the listener answers for a reference's n-th delivery (0-based); 200 unless a test says otherwise. */
const answers = new Map<string, (n: number) => number>();
let listener: Server;
let webhookUrl: string;

beforeAll(async () => {
  listener = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const parsed = JSON.parse(rawBody) as { event: string; data: { reference?: string; transaction_reference?: string } };
      const reference = parsed.data.reference ?? parsed.data.transaction_reference ?? '';
      const n = received.filter((entry) => entry.reference === reference).length;
      const signature = req.headers['x-paystack-signature'];
      received.push({
        rawBody,
        signature: typeof signature === 'string' ? signature : undefined,
        contentType: req.headers['content-type'],
        event: parsed.event,
        reference,
        at: Date.now(),
      });
      res.writeHead(answers.get(reference)?.(n) ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const address = listener.address();
  if (address === null || typeof address === 'string') throw new Error('listener has no port');
  webhookUrl = `http://127.0.0.1:${address.port}/paystack`;
});

afterAll(async () => {
  listener.closeAllConnections();
  await new Promise((resolve) => listener.close(resolve));
});

const arrivals = (reference: string) => received.filter((entry) => entry.reference === reference);
const arrived = (reference: string, count: number) =>
  waitFor(`${count} webhook(s) for ${reference}`, () => (arrivals(reference).length >= count ? arrivals(reference) : undefined));

/** A transaction whose webhooks go to this test's listener; refunds settle only when told. */
async function transaction(label: string, knobs: KnobsInput = {}, extra: Record<string, unknown> = {}) {
  const reference = uniqueReference(label);
  await simulator.setKnobs(reference, { webhookUrl, refundAutoProcessMs: null, ...knobs });
  const reply = await paystackApi('POST', '/transaction/initialize', {
    body: { email: 'hooks@example.com', amount: 500_000, reference, ...extra },
  });
  expect(reply.status).toBe(200);
  return { reference, authorizationUrl: (reply.body.data as { authorization_url: string }).authorization_url };
}

describe('Paystack simulator webhooks', () => {
  it('sends charge.success as {event, data}, signed over the exact bytes, when paid through the control API', async () => {
    const { reference } = await transaction('signed');
    expect((await simulator.act(reference, 'pay')).body.outcome).toBe('paid');
    const [webhook] = await arrived(reference, 1);
    if (!webhook) throw new Error('no webhook');
    expect(verifyWebhookSignature(webhook.rawBody, webhook.signature, paystackEnv().secretKey)).toBe(true);
    expect(verifyWebhookSignature(JSON.stringify(JSON.parse(webhook.rawBody), null, 2), webhook.signature, paystackEnv().secretKey)).toBe(false);
    expect(webhook.contentType).toBe('application/json');
    const body = JSON.parse(webhook.rawBody) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['event', 'data']); // Paystack sends no event id
    expect(body).toMatchObject({
      event: 'charge.success',
      data: { reference, status: 'success', amount: 500_000, currency: 'NGN', domain: 'test', id: expect.any(Number) },
    });
  });

  it('runs the hosted checkout: shows the payment, declines without a webhook, then pays and redirects to the callback', async () => {
    const { reference, authorizationUrl } = await transaction('checkout', {}, { callback_url: 'http://127.0.0.1:3100/checkout/callback?order=42' });
    const page = await fetch(authorizationUrl);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('₦5,000.00');
    expect(html).toContain('hooks@example.com');
    expect(html).toContain('Paystack Commerce');

    const declined = await fetch(`${authorizationUrl}/decline`, { method: 'POST', redirect: 'manual' });
    expect(declined.status).toBe(303);
    expect(declined.headers.get('location')).toMatch(/\?declined=1$/);
    const afterDecline = await paystackApi('GET', `/transaction/verify/${reference}`);
    expect(afterDecline.body.data).toMatchObject({ status: 'failed', gateway_response: 'Declined' });

    const paid = await fetch(`${authorizationUrl}/pay`, { method: 'POST', redirect: 'manual' });
    expect(paid.status).toBe(302);
    const location = new URL(paid.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe('http://127.0.0.1:3100/checkout/callback');
    expect(Object.fromEntries(location.searchParams)).toEqual({ order: '42', trxref: reference, reference });

    const [webhook] = await arrived(reference, 1);
    expect(webhook?.event).toBe('charge.success');
    // The decline produced no webhook: the only event ever logged for this transaction is the payment.
    expect((await simulator.deliveries(reference)).map((delivery) => delivery.event)).toEqual(['charge.success']);
  });

  it('cancel goes to metadata.cancel_action when given, else back to the callback, and leaves the payment abandoned', async () => {
    const withAction = await transaction(
      'cancel-action',
      {},
      { callback_url: 'http://127.0.0.1:3100/cb', metadata: { cancel_action: 'http://127.0.0.1:3100/cart' } },
    );
    const cancelled = await fetch(`${withAction.authorizationUrl}/cancel`, { method: 'POST', redirect: 'manual' });
    expect(cancelled.headers.get('location')).toBe('http://127.0.0.1:3100/cart');

    const withoutAction = await transaction('cancel-callback', {}, { callback_url: 'http://127.0.0.1:3100/cb' });
    const back = await fetch(`${withoutAction.authorizationUrl}/cancel`, { method: 'POST', redirect: 'manual' });
    expect(back.headers.get('location')).toBe(`http://127.0.0.1:3100/cb?trxref=${withoutAction.reference}&reference=${withoutAction.reference}`);
    expect((await paystackApi('GET', `/transaction/verify/${withoutAction.reference}`)).body.data).toMatchObject({ status: 'abandoned' });
  });

  it('delivers n identical copies, some at the same instant', async () => {
    const { reference } = await transaction('copies', { webhookCopies: 5, webhookConcurrentCopies: 3 });
    await simulator.act(reference, 'pay');
    const copies = await arrived(reference, 5);
    expect(new Set(copies.map((copy) => copy.rawBody)).size).toBe(1);
    expect(new Set(copies.map((copy) => copy.signature)).size).toBe(1);
  });

  it('drops the webhook entirely, so only verify can discover the payment', async () => {
    const dropped = await transaction('dropped', { dropWebhooks: true });
    await simulator.act(dropped.reference, 'pay');
    // A second payment sent after it arrives normally: by then the dropped one would have arrived too.
    const sentinel = await transaction('after-drop');
    await simulator.act(sentinel.reference, 'pay');
    await arrived(sentinel.reference, 1);
    expect(arrivals(dropped.reference)).toEqual([]);
    expect(await simulator.deliveries(dropped.reference)).toMatchObject([{ event: 'charge.success', state: 'dropped', attempts: [] }]);
    expect((await paystackApi('GET', `/transaction/verify/${dropped.reference}`)).body.data).toMatchObject({ status: 'success' });
  });

  it('delays delivery by the configured time', async () => {
    const { reference } = await transaction('delayed', { webhookDelayMs: 400 });
    const paidAt = Date.now();
    await simulator.act(reference, 'pay');
    const [webhook] = await arrived(reference, 1);
    expect((webhook?.at ?? 0) - paidAt).toBeGreaterThanOrEqual(400);
  });

  it('delivers a transaction’s events out of order: refund.processed before refund.pending before charge.success', async () => {
    const { reference } = await transaction('reordered', { outOfOrderWindowMs: 600 });
    await simulator.act(reference, 'pay');
    const refund = await paystackApi('POST', '/refund', { body: { transaction: reference } });
    await simulator.settleRefund((refund.body.data as { id: number }).id, 'processed');
    const events = (await arrived(reference, 3)).map((entry) => entry.event);
    expect(events).toEqual(['refund.processed', 'refund.pending', 'charge.success']);
  });

  it('retries a delivery the merchant answered with 500, on the (compressed) test-mode schedule', async () => {
    const { reference } = await transaction('retry', { retrySchedule: 'test', timeScale: 0.0001 });
    answers.set(reference, (n) => (n === 0 ? 500 : 200));
    await simulator.act(reference, 'pay');
    const attempts = await arrived(reference, 2);
    expect(attempts.map((attempt) => attempt.rawBody)).toEqual([attempts[0]?.rawBody, attempts[0]?.rawBody]);
    // An hour scaled by 0.0001 is 360 ms between the two attempts.
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBeGreaterThanOrEqual(300);
    const [delivery] = await waitFor('the delivery to be marked delivered', async () => {
      const log = await simulator.deliveries(reference);
      return log[0]?.state === 'delivered' ? log : undefined;
    });
    expect(delivery?.attempts.map((attempt) => attempt.status)).toEqual([500, 200]);
  });

  it('sends refund.pending, then refund.processed or refund.failed, in Paystack’s refund event shape', async () => {
    const { reference } = await transaction('refund-events');
    await simulator.act(reference, 'pay');
    const first = await paystackApi('POST', '/refund', { body: { transaction: reference, amount: 100_000 } });
    const second = await paystackApi('POST', '/refund', { body: { transaction: reference, amount: 50_000 } });
    await simulator.settleRefund((first.body.data as { id: number }).id, 'processed');
    await simulator.settleRefund((second.body.data as { id: number }).id, 'failed');
    const webhooks = await arrived(reference, 5);
    for (const webhook of webhooks) expect(verifyWebhookSignature(webhook.rawBody, webhook.signature, paystackEnv().secretKey)).toBe(true);
    const bodies = webhooks.map((webhook) => JSON.parse(webhook.rawBody) as { event: string; data: Record<string, unknown> });
    expect(bodies.map((body) => body.event).sort()).toEqual(['charge.success', 'refund.failed', 'refund.pending', 'refund.pending', 'refund.processed']);
    expect(bodies.find((body) => body.event === 'refund.processed')?.data).toMatchObject({
      status: 'processed',
      id: (first.body.data as { id: number }).id,
      transaction_reference: reference,
      refund_reference: expect.any(String),
      amount: 100_000,
      currency: 'NGN',
      domain: 'test',
      customer: { email: 'hooks@example.com' },
    });
  });
});
