// The webhook inbox's URL query (page, sort, search by key or reference, status, type, received-between dates), parsed
// by one schema for the page and its JSON route. Framework-free and database-free: the filter bar reads it too.
import { z } from 'zod';
import { listQuerySchema, urlDate, urlEnum } from '../core/list-query';
import { isRoutineRefundOutcome } from '../refunds/routine-refund-event';
import { realDay } from './real-day';
import type { WebhookEventStatus } from '@/db/schema/webhooks';

import type { WebhookListRow } from '@/db/queries/admin-webhooks';

export type { WebhookListRow, WebhookSource } from '@/db/queries/admin-webhooks';

export const WEBHOOK_LIST_SORTS = ['received', 'attempts', 'type', 'status'] as const;
export const WEBHOOK_LIST_DEFAULT_SORT = 'received';
export const WEBHOOK_LIST_DEFAULT_DIR = 'desc';

export type WebhookStatus = WebhookEventStatus;

export const webhookStatusLabels: Record<WebhookStatus, string> = {
  received: 'Received (not applied yet)',
  processed: 'Processed',
  ignored: 'Ignored',
  failed: 'Failed',
};

/**
 * What the inbox shows for an event: its stored status, except that an ignored refund event which only confirmed what
 * the shop had already recorded (a routine `refund.pending` after Paystack's own answer) reads `recorded` — nothing
 * went wrong and there is nothing to replay.
 */
export type WebhookShownState = WebhookStatus | 'recorded';

export const webhookShownLabels: Record<WebhookShownState, string> = { ...webhookStatusLabels, recorded: 'Recorded' };

export function webhookShownState(row: Pick<WebhookListRow, 'status' | 'outcome'>): WebhookShownState {
  return row.status === 'ignored' && isRoutineRefundOutcome(row.outcome) ? 'recorded' : row.status;
}
export const WEBHOOK_STATUS_VALUES = Object.keys(webhookStatusLabels) as [WebhookStatus, ...WebhookStatus[]];

const firstOf = (value: unknown) => (Array.isArray(value) ? value[0] : value);

export const webhookListQuerySchema = listQuerySchema({
  sorts: WEBHOOK_LIST_SORTS,
  defaultSort: WEBHOOK_LIST_DEFAULT_SORT,
  defaultDir: WEBHOOK_LIST_DEFAULT_DIR,
  filters: {
    status: urlEnum(WEBHOOK_STATUS_VALUES),
    /** An event type as Paystack names it (`charge.success`); anything else is dropped. */
    type: z.preprocess(
      firstOf,
      z
        .string()
        .regex(/^[a-z][a-z0-9_.-]{0,99}$/)
        .optional()
        .catch(undefined),
    ),
    /** Received on or after this day (Africa/Lagos). */
    from: urlDate.transform(realDay),
    /** Received on or before this day (Africa/Lagos), inclusive. */
    to: urlDate.transform(realDay),
  },
});

export type WebhookListQuery = z.output<typeof webhookListQuerySchema>;

/**
 * Whether a row offers Replay: a failed or ignored event whose body came from a delivery and is still kept — not a
 * routine one (`recorded`): replaying it could only confirm the same state again.
 */
export const canReplay = (row: Pick<WebhookListRow, 'status' | 'outcome' | 'source' | 'pruned'>) =>
  row.status !== 'processed' && webhookShownState(row) !== 'recorded' && row.source === 'delivery' && !row.pruned;

export function signatureWords(row: Pick<WebhookListRow, 'source'>): string {
  return row.source === 'delivery' ? 'Signature verified' : 'Not a delivery (Paystack verify)';
}

export const replayWebhookInputSchema = z.object({ eventId: z.uuid() });

/**
 * Where the inbox worker stands with an event: waiting for its first attempt, retrying after a failure (when), or given
 * up after its attempts (an operator's replay is next). Null for a settled event.
 */
export function inboxProgressWords(row: Pick<WebhookListRow, 'status' | 'attempts' | 'nextAttemptAt'>, format: (at: Date) => string): string | null {
  if (row.status === 'received') return row.nextAttemptAt ? `Waiting to be applied (due ${format(new Date(row.nextAttemptAt))})` : 'Waiting to be applied';
  if (row.status !== 'failed') return null;
  const tries = `${row.attempts} attempt${row.attempts === 1 ? '' : 's'}`;
  return row.nextAttemptAt
    ? `Failed after ${tries}; next attempt ${format(new Date(row.nextAttemptAt))}`
    : `Failed after ${tries}; no more automatic attempts — replay it`;
}
