'use server';
// The admin order page's refund, through the admin door: the role is re-read from the database before the input is
// parsed, the amount arrives in naira and is turned into kobo by the form's schema, and the refund use case decides
// the rest under the order's lock (what remains, which lines may go back on the shelf). The dialog's idempotency
// key makes a double click or a retried submit the same refund.
import { requestRefund } from '@/lib/refunds/request-refund';
import type { RefundView } from '@/lib/refunds/types';
import { adminAction } from '@/lib/server/doors/actions';
import { refundDeps, refundFailure, revalidateRefundedOrder } from '@/lib/server/deps/refunds';
import { refundFormSchema } from './_components/refund-form';

export type RefundActionData = {
  /** accepted: Paystack has the refund · pending_confirmation: Paystack did not answer; it is retried by a job. */
  outcome: 'accepted' | 'pending_confirmation';
  refund: RefundView;
};

export const refundOrderAction = adminAction.inputSchema(refundFormSchema).action(async ({ parsedInput, ctx }): Promise<RefundActionData> => {
  const result = await requestRefund(refundDeps(ctx.deps), {
    orderId: parsedInput.orderId,
    amount: parsedInput.amount,
    reason: parsedInput.reason,
    restock: parsedInput.restock,
    actor: { kind: 'admin', userId: ctx.admin.id },
    idempotencyKey: parsedInput.idempotencyKey,
  });
  // A refused refund is recorded too (as failed): the page shows it either way.
  if (result.ok || result.error.code === 'refund_pending_confirmation' || result.error.code === 'refund_rejected') {
    revalidateRefundedOrder(parsedInput.orderId);
  }
  if (result.ok) return { outcome: 'accepted', refund: result.value };
  if (result.error.code === 'refund_pending_confirmation') return { outcome: 'pending_confirmation', refund: result.error.refund };
  throw refundFailure(result.error);
});
