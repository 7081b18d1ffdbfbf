// The browser side of the cart: the query key every component shares and the fetcher for GET /api/cart.
import type { CartView } from '@/lib/cart/types';
import { nextTask } from '../next-task';

export const cartQueryKey = ['cart'] as const;

/** A failed cart call with the server's code and a message fit to show the shopper. */
export class CartRequestError extends Error {
  override name = 'CartRequestError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function fetchCart(): Promise<CartView> {
  await nextTask();
  const response = await fetch('/api/cart', { headers: { accept: 'application/json' }, cache: 'no-store' });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new CartRequestError(error?.code ?? 'http_error', error?.message ?? 'Your cart could not be loaded.');
  }
  return body as CartView;
}

export function errorMessage(error: unknown): string {
  return error instanceof CartRequestError ? error.message : 'Something went wrong. Please try again.';
}
