// Webhook inbox reads for the admin console: every stored Paystack event (filterable by status, type and the day it
// arrived, searchable by key or payment reference), one event with the payment and order it concerns, and the list
// of event types seen. Callers authorise the admin first.
import { and, asc, count, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { type ListPage, type ListPaging, listPage } from '../../lib/core/list-query';
import type { WebhookEventStatus } from '../schema/webhooks';
import type { DbOrTx } from '../client';
import { auditLogs, orders, payments, users, webhookEvents } from '../schema';
import { fromDay, iso, likeContaining, sortBy, toDay } from './admin-ops-sql';

/** What this read takes from the list's URL query (parsed by lib/admin/webhook-list-query.ts; its output must fit). */
export interface WebhookListParams extends ListPaging<'received' | 'attempts' | 'type' | 'status'> {
  status?: WebhookEventStatus | undefined;
  type?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

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
  status: WebhookEventStatus;
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
  /** When the inbox worker tries it (again); null once applied, or once it gave up after its attempts. */
  nextAttemptAt: string | null;
}

const sortColumns = {
  received: webhookEvents.receivedAt,
  attempts: webhookEvents.attempts,
  type: webhookEvents.type,
  status: sql`${webhookEvents.status}::text`,
} as const;

/** The payment reference a stored body names: a charge's `reference`, a refund's transaction reference, or a verify row's. */
const referenceOf = sql<string | null>`coalesce(
  ${webhookEvents.payload} -> 'data' ->> 'reference',
  ${webhookEvents.payload} -> 'data' ->> 'transaction_reference',
  ${webhookEvents.payload} ->> 'reference'
)`;
/** Rows written by a Paystack verification carry `source` and no `event` envelope (lib/payments/ask-paystack/confirm.ts). */
const isVerify = sql<boolean>`(${webhookEvents.payload} ? 'source' AND NOT ${webhookEvents.payload} ? 'event')`;
const isPruned = sql<boolean>`coalesce((${webhookEvents.payload} ->> 'pruned')::boolean, false)`;

const listColumns = {
  id: webhookEvents.id,
  type: webhookEvents.type,
  eventKey: webhookEvents.eventKey,
  status: webhookEvents.status,
  outcome: webhookEvents.outcome,
  attempts: webhookEvents.attempts,
  verify: isVerify,
  pruned: isPruned,
  reference: referenceOf,
  receivedAt: webhookEvents.receivedAt,
  lastAttemptAt: webhookEvents.lastAttemptAt,
  processedAt: webhookEvents.processedAt,
  nextAttemptAt: webhookEvents.nextAttemptAt,
};

interface SelectedRow extends Omit<WebhookListRow, 'source' | 'receivedAt' | 'lastAttemptAt' | 'processedAt' | 'nextAttemptAt'> {
  verify: boolean;
  receivedAt: Date;
  lastAttemptAt: Date;
  processedAt: Date | null;
  nextAttemptAt: Date | null;
}

function toRow({ verify, receivedAt, lastAttemptAt, processedAt, nextAttemptAt, ...rest }: SelectedRow): WebhookListRow {
  return {
    ...rest,
    source: verify ? 'verify' : 'delivery',
    receivedAt: receivedAt.toISOString(),
    lastAttemptAt: lastAttemptAt.toISOString(),
    processedAt: iso(processedAt),
    nextAttemptAt: iso(nextAttemptAt),
  };
}

export async function listWebhookEvents(db: DbOrTx, query: WebhookListParams): Promise<ListPage<WebhookListRow>> {
  const conditions: SQL[] = [];
  if (query.q) conditions.push(or(ilike(webhookEvents.eventKey, likeContaining(query.q)), ilike(referenceOf, likeContaining(query.q))) as SQL);
  if (query.status) conditions.push(eq(webhookEvents.status, query.status));
  if (query.type) conditions.push(eq(webhookEvents.type, query.type));
  if (query.from) conditions.push(fromDay(webhookEvents.receivedAt, query.from));
  if (query.to) conditions.push(toDay(webhookEvents.receivedAt, query.to));
  const where = conditions.length > 0 ? and(...conditions) : undefined;

  const [counted] = await db.select({ total: count() }).from(webhookEvents).where(where);
  const rows = await db
    .select(listColumns)
    .from(webhookEvents)
    .where(where)
    .orderBy(...sortBy(sortColumns[query.sort], query.dir, webhookEvents.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return listPage(
    rows.map((row) => toRow(row)),
    counted?.total ?? 0,
    query,
  );
}

/** Every event type stored, for the type filter. */
export async function webhookEventTypes(db: DbOrTx): Promise<string[]> {
  const rows = await db.selectDistinct({ type: webhookEvents.type }).from(webhookEvents).orderBy(asc(webhookEvents.type));
  return rows.map((row) => row.type);
}

export interface WebhookEventDetail extends WebhookListRow {
  payload: unknown;
  headers: Record<string, string>;
  /** The payment and order the event names, when the shop has them. */
  payment: { id: string; status: string; orderId: string; orderNumber: string } | null;
  replays: Array<{ id: number; at: string; actorName: string | null; result: string | null; error: string | null }>;
}

export async function getWebhookEvent(db: DbOrTx, id: string): Promise<WebhookEventDetail | null> {
  const [row] = await db
    .select({ ...listColumns, payload: webhookEvents.payload, headers: webhookEvents.headers })
    .from(webhookEvents)
    .where(eq(webhookEvents.id, id));
  if (!row) return null;
  const [payment] =
    typeof row.reference === 'string'
      ? await db
          .select({ id: payments.id, status: payments.status, orderId: payments.orderId, orderNumber: orders.number })
          .from(payments)
          .innerJoin(orders, eq(orders.id, payments.orderId))
          .where(eq(payments.reference, row.reference))
      : [];
  const replays = await db
    .select({ id: auditLogs.id, at: auditLogs.createdAt, actorName: users.name, metadata: auditLogs.metadata })
    .from(auditLogs)
    .leftJoin(users, and(eq(auditLogs.actorType, 'admin'), eq(auditLogs.actorId, sql`${users.id}::text`)))
    .where(and(eq(auditLogs.entityType, 'webhook_event'), eq(auditLogs.entityId, id), eq(auditLogs.action, 'webhook_event.replayed')))
    .orderBy(desc(auditLogs.createdAt), desc(auditLogs.id))
    .limit(20);
  const field = (value: unknown, key: string) => {
    const inner = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    return typeof inner === 'string' ? inner : null;
  };
  const { payload, headers, ...listed } = row;
  return {
    ...toRow(listed),
    payload,
    headers,
    payment: payment ?? null,
    replays: replays.map((entry) => ({
      id: entry.id,
      at: entry.at.toISOString(),
      actorName: entry.actorName,
      result: field(entry.metadata, 'result'),
      error: field(entry.metadata, 'error') ?? field(entry.metadata, 'reason'),
    })),
  };
}
