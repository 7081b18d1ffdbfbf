// The audit log's URL query (page, time order, actor, entity type and id, action, date range), parsed by one schema for
// the page and its JSON route. Framework-free and database-free: the filter bar reads it too.
import { z } from 'zod';
import { listQuerySchema, urlDate, urlEnum } from '../core/list-query';
import { realDay } from './real-day';

export type { AuditListRow } from '@/db/queries/admin-audit';

export const AUDIT_LIST_SORTS = ['time'] as const;

export const AUDIT_ACTOR_TYPES = ['admin', 'user', 'system', 'webhook', 'job'] as const;
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number];

export const auditActorLabels: Record<AuditActorType, string> = {
  admin: 'Admin',
  user: 'Customer',
  system: 'The shop',
  webhook: 'Paystack webhook',
  job: 'Background job',
};

export const AUDIT_ENTITY_TYPES = [
  'order',
  'payment',
  'refund',
  'variant',
  'reservation',
  'cart',
  'user',
  'customer',
  'webhook_event',
  'outbox_job',
  'discount_code',
] as const;

const firstOf = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const text = (max: number) =>
  z.preprocess(
    firstOf,
    z
      .string()
      .trim()
      .max(max)
      .optional()
      .catch(undefined)
      .transform((value) => (value ? value : undefined)),
  );

export const auditListQuerySchema = listQuerySchema({
  sorts: AUDIT_LIST_SORTS,
  defaultSort: 'time',
  defaultDir: 'desc',
  filters: {
    actorType: urlEnum(AUDIT_ACTOR_TYPES),
    /** Part of an admin's or customer's name or email, or an actor id (a job's name, a user's id). */
    actor: text(200),
    entityType: urlEnum(AUDIT_ENTITY_TYPES),
    /** An exact entity id (an order's, a payment's, …). */
    entityId: text(100),
    /** Part of the action's name: `payment.`, `replayed`. */
    action: text(100),
    from: urlDate.transform(realDay),
    to: urlDate.transform(realDay),
  },
});

export type AuditListQuery = z.output<typeof auditListQuerySchema>;
