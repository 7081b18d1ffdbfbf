// Who the shop is, as printed on emails and invoices. The owner sets it at /admin/settings (lib/settings/); an order's
// documents print what was in force when it was placed (its settings snapshot). These defaults stand in for mail
// that belongs to no order when no caller passes the current settings.
import { type ShopDetails, shopDetailsFrom } from './settings/order-settings-snapshot';
import { defaultShopSettings } from './settings/shop-settings';

export type { ShopDetails };

export const defaultShopDetails: ShopDetails = shopDetailsFrom(defaultShopSettings);
