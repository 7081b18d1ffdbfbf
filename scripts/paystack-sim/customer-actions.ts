// What a customer can do on the hosted checkout: pay, have the card declined, or cancel. The checkout page
// and the control API both call these, so a test without a browser drives exactly the same state changes.
import type { SimContext } from './context';
import { transactionJson } from './render';
import { paystackFee, randomCode } from './rules';
import type { SimTransaction } from './store';

export type CustomerAction = 'pay' | 'decline' | 'abandon';
export type SettleOutcome = 'success' | 'failed';
export type ActionOutcome = 'paid' | 'declined' | 'abandoned' | 'already_paid';

const isPaid = (transaction: SimTransaction) => transaction.status === 'success' || transaction.status === 'reversed';

function note(transaction: SimTransaction, type: 'action' | 'error' | 'success', message: string): void {
  const elapsedSeconds = Math.round((Date.now() - transaction.createdAt.getTime()) / 1000);
  transaction.history.push({ type, message, time: elapsedSeconds });
}

export function performCustomerAction(ctx: SimContext, transaction: SimTransaction, action: CustomerAction): ActionOutcome {
  // A paid transaction is final: a second click or a replayed form must not charge or notify twice.
  if (isPaid(transaction)) return 'already_paid';
  switch (action) {
    case 'pay':
      return pay(ctx, transaction);
    case 'decline':
      transaction.status = 'failed';
      transaction.gatewayResponse = 'Declined';
      note(transaction, 'error', 'Error: Declined');
      // Paystack sends no webhook for a declined attempt: the customer may still retry and pay.
      return 'declined';
    case 'abandon':
      transaction.status = 'abandoned';
      transaction.gatewayResponse = 'The transaction was not completed';
      note(transaction, 'action', 'Cancelled by the customer');
      return 'abandoned';
  }
}

function pay(ctx: SimContext, transaction: SimTransaction): ActionOutcome {
  transaction.status = 'success';
  transaction.gatewayResponse = 'Successful';
  transaction.paidAt = new Date();
  transaction.fees = paystackFee(transaction.requestedAmount);
  // "Pass charges to the customer" (a dashboard setting): the card pays the fee on top of what was asked.
  transaction.amount = ctx.knobs.resolve(transaction.reference).customerBearsFees
    ? transaction.requestedAmount + transaction.fees
    : transaction.requestedAmount;
  // Paystack's documented test card 4084 0840 8408 4081: one physical card per customer (the same signature each
  // time they pay with it), reusable unless the `reusableAuthorization` knob says otherwise.
  transaction.authorization = {
    authorizationCode: `AUTH_${randomCode(10)}`,
    bin: '408408',
    last4: '4081',
    expMonth: '12',
    expYear: String(new Date().getFullYear() + 5),
    signature: `SIG_${transaction.customer.customerCode.slice(4)}`,
    reusable: ctx.knobs.resolve(transaction.reference).reusableAuthorization,
  };
  ctx.store.rememberAuthorization(transaction.authorization, transaction.customer);
  note(transaction, 'action', 'Attempted to pay with card');
  note(transaction, 'success', 'Successfully paid with card');
  ctx.webhooks.emit('charge.success', transactionJson(transaction, ctx.domain), transaction.reference);
  return 'paid';
}

/**
 * The bank's answer to a transfer or USSD payment held by the `pendingStatus` knob: `success` pays it (and sends the
 * signed `charge.success`), `failed` fails it (no webhook, as for a declined card). A paid transaction is final.
 */
export function settleTransaction(ctx: SimContext, transaction: SimTransaction, outcome: SettleOutcome): ActionOutcome {
  if (isPaid(transaction)) return 'already_paid';
  if (outcome === 'success') return pay(ctx, transaction);
  transaction.status = 'failed';
  transaction.gatewayResponse = 'Transfer not received';
  note(transaction, 'error', 'Error: Transfer not received');
  return 'declined';
}
