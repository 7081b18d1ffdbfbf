'use client';
// The server emptied the cart (the order is paid): tell the header badge and any open cart view to re-read it.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { cartQueryKey } from '@/components/cart/cart-api';

export function RefreshCart() {
  const client = useQueryClient();
  useEffect(() => {
    void client.invalidateQueries({ queryKey: cartQueryKey });
  }, [client]);
  return null;
}
