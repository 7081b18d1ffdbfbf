// Next glue for the inventory actions: the stock use cases' expected failures in the error catalogue's terms, with
// the numbers an admin needs to decide again.
import 'server-only';
import type { AdjustStockError } from '@/lib/inventory/adjust-stock';
import { MAX_STOCK_ON_HAND } from '@/lib/inventory/stock-rules';
import { AppError } from '@/lib/errors';

const units = (n: number) => n.toLocaleString('en-NG');

export function adjustStockFailure(error: AdjustStockError): AppError {
  switch (error.code) {
    case 'variant_not_found':
      return new AppError('variant_not_found');
    case 'changed_since_read': {
      const { stockOnHand, reserved, available } = error.current;
      return new AppError(
        'changed_since_read',
        `The stock changed since you opened it: now ${units(stockOnHand)} on hand, ${units(reserved)} reserved (${units(available)} available). Nothing was saved — check the numbers and submit again.`,
        { current: error.current },
      );
    }
    case 'below_reserved':
      return new AppError(
        'stock_below_reserved',
        `That would leave ${units(error.requested)} on hand, but ${units(error.current.reserved)} are held for orders waiting for payment: on hand cannot go below ${units(error.current.reserved)}. Nothing was saved.`,
        { current: error.current },
      );
    case 'above_maximum':
      return new AppError('invalid_input', `At most ${units(MAX_STOCK_ON_HAND)} units can be on hand; that would make ${units(error.requested)}.`);
    case 'no_change':
      return new AppError('invalid_input', `On hand is already ${units(error.current.stockOnHand)}: nothing to change.`);
  }
}
