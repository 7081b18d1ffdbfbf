// What an order keeps of the settings in force when it was placed (orders.settings_snapshot), and how its documents
// read it back: the shop's name, contact and address, the delivery option as sold, and the VAT rule. Orders placed
// before settings existed have no snapshot and read the built-in defaults.
import type { OrderSettingsSnapshot } from '../../db/schema';
import type { DeliveryOffer } from './delivery-offers';
import { shopAddressLines } from './shop-address';
import { defaultShopSettings, type ShopSettings, type VersionedShopSettings } from './shop-settings';

/** Who the shop is on an email or invoice. */
export interface ShopDetails {
  name: string;
  addressLines: string[];
  email: string;
  phone?: string;
  /** The seller's Tax Identification Number, printed on invoices when set. */
  taxId?: string;
}

export function shopDetailsFrom(settings: ShopSettings): ShopDetails {
  return { name: settings.name, addressLines: shopAddressLines(settings.address), email: settings.contactEmail, phone: settings.contactPhone };
}

export function orderSettingsSnapshot(current: VersionedShopSettings, delivery: DeliveryOffer): OrderSettingsSnapshot {
  const shop = shopDetailsFrom(current.settings);
  return {
    settingsVersion: current.version,
    shop: { name: shop.name, email: shop.email, phone: shop.phone ?? '', addressLines: shop.addressLines },
    delivery: { id: delivery.id, label: delivery.label, description: delivery.description, zone: delivery.zone, feeAmount: delivery.fee.amount },
    vat: { rateBasisPoints: current.settings.vat.rateBasisPoints, pricesIncludeVat: current.settings.vat.pricesIncludeVat },
  };
}

const legacyLabels: Record<string, string> = { standard: 'Standard delivery', express: 'Express delivery', pickup: 'Pick up in Yaba, Lagos' };

/** The shop as printed on this order's documents: its snapshot, else (older orders) the built-in defaults. */
export function shopOfOrder(order: { settingsSnapshot: OrderSettingsSnapshot | null }): ShopDetails {
  const snapshot = order.settingsSnapshot;
  if (!snapshot) return shopDetailsFrom(defaultShopSettings);
  return { name: snapshot.shop.name, addressLines: snapshot.shop.addressLines, email: snapshot.shop.email, phone: snapshot.shop.phone || undefined };
}

/** The delivery option's words as sold; an order without a snapshot keeps its option id's old label. */
export function deliveryOfOrder(order: { deliveryOption: string; settingsSnapshot: OrderSettingsSnapshot | null }): { label: string; description: string } {
  const delivery = order.settingsSnapshot?.delivery;
  if (delivery) return { label: delivery.label, description: delivery.description };
  return { label: legacyLabels[order.deliveryOption] ?? order.deliveryOption, description: '' };
}
