// The orders list's URL query (page, sort, search, status, refund state, placed-between dates), parsed by one schema
// for the page, its JSON route and the CSV export — so the export is exactly the list the admin is looking at.
// Framework-free and database-free: the filter bar (a client component) reads the same option lists.
import type { z } from 'zod';
import type { OrderStatus } from '../orders/order-status';
import { orderStatusLabels } from '../orders/shopper-order-state';
import { listQuerySchema, urlDate, urlEnum } from '../core/list-query';
import { realDay } from './real-day';

export type { OrderListRow } from '@/db/queries/admin-order-list';

export const ORDER_LIST_SORTS = ['created', 'total', 'number', 'status'] as const;
export const ORDER_LIST_DEFAULT_SORT = 'created';
export const ORDER_LIST_DEFAULT_DIR = 'desc';

export const ORDER_STATUS_VALUES = Object.keys(orderStatusLabels) as [OrderStatus, ...OrderStatus[]];

/**
 * Refund state of an order: `any` has at least one refund; `in_progress` one still on its way (requested, pending,
 * processing); `attention` a refund that needs a person (see db/queries/admin-order-list.ts for the exact rule);
 * `none` no refund at all.
 */
export const REFUND_FILTERS = ['any', 'in_progress', 'attention', 'none'] as const;
export type RefundFilter = (typeof REFUND_FILTERS)[number];

export const refundFilterLabels: Record<RefundFilter, string> = {
  any: 'Any refund',
  in_progress: 'Refund on its way',
  attention: 'Refund failed or needs attention',
  none: 'No refunds',
};

/** Shipping state: `to_ship` — paid, not wholly refunded, with units that left the shelf and have not shipped or been refunded. */
export const SHIP_FILTERS = ['to_ship'] as const;
export type ShipFilter = (typeof SHIP_FILTERS)[number];

export const shipFilterLabels: Record<ShipFilter, string> = { to_ship: 'To ship' };

/**
 * How the list and the CSV name an order's customer: the account's name, or for a guest checkout the name the order
 * was placed under.
 */
export const orderCustomerLabel = (row: { customerName: string | null; shippingName: string }): string => row.customerName ?? row.shippingName;

export const orderListQuerySchema = listQuerySchema({
  sorts: ORDER_LIST_SORTS,
  defaultSort: ORDER_LIST_DEFAULT_SORT,
  defaultDir: ORDER_LIST_DEFAULT_DIR,
  filters: {
    status: urlEnum(ORDER_STATUS_VALUES),
    refund: urlEnum(REFUND_FILTERS),
    ship: urlEnum(SHIP_FILTERS),
    /** Placed on or after this day (Africa/Lagos). */
    from: urlDate.transform(realDay),
    /** Placed on or before this day (Africa/Lagos), inclusive. */
    to: urlDate.transform(realDay),
  },
});

export type OrderListQuery = z.output<typeof orderListQuerySchema>;
