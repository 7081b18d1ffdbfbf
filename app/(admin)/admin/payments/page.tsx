// GET /admin/payments?q=&status=&sort=&dir=&page=&pageSize= – every payment attempt with its order; an open one can be
// verified with Paystack (the same check reconciliation makes) from its row
import type { Metadata } from 'next';
import { FilterBar } from '@/components/admin/ops/filter-bar';
import { PaymentsTable } from './_components/payments-table';
import { db } from '@/db';
import { listAdminPayments } from '@/db/queries/admin-payments';
import { PAYMENT_STATUS_VALUES, paymentListQuerySchema, paymentStatusLabels } from '@/lib/admin/payment-list-query';
import { queryStringOf, type RawSearch } from '@/lib/admin/query-string';
import { userForPage } from '@/lib/server/doors/auth';

export const metadata: Metadata = { title: 'Payments', robots: { index: false } };

const statusOptions = PAYMENT_STATUS_VALUES.map((value) => ({ value, label: paymentStatusLabels[value] }));

export default async function AdminPaymentsPage({ searchParams }: { searchParams: Promise<RawSearch> }) {
  const raw = await searchParams;
  const search = queryStringOf(raw);
  await userForPage('admin', search ? `/admin/payments?${search}` : '/admin/payments');
  const query = paymentListQuerySchema.parse(raw);
  const list = await listAdminPayments(db, query);
  const filtered = query.q !== undefined || query.status !== undefined;

  return (
    <section aria-labelledby="payments-heading" className="space-y-6">
      <div className="space-y-1">
        <h1 id="payments-heading" className="text-2xl font-semibold tracking-tight">
          Payments
        </h1>
        <p className="text-sm text-stone-600">
          Every attempt to pay, newest first. A payment still started or pending may have been paid at Paystack without its webhook reaching the shop: “Verify
          with Paystack” asks now and applies the answer the way reconciliation would.
        </p>
      </div>
      <FilterBar
        label="Find payments"
        fields={[
          { kind: 'text', param: 'q', label: 'Reference or order number', placeholder: 'TXN-… or SO-100042' },
          { kind: 'select', param: 'status', label: 'Status', anyLabel: 'Any status', options: statusOptions },
        ]}
      />
      <PaymentsTable
        initialData={list}
        initialSearch={search}
        emptyMessage={filtered ? 'No payment matches these filters.' : 'No payments yet: they appear when a shopper checks out.'}
      />
    </section>
  );
}
