// POST /transaction/initialize and GET /transaction/verify/:reference, with Paystack's validation rules.
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
  const shown = transactionJson(transaction, ctx.domain);
  // A transfer or USSD payment in flight (the `pendingStatus` knob): nothing final yet, so not `abandoned` either.
  const { pendingStatus } = ctx.knobs.resolve(reference);
  if (pendingStatus && transaction.status === 'abandoned') {
    return json(200, envelope(messages.verified, { ...shown, status: pendingStatus, gateway_response: 'Transaction ongoing', channel: 'bank_transfer' }));
  }
  return json(200, envelope(messages.verified, shown));
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
