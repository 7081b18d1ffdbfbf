// GET /admin/webhooks?q=&status=&type=&from=&to=&sort=&dir=&page=&pageSize= – the webhook inbox: every stored Paystack
// event with its outcome; each opens its masked body, and a failed or ignored one can be replayed
import type { Metadata } from 'next';
import { FilterBar } from '@/components/admin/ops/filter-bar';
import { WebhooksTable } from './_components/webhooks-table';
import { db } from '@/db';
import { listWebhookEvents, webhookEventTypes } from '@/db/queries/admin-webhooks';
import { queryStringOf, type RawSearch } from '@/lib/admin/query-string';
import { WEBHOOK_STATUS_VALUES, webhookListQuerySchema, webhookStatusLabels } from '@/lib/admin/webhook-list-query';
import { userForPage } from '@/lib/server/doors/auth';

export const metadata: Metadata = { title: 'Webhook inbox', robots: { index: false } };

const statusOptions = WEBHOOK_STATUS_VALUES.map((value) => ({ value, label: webhookStatusLabels[value] }));

export default async function AdminWebhooksPage({ searchParams }: { searchParams: Promise<RawSearch> }) {
  const raw = await searchParams;
  const search = queryStringOf(raw);
  await userForPage('admin', search ? `/admin/webhooks?${search}` : '/admin/webhooks');
  const query = webhookListQuerySchema.parse(raw);
  const [list, types] = await Promise.all([listWebhookEvents(db, query), webhookEventTypes(db)]);
  const filtered = [query.q, query.status, query.type, query.from, query.to].some((value) => value !== undefined);

  return (
    <section aria-labelledby="webhooks-heading" className="space-y-6">
      <div className="space-y-1">
        <h1 id="webhooks-heading" className="text-2xl font-semibold tracking-tight">
          Webhook inbox
        </h1>
        <p className="text-sm text-stone-600">
          Every Paystack event the shop stored, newest first. Only events with a valid signature are stored — a bad signature is refused before anything is
          written — so each delivery here passed the check. A failed or ignored event can be replayed once its cause is fixed; replaying an event that was
          already applied changes nothing.
        </p>
      </div>
      <FilterBar
        label="Find webhook events"
        fields={[
          { kind: 'text', param: 'q', label: 'Key or payment reference', placeholder: 'charge.success:… or TXN-…' },
          { kind: 'select', param: 'status', label: 'Outcome', anyLabel: 'Any outcome', options: statusOptions },
          { kind: 'select', param: 'type', label: 'Type', anyLabel: 'Any type', options: types.map((type) => ({ value: type, label: type })) },
          { kind: 'date', param: 'from', label: 'Received from' },
          { kind: 'date', param: 'to', label: 'Received to' },
        ]}
      />
      <WebhooksTable
        initialData={list}
        initialSearch={search}
        emptyMessage={filtered ? 'No event matches these filters.' : 'No webhook events yet: Paystack sends one when a payment or refund moves.'}
      />
    </section>
  );
}
