'use client';
// The cart page's interactive part: lines with steppers, subtotal, clear and checkout. Every change shows at once
// (optimistic) and is replaced by the server's cart; a refusal rolls it back and says why in the live region.
import Link from 'next/link';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { describeNotice } from '@/lib/cart/cart-messages';
import { formatMoney } from '@/lib/core/money';
import type { CartView } from '@/lib/cart/types';
import { cartQueryKey, errorMessage } from './cart-api';
import { CartLineRow } from './cart-line-row';
import { useCart, useClearCart, useRemoveCartLine, useUpdateCartLine } from './use-cart';

export function CartContents({ initialCart }: { initialCart?: CartView }) {
  const { data: cart, error: loadError } = useCart(initialCart);
  const update = useUpdateCartLine();
  const remove = useRemoveCartLine();
  const clear = useClearCart();
  // Messages of the shopper's last change (a refusal, or "only 4 left"), then those of the last read (lines dropped).
  const [changeMessages, setChangeMessages] = useState<string[]>(() => initialCart?.notices.map(describeNotice) ?? []);
  const client = useQueryClient();
  useEffect(() => {
    // The page's server-rendered cart is newer than anything cached from an earlier page: adopt it.
    if (initialCart) client.setQueryData<CartView>(cartQueryKey, { ...initialCart, notices: [] });
  }, [client, initialCart]);
  const onError = (error: unknown) => setChangeMessages([errorMessage(error)]);
  const onSuccess = (result: CartView) => setChangeMessages(result.notices.map(describeNotice));

  const messages = [...new Set([...changeMessages, ...(cart?.notices.map(describeNotice) ?? [])])];

  return (
    <div className="space-y-6">
      <div role="status" aria-live="polite" data-testid="cart-messages" className="space-y-2">
        {messages.map((message) => (
          <p key={message} className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
            {message}
          </p>
        ))}
      </div>

      {!cart ? (
        <p className="text-stone-600">{loadError ? errorMessage(loadError) : 'Loading your cart…'}</p>
      ) : cart.lines.length === 0 ? (
        <div className="rounded-xl border border-dashed border-stone-300 bg-white px-6 py-12 text-center" data-testid="cart-empty">
          <p className="text-lg font-medium">Your cart is empty.</p>
          <Link href="/" className="mt-4 inline-block font-medium text-brand-700 underline underline-offset-2">
            Continue shopping
          </Link>
        </div>
      ) : (
        <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
          <ul className="self-start divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white px-4 sm:px-6" aria-label="Items in your cart">
            {cart.lines.map((line) => (
              <CartLineRow
                key={line.variantId}
                line={line}
                busy={remove.isPending || clear.isPending}
                onQuantity={(quantity) => update.mutate({ variantId: line.variantId, quantity }, { onError, onSuccess })}
                onRemove={() => remove.mutate({ variantId: line.variantId }, { onError, onSuccess })}
              />
            ))}
          </ul>
          <aside className="h-fit space-y-4 rounded-xl border border-stone-200 bg-white p-6" aria-labelledby="summary-heading">
            <h2 id="summary-heading" className="text-lg font-semibold">
              Summary
            </h2>
            <dl className="flex justify-between text-base">
              <dt>
                Subtotal ({cart.itemCount} {cart.itemCount === 1 ? 'item' : 'items'})
              </dt>
              <dd className="font-semibold tabular-nums" data-testid="cart-subtotal">
                {formatMoney(cart.subtotal)}
              </dd>
            </dl>
            <p className="text-sm text-stone-500">Delivery is chosen at checkout.</p>
            <Link href="/checkout" className="block rounded-lg bg-brand-700 px-4 py-3 text-center font-semibold text-white hover:bg-brand-600">
              Checkout
            </Link>
            <button
              type="button"
              onClick={() => clear.mutate(undefined, { onError, onSuccess })}
              disabled={clear.isPending}
              className="w-full rounded-lg border border-stone-300 px-4 py-2 text-sm font-medium hover:bg-stone-50 disabled:opacity-50"
            >
              {clear.isPending ? 'Clearing…' : 'Clear cart'}
            </button>
          </aside>
        </div>
      )}
    </div>
  );
}
