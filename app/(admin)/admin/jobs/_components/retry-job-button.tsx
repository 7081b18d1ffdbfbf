'use client';
// Retry a dead job from the jobs list; the outcome in words beside it.
import { retryJobAction, type RetryJobActionData } from '../actions';
import { ActionOutcome, type ActionButtonProps, prominentButtonClass, rowButtonClass } from '@/components/admin/ops/action-buttons';
import { type Notice, useAdminAction } from '@/components/admin/ops/use-admin-action';

const retryTones: Record<RetryJobActionData['result'], Notice['tone']> = {
  done: 'good',
  handed_to_inngest: 'good',
  deferred: 'neutral',
  queued: 'neutral',
  failed_again: 'bad',
};

export function RetryJobButton({ jobId, label, prominent, onNotice, inline = true }: ActionButtonProps & { jobId: string; label: string }) {
  const { run, pending, notice } = useAdminAction<{ jobId: string }, RetryJobActionData>(retryJobAction, (data) => ({
    tone: retryTones[data.result],
    text: `${label}: ${data.message}`,
  }));
  return (
    <div>
      <button type="button" className={prominent ? prominentButtonClass : rowButtonClass} disabled={pending} onClick={() => run({ jobId }, onNotice)}>
        {pending ? 'Retrying…' : 'Retry'}
      </button>
      {inline ? <ActionOutcome notice={notice} testId="retry-outcome" /> : null}
    </div>
  );
}
