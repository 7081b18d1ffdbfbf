// GET /admin/disputes?q=&status=&due=&sort=&dir=&page=&pageSize= – the disputes inbox: every chargeback customers opened,
// its status, amount, reason, the deadline with the time left and its order, soonest deadline first
import type { Metadata } from 'next';
import { FilterBar } from '@/components/admin/ops/filter-bar';
import { db } from '@/db';
import { listAdminDisputes } from '@/db/queries/admin-disputes';
import { DISPUTE_STATUS_VALUES, disputeListQuerySchema } from '@/lib/admin/dispute-list-query';
import { queryStringOf, type RawSearch } from '@/lib/admin/query-string';
import { disputeStatusLabels } from '@/lib/disputes/dispute-rules';
import { userForPage } from '@/lib/server/doors/auth';
import { DisputesTable } from './_components/disputes-table';

export const metadata: Metadata = { title: 'Disputes', robots: { index: false } };

const statusOptions = [{ value: 'open', label: 'Open (any)' }, ...DISPUTE_STATUS_VALUES.map((value) => ({ value, label: disputeStatusLabels[value] }))];

export default async function AdminDisputesPage({ searchParams }: { searchParams: Promise<RawSearch> }) {
  const raw = await searchParams;
  const search = queryStringOf(raw);
  await userForPage('admin', search ? `/admin/disputes?${search}` : '/admin/disputes');
  const query = disputeListQuerySchema.parse(raw);
  const list = await listAdminDisputes(db, query);
  const filtered = query.q !== undefined || query.status !== undefined || query.due !== undefined;

  return (
    <section aria-labelledby="disputes-heading" className="space-y-6">
      <div className="space-y-1">
        <h1 id="disputes-heading" className="text-2xl font-semibold tracking-tight">
          Disputes
        </h1>
        <p className="text-sm text-stone-600">
          Payments customers disputed with their bank, the soonest deadline first. Answer each one before its deadline — with evidence to contest it, or by
          accepting it — or Paystack decides for the customer.
        </p>
      </div>
      <FilterBar
        label="Find disputes"
        fields={[
          { kind: 'text', param: 'q', label: 'Order number or reference', placeholder: 'SO-100042 or TXN-…' },
          { kind: 'select', param: 'status', label: 'Status', anyLabel: 'Any status', options: statusOptions },
          { kind: 'select', param: 'due', label: 'Due', anyLabel: 'Any time', options: [{ value: '48h', label: 'Within 48 hours' }] },
        ]}
      />
      <DisputesTable
        initialData={list}
        initialSearch={search}
        emptyMessage={
          filtered
            ? 'No dispute matches these filters.'
            : 'No disputes. When a customer disputes a payment with their bank, it appears here and every admin is emailed.'
        }
      />
    </section>
  );
}
