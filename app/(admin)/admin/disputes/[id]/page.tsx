// GET /admin/disputes/:id – one dispute: what the customer claims, the deadline and time left, the order and its money,
// the evidence sent, and the answer — send evidence (with a file) to Paystack, then decline, or accept with an amount
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DisputeStatusBadge } from '@/components/admin/dispute-status-badge';
import { Card } from '@/components/ui/card';
import { DescriptionList } from '@/components/ui/description-list';
import { db } from '@/db';
import { getAdminDispute } from '@/db/queries/admin-disputes';
import { isUuid } from '@/lib/is-uuid';
import { formatDateTime } from '@/lib/core/format-date';
import { formatMoney } from '@/lib/core/money';
import { EVIDENCE_FILE_MAX_BYTES } from '@/lib/disputes/add-dispute-evidence';
import { remainingForDispute } from '@/lib/disputes/dispute-remaining';
import { timeLeft } from '@/lib/disputes/dispute-rules';
import { userForPage } from '@/lib/server/doors/auth';
import { AnswerForm } from './_components/answer-form';
import { EvidenceForm } from './_components/evidence-form';

export const metadata: Metadata = { title: 'Dispute', robots: { index: false } };

const OPEN = ['awaiting_merchant_feedback', 'awaiting_bank_feedback', 'pending'];

export default async function AdminDisputePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await userForPage('admin', `/admin/disputes/${encodeURIComponent(id)}`);
  if (!isUuid(id)) notFound();
  const dispute = await getAdminDispute(db, id);
  if (!dispute) notFound();
  const money = (amount: number) => formatMoney({ amount, currency: dispute.currency });
  const open = OPEN.includes(dispute.status);
  const left = timeLeft(dispute.dueAt ? new Date(dispute.dueAt) : null, new Date());
  // What an acceptance may give back now (the action checks again under the locks).
  const remaining = open && !dispute.answer ? Math.min(dispute.amount, await remainingForDispute(db, dispute)) : 0;
  const address = dispute.order?.shippingAddress as
    | { fullName?: string; line1?: string; line2?: string; city?: string; state?: string; phone?: string }
    | undefined;

  return (
    <div className="space-y-6">
      <Link href="/admin/disputes" className="text-sm font-medium text-brand-700 underline underline-offset-2">
        ← Disputes
      </Link>
      <div className="space-y-1">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">Dispute {dispute.gatewayDisputeId}</h1>
          <DisputeStatusBadge status={dispute.status} />
        </div>
        <p className="text-sm text-stone-600">
          {money(dispute.amount)} disputed
          {dispute.orderId ? (
            <>
              {' '}
              on order{' '}
              <Link href={`/admin/orders/${dispute.orderId}`} className="font-medium text-brand-700 underline underline-offset-2">
                {dispute.orderNumber}
              </Link>
            </>
          ) : (
            ` on payment ${dispute.transactionReference}, which the shop has no order for`
          )}
          .
        </p>
      </div>

      <div className="grid gap-6 lg:grid-cols-[1fr_22rem] lg:items-start">
        <div className="min-w-0 space-y-6">
          {open && !dispute.answer ? (
            <>
              <Card id="evidence" title="1. Evidence">
                <p className="mt-1 text-stone-600">
                  What shows the customer got what they paid for, with a file (Paystack takes no answer without one). It goes to Paystack at once; you can send
                  it again to add more.
                  {dispute.evidenceSubmittedAt ? ` Last sent ${formatDateTime(new Date(dispute.evidenceSubmittedAt))}.` : ''}
                </p>
                <EvidenceForm
                  disputeId={dispute.id}
                  maxFileKb={Math.floor(EVIDENCE_FILE_MAX_BYTES / 1024)}
                  defaults={{
                    customerEmail: dispute.evidence?.customerEmail ?? dispute.order?.email ?? '',
                    customerName: dispute.evidence?.customerName ?? address?.fullName ?? '',
                    customerPhone: dispute.evidence?.customerPhone ?? address?.phone ?? '',
                    serviceDetails: dispute.evidence?.serviceDetails ?? (dispute.orderNumber ? `Order ${dispute.orderNumber}` : ''),
                    deliveryAddress:
                      dispute.evidence?.deliveryAddress ?? [address?.line1, address?.line2, address?.city, address?.state].filter(Boolean).join(', '),
                    deliveryDate: dispute.evidence?.deliveryDate ?? '',
                  }}
                />
              </Card>
              <Card id="answer" title="2. Answer">
                <AnswerForm
                  disputeId={dispute.id}
                  evidenceSent={dispute.evidenceSubmittedAt !== null}
                  fileUploaded={dispute.attachmentFilename !== null}
                  disputed={dispute.amount}
                  maxRefund={remaining}
                  currency={dispute.currency}
                />
              </Card>
            </>
          ) : (
            <Card id="answered" title="Answer">
              <p className="mt-2 text-stone-700" data-testid="dispute-answer">
                {dispute.answer
                  ? `${dispute.answer === 'accept' ? 'Accepted' : 'Declined'}${dispute.answeredAt ? ` on ${formatDateTime(new Date(dispute.answeredAt))}` : ''}: “${dispute.answerMessage ?? ''}”`
                  : 'No answer was sent from the shop.'}
              </p>
              {dispute.evidence ? (
                <p className="mt-2 text-stone-600">
                  Evidence sent{dispute.evidenceSubmittedAt ? ` ${formatDateTime(new Date(dispute.evidenceSubmittedAt))}` : ''}
                  {dispute.attachmentFilename ? ', with a file' : ''}.
                </p>
              ) : null}
            </Card>
          )}
        </div>

        <div className="order-first space-y-6 lg:order-none">
          <Card id="facts" title="The dispute">
            <DescriptionList
              layout="stacked"
              className="mt-3 space-y-2"
              items={[
                { term: 'Amount disputed', value: money(dispute.amount) },
                { term: 'Reason', value: <span className="capitalize">{dispute.category ?? 'Not given'}</span> },
                { term: 'Customer’s words', value: dispute.reason ?? 'None sent' },
                {
                  term: 'Answer by',
                  value: dispute.dueAt ? (
                    <span>
                      {formatDateTime(new Date(dispute.dueAt))}
                      {open ? (
                        <span className={`block text-sm ${left.overdue ? 'font-medium text-red-700' : 'text-stone-600'}`} data-testid="time-left">
                          {left.label}
                        </span>
                      ) : null}
                    </span>
                  ) : (
                    left.label
                  ),
                },
                { term: 'Reminders from Paystack', value: String(dispute.reminders) },
                { term: 'Resolution', value: dispute.resolution ?? (open ? 'Not resolved yet' : '—') },
                { term: 'Cost to the shop', value: <span data-testid="dispute-loss">{money(dispute.lossAmount)}</span> },
                { term: 'Payment reference', value: <span className="break-all font-mono text-xs">{dispute.transactionReference}</span> },
              ]}
            />
          </Card>
        </div>
      </div>
    </div>
  );
}
