'use client';
// The evidence Paystack asks for, prefilled from the order (the customer's email, name, phone, address): each field
// with its errors beside it, an optional file (PDF or image), and one button that stays disabled while it is sent.
import { useRouter } from 'next/navigation';
import { type FormEvent, useState, useTransition } from 'react';
import { actionFailure, type DoorResult } from '@/components/ui/action-result';
import { TextField, useStandingErrors } from '@/components/ui/fields';
import { addEvidenceAction, type EvidenceActionData } from '../actions';

export interface EvidenceDefaults {
  customerEmail: string;
  customerName: string;
  customerPhone: string;
  serviceDetails: string;
  deliveryAddress: string;
  deliveryDate: string;
}

export function EvidenceForm({ disputeId, defaults, maxFileKb }: { disputeId: string; defaults: EvidenceDefaults; maxFileKb: number }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const detailsErrors = useStandingErrors(errors.serviceDetails);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    form.set('disputeId', disputeId);
    setNotice(null);
    startTransition(async () => {
      const result = (await addEvidenceAction(form)) as DoorResult<EvidenceActionData>;
      if (result?.data?.ok) {
        setErrors({});
        setNotice({ ok: true, text: 'Evidence sent to Paystack.' });
        router.refresh();
        return;
      }
      if (result?.data && !result.data.ok) {
        setErrors(result.data.fieldErrors);
        setNotice({ ok: false, text: result.data.fieldErrors.form?.[0] ?? 'Please correct the highlighted fields.' });
        return;
      }
      setNotice({ ok: false, text: actionFailure(result)?.message ?? 'Something went wrong. Please try again.' });
    });
  }

  const common = { idPrefix: 'evidence', disabled: pending } as const;
  return (
    <form onSubmit={submit} noValidate className="mt-4 space-y-4" aria-label="Evidence">
      {notice ? (
        <p
          role={notice.ok ? 'status' : 'alert'}
          className={`rounded-lg border px-3 py-2 text-sm ${notice.ok ? 'border-brand-200 bg-brand-50 text-brand-800' : 'border-red-200 bg-red-50 text-red-800'}`}
        >
          {notice.text}
        </p>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField {...common} label="Customer email" name="customerEmail" type="email" defaultValue={defaults.customerEmail} errors={errors.customerEmail} />
        <TextField {...common} label="Customer name" name="customerName" defaultValue={defaults.customerName} errors={errors.customerName} />
        <TextField {...common} label="Customer phone" name="customerPhone" type="tel" defaultValue={defaults.customerPhone} errors={errors.customerPhone} />
        <TextField {...common} label="Delivery date" name="deliveryDate" type="date" defaultValue={defaults.deliveryDate} errors={errors.deliveryDate} />
      </div>
      <TextField {...common} label="Delivery address" name="deliveryAddress" defaultValue={defaults.deliveryAddress} errors={errors.deliveryAddress} />
      <div>
        <label htmlFor="evidence-serviceDetails" className="block text-sm font-medium text-stone-800">
          What was sold and how it was delivered
        </label>
        <textarea
          id="evidence-serviceDetails"
          name="serviceDetails"
          rows={4}
          defaultValue={defaults.serviceDetails}
          disabled={pending}
          onChange={detailsErrors.edited}
          aria-invalid={detailsErrors.standing ? true : undefined}
          aria-describedby={detailsErrors.standing ? 'evidence-serviceDetails-error' : undefined}
          className="mt-1 block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-stone-900 shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-500"
        />
        {detailsErrors.standing ? (
          <p id="evidence-serviceDetails-error" className="mt-1 text-sm text-red-700">
            {detailsErrors.standing[0]}
          </p>
        ) : null}
      </div>
      <TextField
        {...common}
        label="File"
        name="file"
        type="file"
        accept="application/pdf,image/png,image/jpeg"
        hint={`A receipt, a signed delivery note, the refund confirmation or a photo: PDF, PNG or JPEG, up to ${maxFileKb} KB. Paystack needs one before you can accept or decline; sending evidence again without a file keeps the one uploaded.`}
        errors={errors.file}
      />
      <button
        type="submit"
        disabled={pending}
        className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-600 disabled:opacity-60"
      >
        {pending ? 'Sending…' : 'Send evidence to Paystack'}
      </button>
    </form>
  );
}
