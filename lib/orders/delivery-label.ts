// The words for an order's delivery option on emails and invoices; an option retired since keeps its id as a label.
import { deliveryOptions } from '../checkout/delivery-options';

export function deliveryLabel(optionId: string): string {
  return deliveryOptions.find((option) => option.id === optionId)?.label ?? optionId;
}
