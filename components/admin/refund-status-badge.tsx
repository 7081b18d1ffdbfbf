// A refund's state for admins, in words (colour only repeats them): where the money is and whether anyone must act.
import type { RefundStatus } from '@/lib/refunds/types';

export const adminRefundStatusLabels: Record<RefundStatus, string> = {
  requested: 'Requested – awaiting Paystack',
  pending: 'Accepted – pending at Paystack',
  processing: 'Processing at Paystack',
  processed: 'Refunded',
  failed: 'Failed',
  needs_attention: 'Needs attention',
};

const tones: Record<RefundStatus, string> = {
  requested: 'bg-amber-50 text-amber-900 ring-amber-300',
  pending: 'bg-sky-50 text-sky-900 ring-sky-300',
  processing: 'bg-sky-50 text-sky-900 ring-sky-300',
  processed: 'bg-brand-50 text-brand-700 ring-brand-600/40',
  failed: 'bg-red-50 text-red-800 ring-red-300',
  needs_attention: 'bg-red-50 text-red-800 ring-red-300',
};

export function RefundStatusBadge({ status }: { status: RefundStatus }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[status]}`} data-testid="refund-status">
      {adminRefundStatusLabels[status]}
    </span>
  );
}
