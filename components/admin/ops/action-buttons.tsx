'use client';
// The operations console's three actions as buttons — verify a payment with Paystack, replay a webhook event, retry a
// dead job — each showing its outcome in words next to it (and, through `onNotice`, wherever the list shows notices).
import { verifyPaymentAction, type VerifyPaymentActionData } from '@/app/(admin)/admin/payments/actions';
import { retryJobAction, type RetryJobActionData } from '@/app/(admin)/admin/jobs/actions';
import { type ReplayActionData, replayWebhookEventAction } from '@/app/(admin)/admin/webhooks/actions';
import { type Notice, noticeClass, useAdminAction } from './use-admin-action';

const button =
  'whitespace-nowrap rounded-lg border border-stone-300 bg-white px-3 py-1.5 text-xs font-semibold text-stone-800 hover:border-stone-900 disabled:cursor-wait disabled:opacity-60';
const primary =
  'whitespace-nowrap rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-600 disabled:cursor-wait disabled:opacity-60';

interface ButtonProps {
  /** Larger, primary style (detail pages); the default is a compact row button. */
  prominent?: boolean;
  /** Also report the outcome to the list around the button (the row may leave a filtered list when its state changes). */
  onNotice?: (notice: Notice) => void;
  /** Show the outcome next to the button too. */
  inline?: boolean;
}

function Outcome({ notice, testId }: { notice: Notice | null; testId: string }) {
  return (
    <p role="status" aria-live="polite" className={notice ? `mt-2 ${noticeClass(notice.tone)}` : 'sr-only'} data-testid={testId}>
      {notice?.text ?? ''}
    </p>
  );
}

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

export function VerifyPaymentButton({ paymentId, reference, prominent, onNotice, inline = true }: ButtonProps & { paymentId: string; reference: string }) {
  const { run, pending, notice } = useAdminAction<{ paymentId: string }, VerifyPaymentActionData>(verifyPaymentAction, (data) => ({
    tone: verifyTones[data.result],
    text: `${reference}: ${data.message}`,
  }));
  return (
    <div>
      <button type="button" className={prominent ? primary : button} disabled={pending} onClick={() => run({ paymentId }, onNotice)}>
        {pending ? 'Asking Paystack…' : 'Verify with Paystack'}
      </button>
      {inline ? <Outcome notice={notice} testId="verify-outcome" /> : null}
    </div>
  );
}

const replayTones: Record<ReplayActionData['result'], Notice['tone']> = {
  processed: 'good',
  ignored: 'neutral',
  duplicate: 'neutral',
  failed: 'bad',
  not_replayable: 'bad',
  not_confirmed: 'bad',
};

export function ReplayEventButton({ eventId, label, prominent, onNotice, inline = true }: ButtonProps & { eventId: string; label: string }) {
  const { run, pending, notice } = useAdminAction<{ eventId: string }, ReplayActionData>(replayWebhookEventAction, (data) => ({
    tone: replayTones[data.result],
    text: `${label}: ${data.message}`,
  }));
  return (
    <div>
      <button type="button" className={prominent ? primary : button} disabled={pending} onClick={() => run({ eventId }, onNotice)}>
        {pending ? 'Replaying…' : 'Replay'}
      </button>
      {inline ? <Outcome notice={notice} testId="replay-outcome" /> : null}
    </div>
  );
}

const retryTones: Record<RetryJobActionData['result'], Notice['tone']> = {
  done: 'good',
  handed_to_inngest: 'good',
  deferred: 'neutral',
  queued: 'neutral',
  failed_again: 'bad',
};

export function RetryJobButton({ jobId, label, prominent, onNotice, inline = true }: ButtonProps & { jobId: string; label: string }) {
  const { run, pending, notice } = useAdminAction<{ jobId: string }, RetryJobActionData>(retryJobAction, (data) => ({
    tone: retryTones[data.result],
    text: `${label}: ${data.message}`,
  }));
  return (
    <div>
      <button type="button" className={prominent ? primary : button} disabled={pending} onClick={() => run({ jobId }, onNotice)}>
        {pending ? 'Retrying…' : 'Retry'}
      </button>
      {inline ? <Outcome notice={notice} testId="retry-outcome" /> : null}
    </div>
  );
}
