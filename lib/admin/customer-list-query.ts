// The customers list's URL query (page, sort, search by name or email, role or guests), parsed by one schema for the
// page and its JSON route; and where each customer's page is. Framework-free and database-free, so the client table reads the same names.
import type { z } from 'zod';
import { listQuerySchema, urlEnum } from '../core/list-query';

export type { CustomerListRow } from '@/db/queries/admin-customers';

export const CUSTOMER_LIST_SORTS = ['joined', 'name', 'email', 'orders', 'value'] as const;
export const CUSTOMER_LIST_DEFAULT_SORT = 'joined';
export const CUSTOMER_LIST_DEFAULT_DIR = 'desc';
/** An account's role, or `guest`: orders placed signed out with an email no account has, grouped by that email. */
export const CUSTOMER_ROLES = ['customer', 'admin', 'guest'] as const;

export const customerListQuerySchema = listQuerySchema({
  sorts: CUSTOMER_LIST_SORTS,
  defaultSort: CUSTOMER_LIST_DEFAULT_SORT,
  defaultDir: CUSTOMER_LIST_DEFAULT_DIR,
  filters: { role: urlEnum(CUSTOMER_ROLES) },
});

export type CustomerListQuery = z.output<typeof customerListQuerySchema>;

/** A guest's page: guests have no id, so the email they bought with names them. */
export const guestCustomerHref = (email: string) => `/admin/customers/guest?${new URLSearchParams({ email })}`;

/** Where a row of the list opens: the account's page, or the guest's. */
export const customerHref = (row: { id: string | null; email: string }) => (row.id ? `/admin/customers/${row.id}` : guestCustomerHref(row.email));
