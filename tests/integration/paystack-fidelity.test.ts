// Fidelity table: request → expected HTTP status and body, drawn from Paystack's documentation, checked with
// raw fetch against the simulator. "openapi" = Paystack's official OpenAPI description (PaystackOSS/openapi);
// "reported" = Paystack's wording as widely quoted by integrators, not in the OpenAPI file; "sim" = the
// simulator's own wording where Paystack's is not documented (callers should act on status and `code`).
import { beforeAll, describe, expect, it } from 'vitest';
import { paystackEnv, simulator, uniqueReference } from '../support/paystack-sim';

interface Fixtures {
  paid: string;
  paidId: number;
  partlyRefunded: string; // 500_000 paid, 400_000 refunded: 100_000 remains
  fullyRefunded: string;
  unpaid: string;
  refundId: number;
}

interface Case {
  name: string;
  source: string;
  request: (f: Fixtures) => { method: 'GET' | 'POST'; path: string; body?: Record<string, unknown>; form?: boolean; key?: string | null };
  http: number;
  status: boolean;
  message: string;
  /** Extra fields the body must contain (matched as a subset). */
  has?: Record<string, unknown>;
  /** Keys `data` must have: the `required` list of the OpenAPI response schema. */
  dataKeys?: string[];
}

const init = (body: Record<string, unknown>) => ({ method: 'POST' as const, path: '/transaction/initialize', body });
const email = 'fidelity@example.com';
const verifyKeys = [
  'id',
  'domain',
  'status',
  'reference',
  'receipt_number',
  'amount',
  'message',
  'gateway_response',
  'paid_at',
  'created_at',
  'channel',
  'currency',
  'ip_address',
  'metadata',
  'log',
  'fees',
  'fees_split',
  'authorization',
  'customer',
  'plan',
  'split',
  'order_id',
  'paidAt',
  'createdAt',
  'requested_amount',
  'pos_transaction_data',
  'source',
  'fees_breakdown',
  'connect',
  'transaction_date',
  'plan_object',
  'subaccount',
];
const refundCreateKeys = [
  'transaction',
  'integration',
  'deducted_amount',
  'channel',
  'merchant_note',
  'customer_note',
  'status',
  'refunded_by',
  'expected_at',
  'currency',
  'domain',
  'amount',
  'fully_deducted',
  'id',
  'createdAt',
  'updatedAt',
];
const refundFetchKeys = [
  'integration',
  'transaction',
  'dispute',
  'settlement',
  'id',
  'domain',
  'currency',
  'amount',
  'status',
  'refunded_at',
  'refunded_by',
  'customer_note',
  'merchant_note',
  'deducted_amount',
  'fully_deducted',
  'createdAt',
  'bank_reference',
  'transaction_reference',
  'reason',
  'customer',
  'refund_type',
  'transaction_amount',
  'initiated_by',
  'refund_channel',
  'session_id',
  'collect_account_number',
];

const cases: Case[] = [
  // POST /transaction/initialize
  {
    name: 'valid initialize',
    source: 'openapi TransactionInitializeResponse',
    request: () => init({ email, amount: 500_000, reference: uniqueReference('ok') }),
    http: 200,
    status: true,
    message: 'Authorization URL created',
    dataKeys: ['authorization_url', 'access_code', 'reference'],
  },
  {
    name: 'form-encoded initialize',
    source: 'openapi requestBody application/x-www-form-urlencoded',
    request: () => ({ ...init({ email, amount: '500000', reference: uniqueReference('form') }), form: true }),
    http: 200,
    status: true,
    message: 'Authorization URL created',
  },
  {
    name: 'reference with - . = and alphanumerics',
    source: 'openapi TransactionInitialize.reference',
    request: () => init({ email, amount: 500_000, reference: `${uniqueReference('charset')}.v=2` }),
    http: 200,
    status: true,
    message: 'Authorization URL created',
  },
  {
    name: 'reference with an underscore',
    source: 'openapi TransactionInitialize.reference; message: sim',
    request: () => init({ email, amount: 500_000, reference: 'TXN_abc123' }),
    http: 400,
    status: false,
    message: 'Invalid transaction reference. Only -, ., = and alphanumeric characters allowed',
  },
  {
    name: 'reference with a space',
    source: 'openapi TransactionInitialize.reference; message: sim',
    request: () => init({ email, amount: 500_000, reference: 'TXN abc' }),
    http: 400,
    status: false,
    message: 'Invalid transaction reference. Only -, ., = and alphanumeric characters allowed',
  },
  {
    name: 'reference with a slash',
    source: 'openapi TransactionInitialize.reference; message: sim',
    request: () => init({ email, amount: 500_000, reference: 'TXN/abc' }),
    http: 400,
    status: false,
    message: 'Invalid transaction reference. Only -, ., = and alphanumeric characters allowed',
  },
  {
    name: 'duplicate reference',
    source: 'openapi TransactionInitializeBadRequestModel example',
    request: (f) => init({ email, amount: 500_000, reference: f.paid }),
    http: 400,
    status: false,
    message: 'Duplicate Transaction Reference',
    has: { meta: { nextStep: 'Try and create the Transaction or Charge with a new reference' }, type: 'validation_error', code: 'duplicate_reference' },
  },
  {
    name: 'non-integer amount',
    source: 'openapi amount: integer; message: reported',
    request: () => init({ email, amount: 5_000.5 }),
    http: 400,
    status: false,
    message: 'Invalid Amount Sent',
  },
  {
    name: 'amount as a decimal string',
    source: 'openapi amount: integer; message: reported',
    request: () => init({ email, amount: '5000.50' }),
    http: 400,
    status: false,
    message: 'Invalid Amount Sent',
  },
  {
    name: 'missing amount',
    source: 'openapi required: amount; message: reported',
    request: () => init({ email }),
    http: 400,
    status: false,
    message: 'Invalid Amount Sent',
  },
  {
    name: 'NGN below ₦50.00 minimum',
    source: 'Paystack supported currencies table; message: reported',
    request: () => init({ email, amount: 4_999 }),
    http: 400,
    status: false,
    message: 'Invalid Amount Sent',
  },
  {
    name: 'NGN exactly ₦50.00',
    source: 'Paystack supported currencies table',
    request: () => init({ email, amount: 5_000 }),
    http: 200,
    status: true,
    message: 'Authorization URL created',
  },
  {
    name: 'USD below $2.00 minimum',
    source: 'Paystack supported currencies table',
    request: () => init({ email, amount: 199, currency: 'USD' }),
    http: 400,
    status: false,
    message: 'Invalid Amount Sent',
  },
  {
    name: 'GHS at ₵0.10 minimum',
    source: 'Paystack supported currencies table',
    request: () => init({ email, amount: 10, currency: 'GHS' }),
    http: 200,
    status: true,
    message: 'Authorization URL created',
  },
  {
    name: 'unsupported currency',
    source: 'openapi Currency enum; message: reported',
    request: () => init({ email, amount: 500_000, currency: 'EUR' }),
    http: 400,
    status: false,
    message: 'Currency not supported by merchant',
  },
  {
    name: 'missing email',
    source: 'openapi required: email; message: reported',
    request: () => init({ amount: 500_000 }),
    http: 400,
    status: false,
    message: 'Invalid Email Address Passed',
  },
  {
    name: 'malformed email',
    source: 'message: reported',
    request: () => init({ email: 'buyer@', amount: 500_000 }),
    http: 400,
    status: false,
    message: 'Invalid Email Address Passed',
  },
  // Authentication
  {
    name: 'wrong secret key',
    source: 'openapi responses.Unauthorized example',
    request: () => ({ ...init({ email, amount: 500_000 }), key: 'sk_test_wrong000000000000000000000000000000' }),
    http: 401,
    status: false,
    message: 'Invalid key',
  },
  {
    name: 'no Authorization header',
    source: 'openapi responses.Unauthorized example',
    request: (f) => ({ method: 'GET', path: `/transaction/verify/${f.paid}`, key: null }),
    http: 401,
    status: false,
    message: 'Invalid key',
  },
  // GET /transaction/verify/:reference
  {
    name: 'verify a paid transaction',
    source: 'openapi VerifyResponse (required keys)',
    request: (f) => ({ method: 'GET', path: `/transaction/verify/${f.paid}` }),
    http: 200,
    status: true,
    message: 'Verification successful',
    has: { data: expect.objectContaining({ status: 'success', domain: 'test', amount: 500_000, currency: 'NGN', channel: 'card' }) },
    dataKeys: verifyKeys,
  },
  {
    name: 'verify a transaction nobody paid',
    source: 'Paystack verify docs: status abandoned',
    request: (f) => ({ method: 'GET', path: `/transaction/verify/${f.unpaid}` }),
    http: 200,
    status: true,
    message: 'Verification successful',
    has: { data: expect.objectContaining({ status: 'abandoned', paid_at: null, gateway_response: 'The transaction was not completed' }) },
  },
  {
    name: 'verify an unknown reference',
    source: 'reported (400, code transaction_not_found)',
    request: () => ({ method: 'GET', path: `/transaction/verify/${uniqueReference('unknown')}` }),
    http: 400,
    status: false,
    message: 'Transaction reference not found',
    has: { code: 'transaction_not_found' },
  },
  // POST /refund
  {
    name: 'partial refund',
    source: 'openapi RefundCreateResponse; message: reported',
    request: (f) => ({ method: 'POST', path: '/refund', body: { transaction: f.paid, amount: 10_000 } }),
    http: 200,
    status: true,
    message: 'Refund has been queued for processing',
    has: { data: expect.objectContaining({ status: 'pending', amount: 10_000 }) },
    dataKeys: refundCreateKeys,
  },
  {
    name: 'refund by transaction id',
    source: 'openapi RefundCreate.transaction (id or reference)',
    request: (f) => ({ method: 'POST', path: '/refund', body: { transaction: String(f.paidId), amount: 10_000 } }),
    http: 200,
    status: true,
    message: 'Refund has been queued for processing',
  },
  {
    name: 'refund above what remains',
    source: 'openapi RefundCreate.amount; message: sim',
    request: (f) => ({ method: 'POST', path: '/refund', body: { transaction: f.partlyRefunded, amount: 100_001 } }),
    http: 400,
    status: false,
    message: 'Refund amount cannot be greater than the unrefunded amount of the transaction',
  },
  {
    name: 'refund of a fully reversed transaction',
    source: 'reported (type api_error, code transaction_reversed)',
    request: (f) => ({ method: 'POST', path: '/refund', body: { transaction: f.fullyRefunded } }),
    http: 400,
    status: false,
    message: 'Transaction has been fully reversed',
    has: { code: 'transaction_reversed' },
  },
  {
    name: 'refund of an unpaid transaction',
    source: 'sim',
    request: (f) => ({ method: 'POST', path: '/refund', body: { transaction: f.unpaid } }),
    http: 400,
    status: false,
    message: 'Cannot refund a transaction that has not been successful',
  },
  {
    name: 'refund of an unknown transaction',
    source: 'sim',
    request: () => ({ method: 'POST', path: '/refund', body: { transaction: uniqueReference('nope') } }),
    http: 404,
    status: false,
    message: 'Transaction not found',
  },
  // GET /refund/:id and GET /refund
  {
    name: 'fetch a refund',
    source: 'openapi RefundFetchResponse (required keys)',
    request: (f) => ({ method: 'GET', path: `/refund/${f.refundId}` }),
    http: 200,
    status: true,
    message: 'Refund retrieved',
    dataKeys: refundFetchKeys,
  },
  {
    name: 'fetch an unknown refund',
    source: 'openapi responses.NotFound; message: sim',
    request: () => ({ method: 'GET', path: '/refund/1' }),
    http: 404,
    status: false,
    message: 'Refund not found',
  },
  {
    name: 'list refunds',
    source: 'openapi RefundListResponse meta',
    request: () => ({ method: 'GET', path: '/refund?perPage=2&page=1' }),
    http: 200,
    status: true,
    message: 'Refunds retrieved',
    has: {
      meta: expect.objectContaining({
        perPage: '2',
        page: 1,
        total: expect.any(Number),
        skipped: 0,
        pageCount: expect.any(Number),
        failedRefundCount: expect.any(Number),
      }),
    },
  },
];

async function send(request: ReturnType<Case['request']>) {
  const { baseUrl, secretKey } = paystackEnv();
  const key = request.key === undefined ? secretKey : request.key;
  const headers: Record<string, string> = key === null ? {} : { authorization: `Bearer ${key}` };
  let body: string | undefined;
  if (request.body && request.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(request.body as Record<string, string>).toString();
  } else if (request.body) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(request.body);
  }
  const response = await fetch(`${baseUrl}${request.path}`, { method: request.method, headers, body });
  return { http: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function paid(label: string): Promise<{ reference: string; id: number }> {
  const reference = uniqueReference(label);
  await simulator.setKnobs(reference, { dropWebhooks: true, refundAutoProcessMs: null });
  await send(init({ email, amount: 500_000, reference }));
  await simulator.act(reference, 'pay');
  const verified = await send({ method: 'GET', path: `/transaction/verify/${reference}` });
  return { reference, id: (verified.body.data as { id: number }).id };
}

describe('Paystack simulator fidelity', () => {
  let fixtures: Fixtures;

  beforeAll(async () => {
    const [base, partly, fully] = await Promise.all([paid('fid-paid'), paid('fid-partly'), paid('fid-fully')]);
    const unpaid = uniqueReference('fid-unpaid');
    await simulator.setKnobs(unpaid, { dropWebhooks: true });
    await send(init({ email, amount: 500_000, reference: unpaid }));
    await send({ method: 'POST', path: '/refund', body: { transaction: partly.reference, amount: 400_000 } });
    await send({ method: 'POST', path: '/refund', body: { transaction: fully.reference } });
    const refund = await send({ method: 'POST', path: '/refund', body: { transaction: base.reference, amount: 5_000 } });
    const refundId = (refund.body.data as { id: number }).id;
    fixtures = { paid: base.reference, paidId: base.id, partlyRefunded: partly.reference, fullyRefunded: fully.reference, unpaid, refundId };
  });

  it.each(cases)('$name → $http ($source)', async (row) => {
    const { http, body } = await send(row.request(fixtures));
    expect({ http, status: body.status, message: body.message }).toEqual({ http: row.http, status: row.status, message: row.message });
    if (row.has) expect(body).toMatchObject(row.has);
    if (row.dataKeys) expect(Object.keys(body.data as object)).toEqual(expect.arrayContaining(row.dataKeys));
  });
});

describe('Paystack simulator under concurrent requests', () => {
  it('lets exactly one of 40 simultaneous initializes with one reference win', async () => {
    const reference = uniqueReference('race');
    await simulator.setKnobs(reference, { dropWebhooks: true });
    const replies = await Promise.all(Array.from({ length: 40 }, () => send(init({ email, amount: 500_000, reference }))));
    expect(replies.filter((reply) => reply.http === 200)).toHaveLength(1);
    expect(replies.filter((reply) => reply.body.message === 'Duplicate Transaction Reference')).toHaveLength(39);
  });

  it('never refunds more than was paid when 20 partial refunds race', async () => {
    const { reference } = await paid('refund-race');
    const replies = await Promise.all(
      Array.from({ length: 20 }, () => send({ method: 'POST', path: '/refund', body: { transaction: reference, amount: 100_000 } })),
    );
    expect(replies.filter((reply) => reply.http === 200)).toHaveLength(5); // 5 × ₦1,000 = the ₦5,000 paid
    expect(replies.filter((reply) => reply.http === 400).map((reply) => reply.body.message)).toEqual(
      Array.from({ length: 15 }, () => 'Transaction has been fully reversed'),
    );
  });
});
