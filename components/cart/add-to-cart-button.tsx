'use client';
// The product page's "Add to cart": an optional quantity box, a pending state, and a live message that says what
// happened — added, clamped to what can be bought ("only 3 left"), or refused (sold out). While the request runs the
// button stays focusable (aria-disabled, clicks ignored): a disabled button would drop keyboard focus to <body>.
// It is a real form posting to the Store API: a tap that lands before the page has hydrated (a slow phone, a
// cached page painted long before its scripts ran) is a native post that adds the item and opens the cart page,
// instead of a click nobody hears. Once hydrated, the submit is taken over and answered in place.
import Link from 'next/link';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { describeNotice } from '@/lib/cart/cart-messages';
import { errorMessage } from './cart-api';
import { readQuantity } from './quantity-input';
import { useAddToCart } from './use-cart';

interface AddToCartButtonProps {
  variantId: string;
  disabled?: boolean;
  label?: string;
  /** Shown instead of `label` while disabled (the product page disables the button for a sold-out variant). */
  disabledLabel?: string;
  /** Show a quantity box next to the button (otherwise one unit per click). */
  withQuantity?: boolean;
  /**
   * The quantity box's cap: the server's MAX_REQUESTED_QUANTITY (lib/cart/cart-input), passed in by the page rather
   * than imported, since that module builds zod schemas and would ship zod to the browser for one number.
   */
  maxQuantity: number;
}

type Outcome = { tone: 'ok' | 'warn' | 'error'; text: string } | null;

const toneClass = { ok: 'text-brand-700', warn: 'text-amber-800', error: 'text-red-700' } as const;

export function AddToCartButton({
  variantId,
  disabled = false,
  label = 'Add to cart',
  disabledLabel = 'Sold out',
  withQuantity = false,
  maxQuantity,
}: AddToCartButtonProps) {
  const add = useAddToCart();
  const [typed, setTyped] = useState('1');
  const [quantityError, setQuantityError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const inputId = useId();
  const messageId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);

  // On a phone the button can sit at the bottom edge of the screen: bring the answer under it into view.
  useEffect(() => {
    if (outcome || quantityError) messageRef.current?.scrollIntoView({ block: 'nearest' });
  }, [outcome, quantityError]);

  function submit(event?: FormEvent<HTMLFormElement>) {
    event?.preventDefault();
    if (disabled || add.isPending) return;
    const reading = withQuantity ? readQuantity(typed, maxQuantity) : ({ ok: true, quantity: 1 } as const);
    if (!reading.ok) {
      setOutcome(null);
      setQuantityError(reading.message);
      inputRef.current?.focus();
      return;
    }
    setQuantityError(null);
    setOutcome(null);
    add.mutate(
      { variantId, quantity: reading.quantity },
      {
        onSuccess: (cart) => {
          const clamp = cart.notices.find((notice) => notice.variantId === variantId);
          setOutcome(clamp ? { tone: 'warn', text: describeNotice(clamp) } : { tone: 'ok', text: 'Added to your cart.' });
        },
        onError: (error) => setOutcome({ tone: 'error', text: errorMessage(error) }),
      },
    );
  }

  return (
    <form method="post" action="/api/cart/items" onSubmit={submit} noValidate className="space-y-2">
      <input type="hidden" name="variantId" value={variantId} />
      <div className="flex items-end gap-3">
        {withQuantity ? (
          <div>
            <label htmlFor={inputId} className="block text-sm font-medium">
              Quantity
            </label>
            <input
              ref={inputRef}
              id={inputId}
              name="quantity"
              type="number"
              inputMode="numeric"
              min={1}
              max={maxQuantity}
              step={1}
              value={typed}
              disabled={disabled}
              aria-invalid={quantityError ? true : undefined}
              aria-describedby={quantityError ? messageId : undefined}
              onChange={(event) => {
                setTyped(event.target.value);
                setQuantityError(null);
              }}
              className="mt-1 h-11 w-20 rounded-lg border border-stone-300 px-3 tabular-nums aria-[invalid=true]:border-red-500"
            />
          </div>
        ) : null}
        <button
          type="submit"
          disabled={disabled}
          aria-disabled={disabled || add.isPending}
          data-testid="add-to-cart"
          className="h-11 flex-1 rounded-lg bg-brand-700 px-6 font-semibold text-white hover:bg-brand-600 aria-disabled:cursor-wait aria-disabled:opacity-80 disabled:cursor-not-allowed disabled:bg-stone-300 disabled:text-stone-600 disabled:opacity-100 sm:flex-none"
        >
          {disabled ? disabledLabel : add.isPending ? 'Adding…' : label}
        </button>
      </div>
      <p
        ref={messageRef}
        id={messageId}
        role="status"
        aria-live="polite"
        data-testid="add-to-cart-message"
        className={`min-h-5 scroll-mb-4 text-sm ${quantityError ? toneClass.error : outcome ? toneClass[outcome.tone] : ''}`}
      >
        {quantityError ? (
          quantityError
        ) : outcome ? (
          <>
            {outcome.text}{' '}
            {outcome.tone !== 'error' ? (
              <Link href="/cart" className="font-medium underline underline-offset-2">
                View cart
              </Link>
            ) : null}
          </>
        ) : null}
      </p>
    </form>
  );
}
