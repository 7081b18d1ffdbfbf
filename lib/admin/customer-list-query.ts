// The customers list's URL query (page, sort, search by name or email, role), parsed by one schema for the page and
// its JSON route. Framework-free and database-free, so the client table reads the same names.
import type { z } from 'zod';
import { listQuerySchema, urlEnum } from '../core/list-query';

export type { CustomerListRow } from '@/db/queries/admin-customers';

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
