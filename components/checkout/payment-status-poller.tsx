'use client';
// "Confirming your payment": asks the Store API for the order's state every two seconds until the webhook (or the
// return page's own verify) has settled it, then re-renders the page from the server. Gives up politely after a while.
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { isSettled, type ShopperOrderState } from '@/lib/orders/shopper-order-state';

const POLL_MS = 2_000;
const GIVE_UP_MS = 3 * 60_000;

async function fetchOrderState(orderId: string, token: string | null): Promise<ShopperOrderState> {
  const query = token ? `?${new URLSearchParams({ token })}` : '';
  const response = await fetch(`/api/orders/${orderId}${query}`, { cache: 'no-store', headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`order status ${response.status}`);
  return ((await response.json()) as { state: ShopperOrderState }).state;
}

export function PaymentStatusPoller({ orderId, token }: { orderId: string; token: string | null }) {
  const router = useRouter();
  const [gaveUp, setGaveUp] = useState(false);
  const { data: state } = useQuery({
    queryKey: ['order-state', orderId],
    queryFn: () => fetchOrderState(orderId, token),
    refetchInterval: (query) => (gaveUp || (query.state.data && isSettled(query.state.data)) ? false : POLL_MS),
    refetchIntervalInBackground: false,
    staleTime: 0,
    retry: 2,
  });

  useEffect(() => {
    const timer = setTimeout(() => setGaveUp(true), GIVE_UP_MS);
    return () => clearTimeout(timer);
  }, []);

  useEffect(() => {
    if (state && isSettled(state)) router.refresh();
  }, [state, router]);

  return (
    <div role="status" aria-live="polite" className="flex items-center gap-3 text-stone-700" data-testid="payment-processing">
      {gaveUp ? (
        <p>This is taking longer than usual. We will email you as soon as Paystack confirms your payment — there is no need to pay again.</p>
      ) : (
        <>
          <span className="h-5 w-5 flex-none animate-spin rounded-full border-2 border-brand-600 border-t-transparent" aria-hidden="true" />
          <p>Waiting for Paystack to confirm your payment. This page updates by itself.</p>
        </>
      )}
    </div>
  );
}
