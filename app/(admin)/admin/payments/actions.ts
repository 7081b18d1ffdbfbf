'use server';
// "Verify with Paystack" on an open payment, through the admin door (role re-read from the database before the input
// is parsed): the same check reconciliation makes, then — when it committed a charge now — the same after-commit
// effects as the webhook route. The outcome comes back in words; the verification is audited with the admin as actor.
import { verifyPaymentInputSchema } from '@/lib/admin/payment-list-query';
import { AppError } from '@/lib/errors';
import { paystackMode } from '@/lib/core/env';
import { paystackClient } from '@/lib/payments/paystack';
import { type VerifyResult, verifyPaymentNow } from '@/lib/payments/ask-paystack';
import type { PaymentStatus } from '@/lib/payments/payment-status';
import { adminAction } from '@/lib/server/doors/actions';
import { afterPaymentCommitted } from '@/lib/server/deps/payment-effects';

export type VerifyPaymentActionData = { result: VerifyResult; message: string; paymentStatus: PaymentStatus; orderId: string; orderNumber: string };

export const verifyPaymentAction = adminAction.inputSchema(verifyPaymentInputSchema).action(async ({ parsedInput, ctx }): Promise<VerifyPaymentActionData> => {
  const outcome = await verifyPaymentNow(
    { db: ctx.deps.db, paystack: paystackClient(), expectedDomain: paystackMode() },
    { paymentId: parsedInput.paymentId, actor: { type: 'admin', id: ctx.admin.id } },
  );
  if (!outcome.ok) {
    if (outcome.reason === 'not_found') throw new AppError('not_found', 'That payment does not exist.');
    throw new AppError(
      'changed_since_read',
      `This payment is ${outcome.status.replaceAll('_', ' ')} now: only an open payment can be verified. Reload to see it.`,
    );
  }
  const { effects, ...report } = outcome.report;
  if (effects) await afterPaymentCommitted(effects);
  return report;
});
