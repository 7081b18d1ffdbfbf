// POST /transaction/initialize, GET /transaction/verify/:reference and GET /transaction (the list), with Paystack's
// validation rules.
import type { SimContext } from './context';
import { json, type SimReply } from './http-kit';
import { envelope, failure, transactionJson } from './render';
import { isCurrency, isEmail, minimumAmount, parseAmount, randomCode, referencePattern } from './rules';
import type { SimTransaction } from './store';

/** Where a message is not in the OpenAPI file, it is the wording Paystack is widely reported to answer with. */
export const messages = {
  initialized: 'Authorization URL created',
  verified: 'Verification successful',
  invalidEmail: 'Invalid Email Address Passed',
  invalidAmount: 'Invalid Amount Sent',
  badCurrency: 'Currency not supported by merchant',
  badReference: 'Invalid transaction reference. Only -, ., = and alphanumeric characters allowed',
  duplicateReference: 'Duplicate Transaction Reference',
  referenceNotFound: 'Transaction reference not found',
  listed: 'Transactions retrieved',
  invalidDate: 'Invalid date passed',
};

const notCompleted = 'The transaction was not completed';

export function initializeTransaction(ctx: SimContext, body: Record<string, unknown>): SimReply {
  const invalid = (message: string, nextStep?: string) => json(400, failure(message, { type: 'validation_error', ...(nextStep ? { nextStep } : {}) }));

  if (!isEmail(body.email)) return invalid(messages.invalidEmail, 'Provide a valid customer email address');
  const currency = body.currency ?? 'NGN';
  if (!isCurrency(currency)) return invalid(messages.badCurrency, 'Use one of NGN, GHS, ZAR, KES, USD');
  const amount = parseAmount(body.amount);
  if (amount === undefined || amount < minimumAmount[currency]) {
    return invalid(messages.invalidAmount, `Send an integer amount in the currency's subunit, at least ${minimumAmount[currency]} for ${currency}`);
  }
  const reference = body.reference ?? randomCode(12);
  if (typeof reference !== 'string' || reference.length === 0 || !referencePattern.test(reference)) {
    return invalid(messages.badReference);
  }
  // Check-and-insert with no await in between: concurrent initializes with one reference cannot both win.
  if (ctx.store.hasReference(reference)) {
    return json(
      400,
      failure(messages.duplicateReference, {
        type: 'validation_error',
        code: 'duplicate_reference',
        nextStep: 'Try and create the Transaction or Charge with a new reference',
      }),
    );
  }
  const transaction: SimTransaction = {
    id: ctx.store.nextTransactionId(),
    reference,
    accessCode: randomCode(15),
    amount,
    requestedAmount: amount,
    currency,
    customer: ctx.store.customerFor(body.email),
    callbackUrl: typeof body.callback_url === 'string' && body.callback_url !== '' ? body.callback_url : null,
    metadata: parseMetadata(body.metadata),
    // Paystack reports a transaction nobody has tried to pay yet as abandoned, not pending.
    status: 'abandoned',
    gatewayResponse: notCompleted,
    createdAt: new Date(),
    paidAt: null,
    fees: null,
    authorization: null,
    history: [],
  };
  ctx.store.addTransaction(transaction);
  return json(
    200,
    envelope(messages.initialized, {
      authorization_url: `${ctx.baseUrl}/checkout/${transaction.accessCode}`,
      access_code: transaction.accessCode,
      reference,
    }),
  );
}

export function verifyTransaction(ctx: SimContext, reference: string): SimReply {
  const transaction = ctx.store.transaction(reference);
  if (!transaction) {
    return json(
      400,
      failure(messages.referenceNotFound, {
        type: 'validation_error',
        code: 'transaction_not_found',
        nextStep: "Ensure that you're passing the reference of a transaction that exists on this integration",
      }),
    );
  }
  return json(200, envelope(messages.verified, shownTransaction(ctx, transaction)));
}

/** A transfer or USSD payment in flight (the `pendingStatus` knob): nothing final yet, so not `abandoned` either. */
function inFlightStatus(ctx: SimContext, transaction: SimTransaction): string | null {
  if (transaction.status !== 'abandoned') return null;
  return ctx.knobs.resolve(transaction.reference).pendingStatus ?? null;
}

/** A transaction as verify and the list both show it. */
function shownTransaction(ctx: SimContext, transaction: SimTransaction) {
  const shown = transactionJson(transaction, ctx.domain);
  const pendingStatus = inFlightStatus(ctx, transaction);
  return pendingStatus ? { ...shown, status: pendingStatus, gateway_response: 'Transaction ongoing', channel: 'bank_transfer' } : shown;
}

/**
 * GET /transaction: the integration's transactions, newest first, offset-paged (`perPage`, also `per_page`, at most
 * 100; `page`), filtered by creation time (`from`, `to`, inclusive) and by the status each would show on verify.
 */
export function listTransactions(ctx: SimContext, query: URLSearchParams): SimReply {
  const perPage = clamp(Number(query.get('perPage') ?? query.get('per_page') ?? 50), 1, 100, 50);
  const page = clamp(Number(query.get('page') ?? 1), 1, Number.MAX_SAFE_INTEGER, 1);
  const from = dateParam(query.get('from'));
  const to = dateParam(query.get('to'));
  if (from === null || to === null) return json(400, failure(messages.invalidDate, { type: 'validation_error' }));
  const status = query.get('status');
  const matching = ctx.store
    .allTransactions()
    .filter(
      (transaction) =>
        (!from || transaction.createdAt >= from) &&
        (!to || transaction.createdAt <= to) &&
        (!status || (inFlightStatus(ctx, transaction) ?? transaction.status) === status),
    );
  const meta = {
    total: matching.length,
    total_volume: matching.filter((transaction) => transaction.status === 'success').reduce((sum, transaction) => sum + transaction.amount, 0),
    skipped: (page - 1) * perPage,
    perPage,
    page,
    pageCount: Math.max(1, Math.ceil(matching.length / perPage)),
  };
  // Only the page is rendered: a list over thousands of transactions costs what its page costs, plus a filter.
  const shown = matching.slice((page - 1) * perPage, page * perPage).map((transaction) => shownTransaction(ctx, transaction));
  return json(200, envelope(messages.listed, shown, meta));
}

/** Absent → undefined; unreadable → null. */
function dateParam(value: string | null): Date | undefined | null {
  if (value === null || value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function clamp(value: number, min: number, max: number, fallback: number): number {
  return Number.isInteger(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

/** Form-encoded requests send metadata as a JSON string; Paystack stores the object. */
function parseMetadata(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
