'use client';
// Replay a stored webhook event (the inbox's rows and an event's page); the outcome in words beside it.
import { type ReplayActionData, replayWebhookEventAction } from '../actions';
import { ActionOutcome, type ActionButtonProps, prominentButtonClass, rowButtonClass } from '@/components/admin/ops/action-buttons';
import { type Notice, useAdminAction } from '@/components/admin/ops/use-admin-action';

const replayTones: Record<ReplayActionData['result'], Notice['tone']> = {
  processed: 'good',
  ignored: 'neutral',
  duplicate: 'neutral',
  failed: 'bad',
  not_replayable: 'bad',
  not_confirmed: 'bad',
};

export function ReplayEventButton({ eventId, label, prominent, onNotice, inline = true }: ActionButtonProps & { eventId: string; label: string }) {
  const { run, pending, notice } = useAdminAction<{ eventId: string }, ReplayActionData>(replayWebhookEventAction, (data) => ({
    tone: replayTones[data.result],
    text: `${label}: ${data.message}`,
  }));
  return (
    <div>
      <button type="button" className={prominent ? prominentButtonClass : rowButtonClass} disabled={pending} onClick={() => run({ eventId }, onNotice)}>
        {pending ? 'Replaying…' : 'Replay'}
      </button>
      {inline ? <ActionOutcome notice={notice} testId="replay-outcome" /> : null}
    </div>
  );
}
