// The payments list's URL query (page, sort, search by reference or order number, status), parsed by one schema for
// the page and its JSON route. Framework-free and database-free: the filter bar (a client component) reads it too.
import { z } from 'zod';
import type { PaymentStatus } from '../payments/payment-status';
import { listQuerySchema, urlEnum } from '../core/list-query';

export type { PaymentListRow } from '@/db/queries/admin-payments';

export const PAYMENT_LIST_SORTS = ['created', 'amount', 'status', 'paid'] as const;
export const PAYMENT_LIST_DEFAULT_SORT = 'created';
export const PAYMENT_LIST_DEFAULT_DIR = 'desc';

export const paymentStatusLabels: Record<PaymentStatus, string> = {
  initialized: 'Started',
  pending: 'Pending',
  paid: 'Paid',
  failed: 'Failed',
  abandoned: 'Abandoned',
  needs_review: 'Needs review',
  partially_refunded: 'Partly refunded',
  refunded: 'Refunded',
};

export const PAYMENT_STATUS_VALUES = Object.keys(paymentStatusLabels) as [PaymentStatus, ...PaymentStatus[]];

/** Open: Paystack may still report it paid, failed or abandoned — these can be verified now. */
export const OPEN_LIST_STATUSES: readonly PaymentStatus[] = ['initialized', 'pending'];

export const paymentListQuerySchema = listQuerySchema({
  sorts: PAYMENT_LIST_SORTS,
  defaultSort: PAYMENT_LIST_DEFAULT_SORT,
  defaultDir: PAYMENT_LIST_DEFAULT_DIR,
  filters: { status: urlEnum(PAYMENT_STATUS_VALUES) },
});

export type PaymentListQuery = z.output<typeof paymentListQuerySchema>;

export const verifyPaymentInputSchema = z.object({ paymentId: z.uuid() });
