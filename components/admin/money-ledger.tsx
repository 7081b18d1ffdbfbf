// One order's money: each capture with Paystack's fee, each refund with its state, each dispute with what it cost,
// and what the shop keeps.
import type { OrderLedger } from '@/lib/refunds/types';
import { paymentStatusLabels } from '@/lib/admin/payment-list-query';
import type { PaymentStatus } from '@/lib/payments/payment-status';
import { formatDateTime } from '@/lib/core/format-date';
import { formatMoney, type Money } from '@/lib/core/money';
import Link from 'next/link';
import { DisputeStatusBadge } from './dispute-status-badge';
import { RefundStatusBadge } from './refund-status-badge';

// Minus signs are U+2212 (−), never a hyphen: Intl formats a negative amount with a hyphen-minus.
const negative = (value: Money) => (value.amount === 0 ? formatMoney(value) : `−${formatMoney(value)}`);
/** An amount that may be below zero (what the shop keeps after fees on a refunded order), with a real minus sign. */
const signed = (value: Money) => (value.amount < 0 ? `−${formatMoney({ ...value, amount: -value.amount })}` : formatMoney(value));

export function MoneyLedger({ ledger }: { ledger: OrderLedger }) {
  const rows: Array<{ label: string; value: string; strong?: boolean; hint?: string }> = [
    { label: 'Charged', value: formatMoney(ledger.charged) },
    { label: 'Refunded', value: negative(ledger.refunded), hint: 'Completed by Paystack' },
    { label: 'Refunds in progress', value: negative(ledger.refundsInProgress), hint: 'Promised back, not completed yet' },
    ...(ledger.disputes.length > 0 ? [{ label: 'Lost to disputes', value: negative(ledger.disputeLosses), hint: 'Accepted or decided for the customer' }] : []),
    { label: 'Net', value: signed(ledger.net), strong: true },
    { label: 'Paystack fees', value: negative(ledger.fees), hint: 'Not returned when a refund is made' },
    { label: 'Net after fees', value: signed(ledger.netAfterFees), strong: true },
  ];
  return (
    <section aria-labelledby="ledger-heading" className="rounded-xl border border-stone-200 bg-white p-6" data-testid="money-ledger">
      <h2 id="ledger-heading" className="text-lg font-semibold">
        Money
      </h2>
      {ledger.payments.length === 0 && ledger.refunds.length === 0 ? (
        <p className="mt-2 text-sm text-stone-600">No money has been captured for this order.</p>
      ) : (
        <>
          <ul className="mt-3 divide-y divide-stone-100 text-sm" aria-label="Captured payments and refunds">
            {ledger.payments.map((payment) => (
              <li key={payment.paymentId} className="flex items-start justify-between gap-3 py-2">
                <div className="min-w-0">
                  <p>
                    Payment <span className="break-all font-mono text-xs">{payment.reference}</span>
                  </p>
                  <p className="text-xs text-stone-500">
                    {paymentStatusLabels[payment.status as PaymentStatus] ?? payment.status} ·{' '}
                    {payment.paidAt ? formatDateTime(new Date(payment.paidAt)) : 'not settled'}
                    {payment.fees ? ` · fee ${formatMoney(payment.fees)}` : ' · fee not reported'}
                  </p>
                </div>
                <p className="shrink-0 tabular-nums">{formatMoney(payment.charged)}</p>
              </li>
            ))}
            {ledger.refunds.map((refund) => (
              <li key={refund.id} className="flex items-start justify-between gap-3 py-2">
                <div className="min-w-0 space-y-0.5">
                  <p className={refund.status === 'failed' ? 'text-stone-500' : undefined}>
                    Refund <span className="text-xs text-stone-500">{formatDateTime(new Date(refund.createdAt))}</span>
                  </p>
                  <RefundStatusBadge status={refund.status} />
                </div>
                <p className={`shrink-0 tabular-nums ${refund.status === 'failed' ? 'text-stone-400 line-through' : ''}`}>
                  {negative(refund.amount)}
                  {refund.status === 'failed' ? <span className="sr-only"> (not refunded)</span> : null}
                </p>
              </li>
            ))}
            {ledger.disputes.map((dispute) => (
              <li key={dispute.id} className="flex items-start justify-between gap-3 py-2" data-testid="ledger-dispute">
                <div className="min-w-0 space-y-0.5">
                  <p>
                    <Link href={`/admin/disputes/${dispute.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                      Dispute
                    </Link>{' '}
                    <span className="text-xs text-stone-500">
                      {formatMoney(dispute.disputed)} disputed · {formatDateTime(new Date(dispute.createdAt))}
                    </span>
                  </p>
                  <DisputeStatusBadge status={dispute.status} />
                </div>
                <p className={`shrink-0 tabular-nums ${dispute.loss.amount === 0 ? 'text-stone-400' : ''}`}>{negative(dispute.loss)}</p>
              </li>
            ))}
          </ul>
          <dl className="mt-4 space-y-1 border-t border-stone-200 pt-3 text-sm">
            {rows.map((row) => (
              <div key={row.label} className={`flex items-baseline justify-between gap-3 ${row.strong ? 'font-semibold' : ''}`}>
                <dt>
                  {row.label}
                  {row.hint ? <span className="ml-2 text-xs font-normal text-stone-500">{row.hint}</span> : null}
                </dt>
                <dd className="shrink-0 whitespace-nowrap tabular-nums" data-testid={`ledger-${row.label.toLowerCase().replaceAll(' ', '-')}`}>
                  {row.value}
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  );
}
