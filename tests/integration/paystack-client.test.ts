// The production Paystack client against the simulator over real HTTP: every call, every error class,
// and the retry policy (reads retried with backoff, initialize and refund never).
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createPaystackClient, isOutcomeUnknown, type PaystackClientOptions, pooledTransport } from '../../lib/payments/paystack';
import { paystackEnv, simulator, uniqueReference } from '../support/paystack-sim';

/** A client on the app's own transport (an undici Pool per origin), counting requests, so a test can see how many attempts a call made. */
function client(overrides: Partial<PaystackClientOptions> = {}) {
  const counter = { calls: 0 };
  const paystack = createPaystackClient({
    ...paystackEnv(),
    timeoutMs: 2_000,
    retryBaseDelayMs: 5,
    transport: (request) => {
      counter.calls += 1;
      return pooledTransport(request);
    },
    ...overrides,
  });
  return Object.assign(paystack, { counter });
}

/** A port nothing listens on: bound by the OS for us, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A transaction that is initialised and paid; refunds settle only when a test says so; no webhooks. */
async function paidTransaction(label: string, amount = 500_000) {
  const reference = uniqueReference(label);
  await simulator.setKnobs(reference, { refundAutoProcessMs: null, dropWebhooks: true });
  const initialized = await client().initializeTransaction({ email: 'buyer@example.com', amount, reference });
  expect(initialized.ok).toBe(true);
  expect((await simulator.act(reference, 'pay')).body.outcome).toBe('paid');
  return reference;
}

describe('Paystack client: successful calls', () => {
  it('initializes a transaction and verifies it before and after payment', async () => {
    const paystack = client();
    const reference = uniqueReference('init');
    await simulator.setKnobs(reference, { dropWebhooks: true });
    const initialized = await paystack.initializeTransaction({
      email: 'buyer@example.com',
      amount: 1_234_500,
      reference,
      callbackUrl: 'http://127.0.0.1:3100/checkout/callback',
      metadata: { order_id: 'order-1' },
    });
    expect(initialized).toEqual({
      ok: true,
      value: { reference, accessCode: expect.any(String), authorizationUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/checkout\//) },
    });

    const before = await paystack.verifyTransaction(reference);
    expect(before.ok && before.value).toMatchObject({
      reference,
      status: 'abandoned', // Paystack's answer for a transaction nobody has tried to pay yet
      amount: 1_234_500,
      currency: 'NGN',
      domain: 'test',
      paidAt: null,
      fees: null,
      authorization: null,
      metadata: { order_id: 'order-1' },
      customer: { email: 'buyer@example.com' },
    });

    await simulator.act(reference, 'pay');
    const after = await paystack.verifyTransaction(reference);
    expect(after.ok && after.value).toMatchObject({
      status: 'success',
      channel: 'card',
      paidAt: expect.any(Date),
      fees: 28_518, // 1.5% of ₦12,345 + ₦100
      authorization: { last4: '4081', reusable: true },
    });
  });

  it('creates, fetches and lists refunds, and sees them settle', async () => {
    const paystack = client();
    const reference = await paidTransaction('refund');
    const created = await paystack.createRefund({ transaction: reference, amount: 200_000, merchantNote: 'damaged item' });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    expect(created.value).toMatchObject({ status: 'pending', amount: 200_000, currency: 'NGN', transactionReference: reference });

    const fetched = await paystack.fetchRefund(created.value.id);
    expect(fetched.ok && fetched.value).toMatchObject({ id: created.value.id, status: 'pending', merchantNote: 'damaged item' });

    await simulator.settleRefund(created.value.id, 'processed');
    const settled = await paystack.fetchRefund(created.value.id);
    expect(settled.ok && settled.value).toMatchObject({ status: 'processed', refundedAt: expect.any(Date) });

    const listed = await paystack.listRefunds({ perPage: 100 });
    if (!listed.ok) throw new Error(JSON.stringify(listed.error));
    expect(listed.value.refunds.map((refund) => refund.id)).toContain(created.value.id);
    expect(listed.value.total).toBeGreaterThanOrEqual(1);
  });

  it('refunds by transaction id and defaults to the whole remaining amount', async () => {
    const paystack = client();
    const reference = await paidTransaction('refund-by-id', 300_000);
    const verified = await paystack.verifyTransaction(reference);
    if (!verified.ok) throw new Error(JSON.stringify(verified.error));
    await paystack.createRefund({ transaction: reference, amount: 100_000 });
    const rest = await paystack.createRefund({ transaction: verified.value.id });
    expect(rest.ok && rest.value).toMatchObject({ amount: 200_000, transactionId: verified.value.id });
  });
});

describe('Paystack client: errors a caller can act on', () => {
  it('rejected: Paystack said no, with its code where it gives one', async () => {
    const paystack = client();
    const reference = await paidTransaction('rejected');
    const duplicate = await paystack.initializeTransaction({ email: 'buyer@example.com', amount: 500_000, reference });
    expect(duplicate).toEqual({
      ok: false,
      error: { kind: 'rejected', status: 400, message: 'Duplicate Transaction Reference', code: 'duplicate_reference' },
    });
    const unknown = await paystack.verifyTransaction(uniqueReference('never-initialized'));
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'rejected', status: 400, code: 'transaction_not_found' } });
    expect(paystack.counter.calls).toBe(2); // a 4xx is never retried

    await paystack.createRefund({ transaction: reference });
    const again = await paystack.createRefund({ transaction: reference });
    expect(again).toMatchObject({ ok: false, error: { kind: 'rejected', code: 'transaction_reversed' } });
  });

  it('unauthorized: a wrong secret key', async () => {
    const paystack = client({ secretKey: 'sk_test_wrongkey00000000000000000000000000' });
    expect(await paystack.verifyTransaction('anything')).toEqual({
      ok: false,
      error: { kind: 'unauthorized', status: 401, message: 'Invalid key' },
    });
    expect(await paystack.listRefunds()).toMatchObject({ ok: false, error: { kind: 'unauthorized' } });
    expect(paystack.counter.calls).toBe(2);
  });

  it('unavailable: verify retries 5xx a bounded number of times, then gives up', async () => {
    const paystack = client({ retries: 3 });
    const reference = await paidTransaction('verify-5xx');
    await simulator.setKnobs(reference, { faults: { verify: { mode: 'error', status: 503 } } });
    const result = await paystack.verifyTransaction(reference);
    expect(result).toMatchObject({ ok: false, error: { kind: 'unavailable', status: 503 } });
    expect(paystack.counter.calls).toBe(3);
  });

  it('verify and fetchRefund recover when the outage is shorter than the retries', async () => {
    const paystack = client({ retries: 3 });
    const reference = await paidTransaction('verify-blip');
    const refund = await paystack.createRefund({ transaction: reference, amount: 10_000 });
    if (!refund.ok) throw new Error(JSON.stringify(refund.error));
    await simulator.setKnobs(reference, {
      faults: { verify: { mode: 'error', status: 502, times: 2 }, fetchRefund: { mode: 'error', status: 429, times: 1 } },
    });
    paystack.counter.calls = 0;
    expect(await paystack.verifyTransaction(reference)).toMatchObject({ ok: true, value: { status: 'success' } });
    expect(await paystack.fetchRefund(refund.value.id)).toMatchObject({ ok: true, value: { id: refund.value.id } });
    expect(paystack.counter.calls).toBe(5); // 2 failures + 1 success, 1 failure + 1 success
  });

  it('unavailable: initialize and createRefund are tried exactly once, the outcome flagged unknown', async () => {
    const paystack = client({ retries: 3 });
    const reference = uniqueReference('init-5xx');
    // phase "after": Paystack created the transaction, then the reply was lost.
    await simulator.setKnobs(reference, { dropWebhooks: true, faults: { initialize: { mode: 'error', status: 500, phase: 'after' } } });
    const initialized = await paystack.initializeTransaction({ email: 'buyer@example.com', amount: 500_000, reference });
    expect(initialized).toMatchObject({ ok: false, error: { kind: 'unavailable', status: 500 } });
    expect(!initialized.ok && isOutcomeUnknown(initialized.error)).toBe(true);
    expect(paystack.counter.calls).toBe(1);
    // …which is why the caller verifies before trying again: the transaction does exist.
    expect(await paystack.verifyTransaction(reference)).toMatchObject({ ok: true, value: { reference } });

    const paid = await paidTransaction('refund-5xx');
    await simulator.setKnobs(paid, { faults: { refund: { mode: 'error', status: 500 } } });
    paystack.counter.calls = 0;
    expect(await paystack.createRefund({ transaction: paid })).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    expect(paystack.counter.calls).toBe(1);
  });

  it('unavailable: nothing listening at the base URL', async () => {
    const paystack = client({ baseUrl: `http://127.0.0.1:${await closedPort()}`, retries: 2 });
    const result = await paystack.verifyTransaction('anything');
    expect(result).toMatchObject({ ok: false, error: { kind: 'unavailable', message: expect.stringContaining('ECONNREFUSED') } });
    expect(paystack.counter.calls).toBe(2);
  });

  it('timeout: initialize gets one attempt; verify retries past a single slow reply', async () => {
    const paystack = client({ timeoutMs: 300 });
    const reference = uniqueReference('timeout');
    await simulator.setKnobs(reference, {
      dropWebhooks: true,
      faults: { initialize: { mode: 'timeout', times: 1 }, verify: { mode: 'timeout', times: 1 } },
    });
    const initialized = await paystack.initializeTransaction({ email: 'buyer@example.com', amount: 500_000, reference });
    expect(initialized).toEqual({ ok: false, error: { kind: 'timeout', message: 'no response within 300 ms' } });
    expect(paystack.counter.calls).toBe(1);

    await client().initializeTransaction({ email: 'buyer@example.com', amount: 500_000, reference });
    paystack.counter.calls = 0;
    expect(await paystack.verifyTransaction(reference)).toMatchObject({ ok: true, value: { reference } });
    expect(paystack.counter.calls).toBe(2);
  });

  it('invalid_response: a 200 whose data is not Paystack’s shape is not retried', async () => {
    const paystack = client();
    const reference = await paidTransaction('malformed');
    await simulator.setKnobs(reference, { faults: { verify: { mode: 'malformed' } } });
    const result = await paystack.verifyTransaction(reference);
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid_response', status: 200 } });
    expect(paystack.counter.calls).toBe(1);
  });
});

describe('Paystack client: an injected fetch', () => {
  it('sends with the fetch it was given instead of the pooled transport, with the same error mapping', async () => {
    let calls = 0;
    const paystack = createPaystackClient({
      ...paystackEnv(),
      timeoutMs: 2_000,
      fetch: (input, init) => {
        calls += 1;
        return fetch(input, init);
      },
    });
    const reference = uniqueReference('fetch');
    await simulator.setKnobs(reference, { dropWebhooks: true });
    expect(await paystack.initializeTransaction({ email: 'buyer@example.com', amount: 500_000, reference })).toMatchObject({ ok: true, value: { reference } });
    expect(calls).toBe(1);

    const down = createPaystackClient({ ...paystackEnv(), baseUrl: `http://127.0.0.1:${await closedPort()}`, retries: 1, fetch });
    expect(await down.verifyTransaction('anything')).toMatchObject({
      ok: false,
      error: { kind: 'unavailable', message: expect.stringContaining('ECONNREFUSED') },
    });
  });
});
