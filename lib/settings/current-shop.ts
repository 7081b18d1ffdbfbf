// Who the shop is now, for mail that belongs to no order (account emails, admin alerts): the settings in force.
// Mail about an order prints the order's own snapshot instead (shopOfOrder).
import type { DbOrTx } from '../../db/client';
import { loadShopSettings } from './load-shop-settings';
import { type ShopDetails, shopDetailsFrom } from './order-settings-snapshot';

export async function currentShopDetails(db: DbOrTx): Promise<ShopDetails> {
  return shopDetailsFrom((await loadShopSettings(db)).settings);
}
