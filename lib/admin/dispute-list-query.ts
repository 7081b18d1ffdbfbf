// The disputes inbox's URL query (page, sort, search by order number or payment reference, status, "due within 48
// hours"), parsed by one schema for the page and its JSON route. Framework-free and database-free.
import type { z } from 'zod';
import type { DisputeStatus } from '../disputes/dispute-status';
import { disputeStatusLabels } from '../disputes/dispute-rules';
import { listQuerySchema, urlEnum } from '../core/list-query';

export type { DisputeListRow } from '@/db/queries/admin-disputes';

export const DISPUTE_LIST_SORTS = ['due', 'created', 'amount', 'status'] as const;
export const DISPUTE_LIST_DEFAULT_SORT = 'due';
/** Soonest deadline first: what must be answered next is at the top. */
export const DISPUTE_LIST_DEFAULT_DIR = 'asc';

export const DISPUTE_STATUS_VALUES = Object.keys(disputeStatusLabels) as [DisputeStatus, ...DisputeStatus[]];

export const disputeListQuerySchema = listQuerySchema({
  sorts: DISPUTE_LIST_SORTS,
  defaultSort: DISPUTE_LIST_DEFAULT_SORT,
  defaultDir: DISPUTE_LIST_DEFAULT_DIR,
  filters: { status: urlEnum(['open', ...DISPUTE_STATUS_VALUES]), due: urlEnum(['48h']) },
});

export type DisputeListQuery = z.output<typeof disputeListQuerySchema>;
