// A dispute's state for admins, in words (colour only repeats them): whether the shop must answer, is waiting, or how it ended.
import { disputeStatusLabels } from '@/lib/disputes/dispute-rules';
import type { DisputeStatus } from '@/lib/disputes/dispute-status';

const tones: Record<DisputeStatus, string> = {
  awaiting_merchant_feedback: 'bg-amber-50 text-amber-900 ring-amber-300',
  awaiting_bank_feedback: 'bg-sky-50 text-sky-900 ring-sky-300',
  pending: 'bg-sky-50 text-sky-900 ring-sky-300',
  won: 'bg-brand-50 text-brand-700 ring-brand-600/40',
  lost: 'bg-red-50 text-red-800 ring-red-300',
};

export function DisputeStatusBadge({ status }: { status: DisputeStatus }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[status]}`} data-testid="dispute-status">
      {disputeStatusLabels[status]}
    </span>
  );
}
