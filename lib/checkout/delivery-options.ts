// Delivery options and their fees are server-side facts; the client only ever sends an option id.
import type { Money } from '../core/money';

export interface DeliveryOption {
  id: 'standard' | 'express' | 'pickup';
  label: string;
  description: string;
  fee: Money;
}

/** Never empty: the first is the default. */
export const deliveryOptions: readonly [DeliveryOption, ...DeliveryOption[]] = [
  { id: 'standard', label: 'Standard delivery', description: '3–5 working days, nationwide', fee: { amount: 250_000, currency: 'NGN' } },
  { id: 'express', label: 'Express delivery', description: 'Next working day in Lagos and Abuja', fee: { amount: 500_000, currency: 'NGN' } },
  { id: 'pickup', label: 'Pick up in Yaba, Lagos', description: 'Ready within 24 hours', fee: { amount: 0, currency: 'NGN' } },
];

export type DeliveryOptionId = DeliveryOption['id'];

export function deliveryOption(id: DeliveryOptionId): DeliveryOption {
  const option = deliveryOptions.find((candidate) => candidate.id === id);
  if (!option) throw new Error(`Unknown delivery option ${id}`);
  return option;
}
