// Statuses of payments, webhook events and jobs as badges: the words carry the meaning, colour only repeats it.
import { jobStatusLabels, type JobStatus } from '@/lib/admin/job-list-query';
import { paymentStatusLabels } from '@/lib/admin/payment-list-query';
import { type WebhookShownState, webhookShownLabels } from '@/lib/admin/webhook-list-query';
import type { PaymentStatus } from '@/lib/payments/payment-status';

const tone = {
  good: 'bg-brand-50 text-brand-700 ring-brand-600/40',
  waiting: 'bg-amber-50 text-amber-900 ring-amber-300',
  info: 'bg-sky-50 text-sky-900 ring-sky-300',
  quiet: 'bg-stone-100 text-stone-700 ring-stone-300',
  bad: 'bg-red-50 text-red-800 ring-red-300',
} as const;

function Badge({ label, className, testId }: { label: string; className: string; testId: string }) {
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${className}`}
      data-testid={testId}
    >
      {label}
    </span>
  );
}

const paymentTones: Record<PaymentStatus, string> = {
  initialized: tone.waiting,
  pending: tone.waiting,
  paid: tone.good,
  failed: tone.quiet,
  abandoned: tone.quiet,
  needs_review: tone.bad,
  partially_refunded: tone.info,
  refunded: tone.info,
};

export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  return <Badge label={paymentStatusLabels[status]} className={paymentTones[status]} testId="payment-status" />;
}

const webhookTones: Record<WebhookShownState, string> = {
  received: tone.waiting,
  processed: tone.good,
  recorded: tone.good,
  ignored: tone.quiet,
  failed: tone.bad,
};

/** An event's state as the inbox shows it (`recorded` for a routine refund confirmation; see webhookShownState). */
export function WebhookStatusBadge({ status }: { status: WebhookShownState }) {
  return <Badge label={webhookShownLabels[status]} className={webhookTones[status]} testId="webhook-status" />;
}

const jobTones: Record<JobStatus, string> = { pending: tone.waiting, processing: tone.info, done: tone.good, dead: tone.bad };

export function JobStatusBadge({ status }: { status: JobStatus }) {
  return <Badge label={jobStatusLabels[status]} className={jobTones[status]} testId="job-status" />;
}
