// GET /admin/audit?actorType=&actor=&entityType=&entityId=&action=&from=&to=&dir=&page=&pageSize= – the audit log:
// every recorded change, newest first (or oldest), filterable by who, what and when, each with its before/after
import type { Metadata } from 'next';
import { AuditTable } from '@/components/admin/ops/audit-table';
import { FilterBar } from '@/components/admin/ops/filter-bar';
import { db } from '@/db';
import { listAuditEntries } from '@/db/queries/admin-audit';
import { AUDIT_ACTOR_TYPES, AUDIT_ENTITY_TYPES, auditActorLabels, auditListQuerySchema } from '@/lib/admin/audit-list-query';
import { queryStringOf, type RawSearch } from '@/lib/admin/query-string';
import { userForPage } from '@/lib/server/doors/auth';

export const metadata: Metadata = { title: 'Audit log', robots: { index: false } };

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<RawSearch> }) {
  const raw = await searchParams;
  const search = queryStringOf(raw);
  await userForPage('admin', search ? `/admin/audit?${search}` : '/admin/audit');
  const query = auditListQuerySchema.parse(raw);
  const list = await listAuditEntries(db, query);
  const filtered = [query.actorType, query.actor, query.entityType, query.entityId, query.action, query.from, query.to].some((value) => value !== undefined);

  return (
    <section aria-labelledby="audit-heading" className="space-y-6">
      <div className="space-y-1">
        <h1 id="audit-heading" className="text-2xl font-semibold tracking-tight">
          Audit log
        </h1>
        <p className="text-sm text-stone-600">
          Every change to an order, payment, refund or stock level, and every admin action, with who made it. Entries are never edited or removed.
        </p>
      </div>
      <FilterBar
        label="Find audit entries"
        fields={[
          { kind: 'text', param: 'actor', label: 'Who', placeholder: 'Name, email or job' },
          {
            kind: 'select',
            param: 'actorType',
            label: 'Kind of actor',
            anyLabel: 'Anyone',
            options: AUDIT_ACTOR_TYPES.map((value) => ({ value, label: auditActorLabels[value] })),
          },
          { kind: 'text', param: 'action', label: 'Action', placeholder: 'payment.paid, replayed…' },
          {
            kind: 'select',
            param: 'entityType',
            label: 'Entity',
            anyLabel: 'Any entity',
            options: AUDIT_ENTITY_TYPES.map((value) => ({ value, label: value.replaceAll('_', ' ') })),
          },
          { kind: 'text', param: 'entityId', label: 'Entity id', placeholder: 'Exact id' },
          { kind: 'date', param: 'from', label: 'From' },
          { kind: 'date', param: 'to', label: 'To' },
        ]}
      />
      <AuditTable initialData={list} initialSearch={search} emptyMessage={filtered ? 'No entry matches these filters.' : 'Nothing recorded yet.'} />
    </section>
  );
}
