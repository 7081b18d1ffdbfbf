import { bigint, index, jsonb, pgEnum, pgTable, text } from 'drizzle-orm/pg-core';
import { tstz } from './_columns';

export const auditActorType = pgEnum('audit_actor_type', ['user', 'admin', 'system', 'webhook', 'job']);
export type AuditActorType = (typeof auditActorType.enumValues)[number];

/** Append-only record of every state change of an order, payment, refund, stock level or cart merge. */
export const auditLogs = pgTable(
  'audit_logs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    actorType: auditActorType('actor_type').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    metadata: jsonb('metadata'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [index('audit_logs_entity_idx').on(t.entityType, t.entityId, t.createdAt), index('audit_logs_created_idx').on(t.createdAt)],
);
