'use client';
// React Query hooks for the cart. Reads go to GET /api/cart; changes go through the cart's server actions, with an
// optimistic guess applied at once and rolled back if the server refuses. Changes share one mutation scope, so they
// reach the server one at a time in the order the shopper made them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { addToCartAction, clearCartAction, removeCartLineAction, updateCartLineAction } from '@/components/cart/actions';
import { actionFailure, type DoorResult } from '@/components/ui/action-result';
import type { CartActionResult, CartView } from '@/lib/cart/types';
import { cartQueryKey, CartRequestError, fetchCart } from './cart-api';
import { emptied, withAddedUnits, withLineQuantity, withoutLine } from './optimistic-cart';

const mutationKey = ['cart', 'change'] as const;

export function useCart(initialCart?: CartView) {
  return useQuery({ queryKey: cartQueryKey, queryFn: fetchCart, initialData: initialCart });
}

function useCartChange<V>(action: (variables: V) => Promise<DoorResult<CartActionResult> | undefined>, predict: (cart: CartView, variables: V) => CartView) {
  const client = useQueryClient();
  return useMutation({
    mutationKey,
    scope: { id: 'cart' },
    mutationFn: async (variables: V) => {
      const reply = await action(variables);
      const result = reply?.data;
      if (!result) {
        const failure = actionFailure(reply);
        throw new CartRequestError(failure?.code ?? 'internal_error', failure?.message ?? '');
      }
      if (!result.ok) throw new CartRequestError(result.code, result.message);
      return result.cart;
    },
    onMutate: async (variables) => {
      await client.cancelQueries({ queryKey: cartQueryKey });
      const previous = client.getQueryData<CartView>(cartQueryKey);
      if (previous) client.setQueryData<CartView>(cartQueryKey, predict(previous, variables));
      return { previous };
    },
    onError: (_error, _variables, context) => {
      // Roll back to the cart before this change, then ask the server what is really there.
      if (context?.previous) client.setQueryData(cartQueryKey, context.previous);
      void client.invalidateQueries({ queryKey: cartQueryKey });
    },
    onSuccess: (cart) => {
      // With later changes still queued their optimistic state stays on screen; the last answer is the truth.
      // A change's notices ("only 4 left") belong to that change: its caller shows them, the shared cache does not keep them.
      if (client.isMutating({ mutationKey }) <= 1) client.setQueryData<CartView>(cartQueryKey, { ...cart, notices: [] });
    },
  });
}

export const useAddToCart = () =>
  useCartChange(addToCartAction, (cart, { variantId, quantity }: { variantId: string; quantity: number }) => withAddedUnits(cart, variantId, quantity));

export const useUpdateCartLine = () =>
  useCartChange(updateCartLineAction, (cart, { variantId, quantity }: { variantId: string; quantity: number }) => withLineQuantity(cart, variantId, quantity));

export const useRemoveCartLine = () => useCartChange(removeCartLineAction, (cart, { variantId }: { variantId: string }) => withoutLine(cart, variantId));

export const useClearCart = () =>
  useCartChange<void>(
    () => clearCartAction(),
    (cart) => emptied(cart),
  );
