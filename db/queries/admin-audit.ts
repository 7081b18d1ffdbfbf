// The audit log for the admin console: every entry, newest (or oldest) first, filterable by actor (type, or part of a
// person's name or email, or an actor id), entity type and id, action and day range. Each entry links to the page
// that shows its entity when there is one. Callers authorise the admin first.
import { and, count, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { AuditActorType } from '../schema/audit';
import { type ListPage, type ListPaging, listPage } from '../../lib/core/list-query';
import type { DbOrTx } from '../client';
import { auditLogs, payments, refunds, users } from '../schema';
import { fromDay, likeContaining, sortBy, toDay } from './admin-ops-sql';

/** What this read takes from the list's URL query (parsed by lib/admin/audit-list-query.ts; its output must fit). */
export interface AuditListParams extends ListPaging<'time'> {
  actorType?: AuditActorType | undefined;
  actor?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface AuditListRow {
  id: number;
  createdAt: string;
  actorType: AuditActorType;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string;
  /** Where the entity can be seen in the console, when it has a page. */
  entityHref: string | null;
  before: unknown;
  after: unknown;
  metadata: unknown;
}

const personJoin = and(inArray(auditLogs.actorType, ['user', 'admin']), eq(auditLogs.actorId, sql`${users.id}::text`));

/** The order a payment or refund entry belongs to, so the entry can link to the order page. */
const orderOfEntity = sql<string | null>`case
  when ${auditLogs.entityType} = 'order' then ${auditLogs.entityId}
  when ${auditLogs.entityType} = 'payment' then (select ${payments.orderId}::text from ${payments} where ${payments.id}::text = ${auditLogs.entityId})
  when ${auditLogs.entityType} = 'refund' then (select ${refunds.orderId}::text from ${refunds} where ${refunds.id}::text = ${auditLogs.entityId})
end`;

function entityHref(entityType: string, entityId: string, orderId: string | null): string | null {
  if (orderId) return `/admin/orders/${orderId}`;
  if (entityType === 'webhook_event') return `/admin/webhooks/${entityId}`;
  if (entityType === 'outbox_job') return `/admin/jobs?q=${encodeURIComponent(entityId)}`;
  if (entityType === 'discount_code') return '/admin/discounts';
  if (entityType === 'variant') return `/admin/inventory/${entityId}`;
  if (entityType === 'product') return `/admin/products/${entityId}`;
  if (entityType === 'dispute') return `/admin/disputes/${entityId}`;
  if (entityType === 'user') return `/admin/customers/${entityId}`;
  // Customer notes are kept by email: the guest page opens the account instead when the email has one.
  if (entityType === 'customer') return `/admin/customers/guest?${new URLSearchParams({ email: entityId })}`;
  return null;
}

export async function listAuditEntries(db: DbOrTx, query: AuditListParams): Promise<ListPage<AuditListRow>> {
  const conditions: SQL[] = [];
  if (query.actorType) conditions.push(eq(auditLogs.actorType, query.actorType));
  if (query.actor) {
    const like = likeContaining(query.actor);
    conditions.push(or(ilike(auditLogs.actorId, like), ilike(users.name, like), ilike(users.email, like)) as SQL);
  }
  if (query.entityType) conditions.push(eq(auditLogs.entityType, query.entityType));
  if (query.entityId) conditions.push(eq(auditLogs.entityId, query.entityId));
  if (query.action) conditions.push(ilike(auditLogs.action, likeContaining(query.action)));
  if (query.from) conditions.push(fromDay(auditLogs.createdAt, query.from));
  if (query.to) conditions.push(toDay(auditLogs.createdAt, query.to));
  const where = conditions.length > 0 ? and(...conditions) : undefined;

  const [counted] = await db.select({ total: count() }).from(auditLogs).leftJoin(users, personJoin).where(where);
  const rows = await db
    .select({
      id: auditLogs.id,
      createdAt: auditLogs.createdAt,
      actorType: auditLogs.actorType,
      actorId: auditLogs.actorId,
      actorName: users.name,
      actorEmail: users.email,
      action: auditLogs.action,
      entityType: auditLogs.entityType,
      entityId: auditLogs.entityId,
      orderId: orderOfEntity,
      before: auditLogs.before,
      after: auditLogs.after,
      metadata: auditLogs.metadata,
    })
    .from(auditLogs)
    .leftJoin(users, personJoin)
    .where(where)
    .orderBy(...sortBy(auditLogs.createdAt, query.dir, auditLogs.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return listPage(
    rows.map(({ orderId, ...row }) => ({ ...row, createdAt: row.createdAt.toISOString(), entityHref: entityHref(row.entityType, row.entityId, orderId) })),
    counted?.total ?? 0,
    query,
  );
}
