// The words for an order's delivery option on emails, invoices and pages: as sold (the order's settings snapshot);
// an order placed before settings existed keeps its option id's old label.
import type { OrderSettingsSnapshot } from '../../db/schema';
import { deliveryOfOrder } from '../settings/order-settings-snapshot';

export function deliveryLabel(order: { deliveryOption: string; settingsSnapshot: OrderSettingsSnapshot | null }): string {
  return deliveryOfOrder(order).label;
}
