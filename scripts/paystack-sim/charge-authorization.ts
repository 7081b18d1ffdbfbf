// POST /transaction/charge_authorization: charge a reusable authorization again without the cardholder, as Paystack's
// OpenAPI describes it. The authorization must be one this simulator issued, reusable, and charged with the email of
// the customer it belongs to. The outcome follows the `chargeAuthorizationOutcome` knob: `success` makes a paid
// transaction and sends its signed `charge.success` (the same object verify shows); `failed` is a bank refusal
// (insufficient funds, no webhook); `send_otp` / `open_url` pause the charge for the cardholder (no webhook).
import type { SimContext } from './context';
import { json, type SimReply } from './http-kit';
import { envelope, failure, transactionJson } from './render';
import { isCurrency, isEmail, minimumAmount, parseAmount, paystackFee, randomCode, referencePattern } from './rules';
import type { SimTransaction } from './store';
import { messages } from './transactions';

export function chargeAuthorization(ctx: SimContext, body: Record<string, unknown>): SimReply {
  const invalid = (message: string) => json(400, failure(message, { type: 'validation_error' }));
  if (!isEmail(body.email)) return invalid(messages.invalidEmail);
  const currency = body.currency ?? 'NGN';
  if (!isCurrency(currency)) return invalid(messages.badCurrency);
  const amount = parseAmount(body.amount);
  if (amount === undefined || amount < minimumAmount[currency]) return invalid(messages.invalidAmount);
  const reference = body.reference ?? randomCode(12);
  if (typeof reference !== 'string' || !referencePattern.test(reference)) return invalid(messages.badReference);
  if (ctx.store.hasReference(reference)) return json(400, failure(messages.duplicateReference, { type: 'validation_error', code: 'duplicate_reference' }));
  const found = typeof body.authorization_code === 'string' ? ctx.store.authorization(body.authorization_code) : undefined;
  if (!found) return invalid('Invalid Authorization Code');
  if (!found.card.reusable) return invalid('Authorization is not reusable');
  if (found.customer.email.toLowerCase() !== body.email.trim().toLowerCase()) return invalid('Authorization code does not belong to this customer');

  const outcome =
    ctx.knobs.ownValue(reference, 'chargeAuthorizationOutcome') ??
    ctx.knobs.ownValue(`customer:${found.customer.email.toLowerCase()}`, 'chargeAuthorizationOutcome') ??
    ctx.knobs.resolve().chargeAuthorizationOutcome;
  const now = new Date();
  const transaction: SimTransaction = {
    id: ctx.store.nextTransactionId(),
    reference,
    accessCode: randomCode(15),
    amount,
    requestedAmount: amount,
    currency,
    customer: found.customer,
    callbackUrl: null,
    metadata: typeof body.metadata === 'string' ? safeJson(body.metadata) : (body.metadata ?? null),
    status: outcome === 'success' ? 'success' : outcome === 'failed' ? 'failed' : 'abandoned',
    gatewayResponse: outcome === 'success' ? 'Approved' : outcome === 'failed' ? 'Insufficient Funds' : 'Awaiting cardholder verification',
    createdAt: now,
    paidAt: outcome === 'success' ? now : null,
    fees: outcome === 'success' ? paystackFee(amount) : null,
    authorization: found.card,
    history: [{ type: outcome === 'success' ? 'success' : 'error', message: `charge_authorization: ${outcome}`, time: 0 }],
  };
  ctx.store.addTransaction(transaction);
  const shown = transactionJson(transaction, ctx.domain);
  if (outcome === 'success') ctx.webhooks.emit('charge.success', shown, reference);
  // A paused charge answers with the step Paystack wants as its status (and for 3-D Secure, where to send the cardholder).
  const paused = outcome === 'send_otp' || outcome === 'open_url';
  const data = paused
    ? { ...shown, status: outcome, paused: true, ...(outcome === 'open_url' ? { authorization_url: `${ctx.baseUrl}/checkout/${transaction.accessCode}` } : {}) }
    : shown;
  return json(200, envelope('Charge attempted', data));
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
