'use client';
// Verify a payment with Paystack now, from the payments list or a payment's row; the outcome in words beside it.
import { verifyPaymentAction, type VerifyPaymentActionData } from '../actions';
import { ActionOutcome, type ActionButtonProps, prominentButtonClass, rowButtonClass } from '@/components/admin/ops/action-buttons';
import { type Notice, useAdminAction } from '@/components/admin/ops/use-admin-action';

const verifyTones: Record<VerifyPaymentActionData['result'], Notice['tone']> = {
  paid_now: 'good',
  already_recorded: 'neutral',
  paid_flagged: 'bad',
  paid_not_applied: 'neutral',
  commit_failed: 'bad',
  still_pending: 'neutral',
  closed: 'neutral',
  unknown_at_paystack: 'neutral',
  unreachable: 'bad',
};

export function VerifyPaymentButton({
  paymentId,
  reference,
  prominent,
  onNotice,
  inline = true,
}: ActionButtonProps & { paymentId: string; reference: string }) {
  const { run, pending, notice } = useAdminAction<{ paymentId: string }, VerifyPaymentActionData>(verifyPaymentAction, (data) => ({
    tone: verifyTones[data.result],
    text: `${reference}: ${data.message}`,
  }));
  return (
    <div>
      <button type="button" className={prominent ? prominentButtonClass : rowButtonClass} disabled={pending} onClick={() => run({ paymentId }, onNotice)}>
        {pending ? 'Asking Paystack…' : 'Verify with Paystack'}
      </button>
      {inline ? <ActionOutcome notice={notice} testId="verify-outcome" /> : null}
    </div>
  );
}
