// POST /refund, GET /refund/:id, GET /refund, and the pending → processed | failed life of a refund.
import type { SimContext } from './context';
import { json, type SimReply } from './http-kit';
import { envelope, failure } from './render';
import { refundCreatedJson, refundEventJson, refundJson } from './render-refunds';
import { isCurrency, parseAmount, randomCode } from './rules';
import type { RefundStatus, SimRefund } from './store';

export const refundMessages = {
  queued: 'Refund has been queued for processing',
  retrieved: 'Refund retrieved',
  listed: 'Refunds retrieved',
  missingTransaction: 'Transaction reference or id is required',
  transactionNotFound: 'Transaction not found',
  notSuccessful: 'Cannot refund a transaction that has not been successful',
  fullyReversed: 'Transaction has been fully reversed',
  invalidAmount: 'Invalid refund amount',
  aboveRemaining: 'Refund amount cannot be greater than the unrefunded amount of the transaction',
  currencyMismatch: 'Currency does not match the transaction currency',
  refundNotFound: 'Refund not found',
};

const day = 24 * 60 * 60 * 1000;

export function createRefund(ctx: SimContext, body: Record<string, unknown>): SimReply {
  const key = typeof body.transaction === 'number' ? String(body.transaction) : body.transaction;
  if (typeof key !== 'string' || key === '') return json(400, failure(refundMessages.missingTransaction));
  const transaction = ctx.store.transactionByIdOrReference(key);
  if (!transaction) return json(404, failure(refundMessages.transactionNotFound));
  if (transaction.status !== 'success' && transaction.status !== 'reversed') {
    return json(400, failure(refundMessages.notSuccessful));
  }
  // Checked and recorded synchronously, so concurrent refunds can never promise back more than was paid.
  const remaining = transaction.amount - ctx.store.refundedAmount(transaction.id);
  if (remaining <= 0) {
    return json(400, failure(refundMessages.fullyReversed, { type: 'api_error', code: 'transaction_reversed' }));
  }
  if (body.currency !== undefined && (!isCurrency(body.currency) || body.currency !== transaction.currency)) {
    return json(400, failure(refundMessages.currencyMismatch));
  }
  const amount = body.amount === undefined ? remaining : parseAmount(body.amount);
  if (amount === undefined || amount <= 0) return json(400, failure(refundMessages.invalidAmount));
  if (amount > remaining) return json(400, failure(refundMessages.aboveRemaining, { type: 'api_error' }));

  const now = new Date();
  const refund: SimRefund = {
    id: ctx.store.nextRefundId(),
    transactionId: transaction.id,
    transactionReference: transaction.reference,
    amount,
    currency: transaction.currency,
    status: 'pending',
    customerNote: typeof body.customer_note === 'string' ? body.customer_note : `Refund for transaction ${transaction.reference}`,
    merchantNote: typeof body.merchant_note === 'string' ? body.merchant_note : `Refund for transaction ${transaction.reference}`,
    createdAt: now,
    updatedAt: now,
    refundedAt: null,
    expectedAt: new Date(now.getTime() + 10 * day),
    bankReference: null,
  };
  ctx.store.addRefund(refund);
  ctx.webhooks.emit('refund.pending', refundEventJson(refund, transaction, ctx.domain), transaction.reference);
  const knobs = ctx.knobs.resolve(transaction.reference);
  if (knobs.refundAutoProcessMs !== null) {
    ctx.timers.after(knobs.refundAutoProcessMs, () => settleRefund(ctx, refund.id, knobs.refundOutcome));
  }
  return json(200, envelope(refundMessages.queued, refundCreatedJson(refund, transaction, ctx.domain)));
}

/** Moves a pending refund on and tells the merchant by webhook. False when it had already settled. */
export function settleRefund(ctx: SimContext, refundId: number, outcome: Exclude<RefundStatus, 'pending'>): boolean {
  const refund = ctx.store.refund(refundId);
  const transaction = refund && ctx.store.transaction(refund.transactionReference);
  if (!refund || !transaction || (refund.status !== 'pending' && refund.status !== 'processing')) return false;
  refund.status = outcome;
  refund.updatedAt = new Date();
  if (outcome === 'processed') {
    refund.refundedAt = refund.updatedAt;
    refund.bankReference = randomCode(12, '0123456789');
    const processed = ctx.store
      .refundsOf(transaction.id)
      .filter((each) => each.status === 'processed')
      .reduce((sum, each) => sum + each.amount, 0);
    if (processed >= transaction.amount) transaction.status = 'reversed';
  }
  ctx.webhooks.emit(`refund.${outcome}`, refundEventJson(refund, transaction, ctx.domain), transaction.reference);
  return true;
}

export function fetchRefund(ctx: SimContext, id: string): SimReply {
  const refund = /^\d+$/.test(id) ? ctx.store.refund(Number(id)) : undefined;
  const transaction = refund && ctx.store.transaction(refund.transactionReference);
  if (!refund || !transaction) return json(404, failure(refundMessages.refundNotFound));
  return json(200, envelope(refundMessages.retrieved, refundJson(refund, transaction, ctx.domain)));
}

export function listRefunds(ctx: SimContext, query: URLSearchParams): SimReply {
  const perPage = clamp(Number(query.get('perPage') ?? 50), 1, 100, 50);
  const page = clamp(Number(query.get('page') ?? 1), 1, Number.MAX_SAFE_INTEGER, 1);
  const from = query.get('from') ? new Date(query.get('from') ?? '') : undefined;
  const to = query.get('to') ? new Date(query.get('to') ?? '') : undefined;
  const transactionFilter = query.get('transaction') ?? query.get('reference');
  const matching = ctx.store
    .allRefunds()
    .filter(
      (refund) =>
        (!from || refund.createdAt >= from) &&
        (!to || refund.createdAt <= to) &&
        (!transactionFilter || refund.transactionReference === transactionFilter || String(refund.transactionId) === transactionFilter),
    );
  const pageItems = matching.slice((page - 1) * perPage, page * perPage).flatMap((refund) => {
    const transaction = ctx.store.transaction(refund.transactionReference);
    return transaction ? [refundJson(refund, transaction, ctx.domain)] : [];
  });
  const meta = {
    total: matching.length,
    skipped: (page - 1) * perPage,
    perPage: String(perPage),
    page,
    pageCount: Math.max(1, Math.ceil(matching.length / perPage)),
    failedRefundCount: matching.filter((refund) => refund.status === 'failed').length,
  };
  return json(200, envelope(refundMessages.listed, pageItems, meta));
}

function clamp(value: number, min: number, max: number, fallback: number): number {
  return Number.isInteger(value) ? Math.min(max, Math.max(min, value)) : fallback;
}
