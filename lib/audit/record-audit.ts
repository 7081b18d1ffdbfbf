// One way to write the audit trail, always inside the transaction that made the change it describes.
import type { DbOrTx } from '../../db/client';
import { auditLogs } from '../../db/schema';

export type AuditActor = { type: 'user' | 'admin'; id: string } | { type: 'system' | 'webhook' | 'job'; id?: string };

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  entityType:
    | 'order'
    | 'payment'
    | 'refund'
    | 'variant'
    | 'reservation'
    | 'cart'
    | 'user'
    | 'webhook_event'
    | 'outbox_job'
    | 'product'
    | 'dispute'
    | 'credit_note'
    | 'shop_settings'
    | 'saved_card'
    | 'discount_code'
    | 'customer';
  entityId: string;
  before?: unknown;
  after?: unknown;
  metadata?: Record<string, unknown>;
}

export async function recordAudit(db: DbOrTx, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const rows = (Array.isArray(entries) ? entries : [entries]).map((entry) => ({
    actorType: entry.actor.type,
    actorId: entry.actor.id ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    metadata: entry.metadata ?? null,
  }));
  if (rows.length > 0) await db.insert(auditLogs).values(rows);
}
