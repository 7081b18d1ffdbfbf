'use client';
// Settle a flagged payment: a reason (required, kept in the audit log) and one of two buttons — accept the money as
// payment of the order, or refund it in full. Shown on the admin payments list and the admin order page.
import { useId, useState } from 'react';
import { ActionOutcome, rowButtonClass } from '@/components/admin/ops/action-buttons';
import { type Notice, useAdminAction } from '@/components/admin/ops/use-admin-action';
import { resolvePaymentAction, type ResolvePaymentActionData } from './resolve-payment-action';

export function ResolvePaymentForm({ paymentId, onNotice }: { paymentId: string; onNotice?: (notice: Notice) => void }) {
  const [reason, setReason] = useState('');
  const id = useId();
  const { run, pending, notice } = useAdminAction<{ paymentId: string; action: 'accept' | 'refund'; reason: string }, ResolvePaymentActionData>(
    resolvePaymentAction,
    (data) => ({ tone: data.action === 'accept' ? 'good' : 'neutral', text: data.message }),
  );
  const blank = reason.trim() === '';
  const submit = (action: 'accept' | 'refund') => run({ paymentId, action, reason }, onNotice);
  return (
    <div className="space-y-1.5" data-testid="resolve-payment">
      <label htmlFor={id} className="block text-xs font-medium text-stone-700">
        Reason (kept in the audit log)
      </label>
      <input
        id={id}
        value={reason}
        maxLength={500}
        onChange={(event) => setReason(event.target.value)}
        className="w-full min-w-48 rounded border border-stone-300 px-2 py-1 text-sm"
      />
      <div className="flex gap-2">
        <button type="button" className={rowButtonClass} disabled={pending || blank} onClick={() => submit('accept')}>
          Accept payment
        </button>
        <button type="button" className={rowButtonClass} disabled={pending || blank} onClick={() => submit('refund')}>
          Refund in full
        </button>
      </div>
      <ActionOutcome notice={notice} testId="resolve-outcome" />
    </div>
  );
}
