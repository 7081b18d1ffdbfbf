'use client';
// The checkout form's discount code: typed, then checked with Apply (or Enter, which here never submits the order),
// with the answer beside the field in a polite live region — the saving, or why the code cannot be used. The code
// travels with the form as `couponCode`; placing the order checks it again, and a refusal then comes back as this
// field's error.
import { type KeyboardEvent, useState, useTransition } from 'react';
import { formatMoney, type Money } from '@/lib/core/money';

export interface AppliedCoupon {
  code: string;
  discount: Money;
  total: Money;
}

export type ApplyCouponAnswer = { status: 'applied'; code: string; discount: Money; total: Money } | { status: 'refused'; message: string };

const control =
  'block w-full min-w-0 rounded-lg border border-stone-300 bg-white px-3 py-2 uppercase text-stone-900 shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-500';

export function CouponField({
  defaultValue,
  errors,
  apply,
  onApplied,
}: {
  defaultValue?: string;
  /** The order placement's refusal of the code, from the last submission. */
  errors?: string[];
  /** Asks the server (the apply action) about `code` for the cart and the form as they are now. */
  apply: (code: string) => Promise<ApplyCouponAnswer>;
  onApplied: (applied: AppliedCoupon | null) => void;
}) {
  const id = 'checkout-couponCode';
  const [value, setValue] = useState(defaultValue ?? '');
  const [answer, setAnswer] = useState<ApplyCouponAnswer | null>(null);
  const [pending, startTransition] = useTransition();
  // What the last submission said, until the shopper changes the code or applies it again.
  const [submitted, setSubmitted] = useState(errors);
  const refusal = answer?.status === 'refused' ? answer.message : (submitted?.[0] ?? null);

  const check = () => {
    const code = value.trim();
    if (code === '') {
      setAnswer({ status: 'refused', message: 'Enter a discount code.' });
      return;
    }
    startTransition(async () => {
      const result = await apply(code);
      setSubmitted(undefined);
      setAnswer(result);
      onApplied(result.status === 'applied' ? { code: result.code, discount: result.discount, total: result.total } : null);
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    check();
  };

  return (
    <div className="space-y-2 rounded-xl border border-stone-200 bg-white p-6">
      <label htmlFor={id} className="block text-lg font-semibold">
        Discount code <span className="text-sm font-normal text-stone-500">(optional)</span>
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          name="couponCode"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={32}
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            if (answer || submitted) {
              setAnswer(null);
              setSubmitted(undefined);
              onApplied(null);
            }
          }}
          onKeyDown={onKeyDown}
          aria-invalid={refusal ? true : undefined}
          aria-describedby={`${id}-feedback`}
          className={control}
        />
        <button
          type="button"
          onClick={check}
          disabled={pending}
          aria-disabled={pending}
          className="shrink-0 rounded-lg border border-brand-700 px-4 py-2 font-semibold text-brand-700 hover:bg-brand-50 disabled:cursor-wait disabled:opacity-70"
        >
          {pending ? 'Checking…' : 'Apply'}
        </button>
      </div>
      <p id={`${id}-feedback`} role="status" aria-live="polite" className="min-h-5 text-sm" data-testid="coupon-feedback">
        {answer?.status === 'applied' ? (
          <span className="text-emerald-800">
            {answer.code} applied: you save {formatMoney(answer.discount)}.
          </span>
        ) : refusal ? (
          <span className="text-red-700">{refusal}</span>
        ) : null}
      </p>
    </div>
  );
}
