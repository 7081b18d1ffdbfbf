'use client';
// The answer: decline (contest it with the evidence sent) or accept (give back an amount, at most what was disputed
// and what refunds and other disputes leave of the payment). A confirmation says what will happen before anything does.
// Paystack takes no answer without a file uploaded to the dispute, so until one is the controls say so and stay disabled.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { actionFailure, type DoorResult } from '@/components/ui/action-result';
import { TextField, useStandingErrors } from '@/components/ui/fields';
import { errorCatalogue } from '@/lib/errors';
import { type CurrencyCode, formatMoney, toDecimalString } from '@/lib/core/money';
import { type AnswerActionData, answerDisputeAction } from '../actions';

export function AnswerForm(props: {
  disputeId: string;
  evidenceSent: boolean;
  fileUploaded: boolean;
  disputed: number;
  maxRefund: number;
  currency: CurrencyCode;
}) {
  const router = useRouter();
  const [answer, setAnswer] = useState<'decline' | 'accept'>('decline');
  const [message, setMessage] = useState('');
  const [amount, setAmount] = useState(toDecimalString({ amount: props.maxRefund, currency: props.currency }));
  const [confirming, setConfirming] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[] | undefined>>({});
  const messageErrors = useStandingErrors(errors.message);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const money = (value: number) => formatMoney({ amount: value, currency: props.currency });
  const locked = !props.fileUploaded;

  function review() {
    const found: Record<string, string[]> = {};
    if (message.trim() === '') found.message = ['Enter a message for Paystack and the bank'];
    if (locked) found.form = [errorCatalogue.dispute_file_required.message];
    else if (answer === 'decline' && !props.evidenceSent) found.form = ['Send evidence first: Paystack weighs a decline by it.'];
    setErrors(found);
    if (Object.keys(found).length === 0) setConfirming(true);
  }

  function send() {
    startTransition(async () => {
      const result = (await answerDisputeAction({
        disputeId: props.disputeId,
        answer,
        message,
        refundAmount: answer === 'accept' ? amount : undefined,
      })) as DoorResult<AnswerActionData>;
      setConfirming(false);
      if (result?.data) {
        setNotice({
          ok: true,
          text:
            result.data.outcome === 'answered' ? 'Paystack has your answer.' : 'Paystack did not confirm yet: the dispute updates when its webhook arrives.',
        });
        router.refresh();
        return;
      }
      const fields = result?.validationErrors?.fieldErrors;
      const failure = actionFailure(result);
      if (fields?.message?.length || fields?.refundAmount?.length) setErrors({ message: fields.message, refundAmount: fields.refundAmount });
      else if (failure?.code === 'refund_exceeds_remaining') setErrors({ refundAmount: [failure.message] });
      else setNotice({ ok: false, text: failure?.message ?? 'Something went wrong. Please try again.' });
    });
  }

  return (
    <div className="mt-3 space-y-4">
      {notice ? (
        <p
          role={notice.ok ? 'status' : 'alert'}
          className={`rounded-lg border px-3 py-2 text-sm ${notice.ok ? 'border-brand-200 bg-brand-50 text-brand-800' : 'border-red-200 bg-red-50 text-red-800'}`}
        >
          {notice.text}
        </p>
      ) : null}
      {errors.form ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {errors.form[0]}
        </p>
      ) : null}
      {locked ? (
        <p id="answer-file-needed" className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="answer-file-needed">
          A file is needed before you can answer: upload one with the evidence above — a receipt, delivery proof or the refund confirmation. Paystack takes no
          answer, accept or decline, without it.
        </p>
      ) : null}
      <fieldset className="space-y-2" disabled={locked || pending || confirming} aria-describedby={locked ? 'answer-file-needed' : undefined}>
        <legend className="text-sm font-medium text-stone-800">Your answer</legend>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name="answer" value="decline" checked={answer === 'decline'} onChange={() => setAnswer('decline')} className="mt-1" />
          <span>
            <span className="font-medium">Decline</span> — contest it: the customer got what they paid for (uses the evidence you sent).
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="radio"
            name="answer"
            value="accept"
            checked={answer === 'accept'}
            onChange={() => setAnswer('accept')}
            disabled={props.maxRefund <= 0}
            className="mt-1"
          />
          <span>
            <span className="font-medium">Accept</span> — give money back
            {props.maxRefund > 0 ? ` (up to ${money(props.maxRefund)})` : ': nothing is left to give back'}.
          </span>
        </label>
      </fieldset>
      {answer === 'accept' ? (
        <TextField
          idPrefix="answer"
          label="Amount to give back (₦)"
          name="refundAmount"
          inputMode="decimal"
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
          disabled={locked || pending || confirming}
          hint={`At most ${money(props.maxRefund)}: what was disputed (${money(props.disputed)}) and what refunds and other disputes leave of the payment.`}
          errors={errors.refundAmount}
        />
      ) : null}
      <div>
        <label htmlFor="answer-message" className="block text-sm font-medium text-stone-800">
          Message for Paystack and the bank
        </label>
        <textarea
          id="answer-message"
          rows={3}
          value={message}
          onChange={(event) => {
            messageErrors.edited();
            setMessage(event.target.value);
          }}
          disabled={pending || confirming}
          aria-invalid={messageErrors.standing ? true : undefined}
          aria-describedby={messageErrors.standing ? 'answer-message-error' : undefined}
          className="mt-1 block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-stone-900 shadow-sm aria-[invalid=true]:border-red-500"
        />
        {messageErrors.standing ? (
          <p id="answer-message-error" className="mt-1 text-sm text-red-700">
            {messageErrors.standing[0]}
          </p>
        ) : null}
      </div>
      {confirming ? (
        <div className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm" data-testid="confirm-answer">
          <p className="font-medium text-amber-900">
            {answer === 'decline'
              ? 'Decline this dispute? Paystack and the bank decide with your evidence; this cannot be undone.'
              : `Accept this dispute and give back ${amount ? `₦${amount}` : money(props.maxRefund)}? This cannot be undone.`}
          </p>
          <div className="flex gap-3">
            <button
              type="button"
              onClick={send}
              disabled={pending}
              className="rounded-lg bg-red-700 px-4 py-2 font-semibold text-white hover:bg-red-600 disabled:opacity-60"
            >
              {pending ? 'Sending…' : answer === 'decline' ? 'Yes, decline' : 'Yes, accept'}
            </button>
            <button
              type="button"
              onClick={() => setConfirming(false)}
              disabled={pending}
              className="rounded-lg border border-stone-300 bg-white px-4 py-2 font-semibold"
            >
              Back
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          onClick={review}
          disabled={locked}
          aria-describedby={locked ? 'answer-file-needed' : undefined}
          className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-600 disabled:cursor-not-allowed disabled:opacity-60"
        >
          {answer === 'decline' ? 'Decline the dispute…' : 'Accept the dispute…'}
        </button>
      )}
    </div>
  );
}
