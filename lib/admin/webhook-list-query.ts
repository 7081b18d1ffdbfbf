// The webhook inbox's URL query (page, sort, search by key or reference, status, type, received-between dates), parsed
// by one schema for the page and its JSON route. Framework-free and database-free: the filter bar reads it too.
import { z } from 'zod';
import { listQuerySchema, urlDate, urlEnum } from '../core/list-query';
import { realDay } from './real-day';

export const WEBHOOK_LIST_SORTS = ['received', 'attempts', 'type', 'status'] as const;
export const WEBHOOK_LIST_DEFAULT_SORT = 'received';
export const WEBHOOK_LIST_DEFAULT_DIR = 'desc';

export type WebhookStatus = 'processed' | 'ignored' | 'failed';

export const webhookStatusLabels: Record<WebhookStatus, string> = { processed: 'Processed', ignored: 'Ignored', failed: 'Failed' };
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
 * Where a stored event came from. Only deliveries whose signature verified are ever stored (a bad signature is a 401
 * before anything is written), so every `delivery` row passed the check; `verify` rows were written when the shop
 * confirmed a charge through Paystack's verify API (return page, reconciliation, an admin) — no signature involved.
 */
export type WebhookSource = 'delivery' | 'verify';

export interface WebhookListRow {
  id: string;
  type: string;
  eventKey: string;
  status: WebhookStatus;
  /** Why it was ignored, or the last processing error. */
  outcome: string | null;
  attempts: number;
  source: WebhookSource;
  /** The body was replaced by a stub after the retention period: it cannot be replayed. */
  pruned: boolean;
  /** The payment reference the event is about, when it names one. */
  reference: string | null;
  receivedAt: string;
  lastAttemptAt: string;
  processedAt: string | null;
}

/** Whether a row offers Replay: a failed or ignored event whose body came from a delivery and is still kept. */
export const canReplay = (row: Pick<WebhookListRow, 'status' | 'source' | 'pruned'>) => row.status !== 'processed' && row.source === 'delivery' && !row.pruned;

export function signatureWords(row: Pick<WebhookListRow, 'source'>): string {
  return row.source === 'delivery' ? 'Signature verified' : 'Not a delivery (Paystack verify)';
}

export const replayWebhookInputSchema = z.object({ eventId: z.uuid() });
