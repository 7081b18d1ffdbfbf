// The customers list's URL query (page, sort, search by name or email, role), parsed by one schema for the page and
// its JSON route. Framework-free and database-free, so the client table reads the same names.
import type { z } from 'zod';
import type { Money } from '../core/money';
import { listQuerySchema, urlEnum } from '../core/list-query';

export const CUSTOMER_LIST_SORTS = ['joined', 'name', 'email', 'orders', 'value'] as const;
export const CUSTOMER_LIST_DEFAULT_SORT = 'joined';
export const CUSTOMER_LIST_DEFAULT_DIR = 'desc';
export const CUSTOMER_ROLES = ['customer', 'admin'] as const;

export const customerListQuerySchema = listQuerySchema({
  sorts: CUSTOMER_LIST_SORTS,
  defaultSort: CUSTOMER_LIST_DEFAULT_SORT,
  defaultDir: CUSTOMER_LIST_DEFAULT_DIR,
  filters: { role: urlEnum(CUSTOMER_ROLES) },
});

export type CustomerListQuery = z.output<typeof customerListQuerySchema>;

/** One account in the list, as JSON. */
export interface CustomerListRow {
  id: string;
  name: string;
  email: string;
  role: (typeof CUSTOMER_ROLES)[number];
  joinedAt: string;
  /** Every order placed signed in to this account, paid or not. */
  orders: number;
  lastOrderAt: string | null;
  /** Paid orders' totals minus what was refunded, per currency (usually one; none when nothing was bought). */
  lifetimeValue: Money[];
}
