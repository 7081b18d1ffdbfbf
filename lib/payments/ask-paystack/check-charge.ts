// A charge we hold in writing (a stored webhook body an operator replays) checked against Paystack's own record of the
// reference before anything is committed: the stored body is then never the only word. Paystack must say the
// transaction succeeded, and for the same transaction, amount, currency and mode; anything else is a disagreement,
// told to the admin in words, and nothing is applied.
import type { ConfirmedCharge } from '../confirmed-charge';
import type { PaystackClient } from '../paystack/client';
import { describePaystackError } from '../paystack/errors';

export type ChargeCheck = { agrees: true } | { agrees: false; reason: string };

export async function checkChargeWithPaystack(paystack: PaystackClient, charge: ConfirmedCharge): Promise<ChargeCheck> {
  const reply = await paystack.verifyTransaction(charge.reference);
  if (!reply.ok) {
    if (reply.error.kind === 'rejected' && (reply.error.status === 400 || reply.error.status === 404)) {
      return { agrees: false, reason: `Paystack has no transaction with reference ${charge.reference}.` };
    }
    return { agrees: false, reason: `Paystack could not be asked about ${charge.reference}: ${describePaystackError(reply.error)}. Try again later.` };
  }
  const said = reply.value;
  const paid = said.status === 'success' ? said.charge : null;
  if (!paid) return { agrees: false, reason: `Paystack says ${charge.reference} is ${said.status}, not paid.` };
  const differences = [
    paid.gatewayTransactionId !== charge.gatewayTransactionId && `transaction ${paid.gatewayTransactionId}, not ${charge.gatewayTransactionId}`,
    paid.amount !== charge.amount && `amount ${paid.amount}, not ${charge.amount}`,
    paid.currency !== charge.currency && `currency ${paid.currency}, not ${charge.currency}`,
    paid.domain !== charge.domain && `mode ${paid.domain}, not ${charge.domain}`,
  ].filter((difference): difference is string => typeof difference === 'string');
  if (differences.length > 0)
    return { agrees: false, reason: `Paystack's record of ${charge.reference} differs from the stored event: ${differences.join('; ')}.` };
  return { agrees: true };
}
