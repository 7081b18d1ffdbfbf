// GET /admin/webhooks/:id – one stored Paystack event: its outcome, attempts and error, the payment and order it
// concerns, its body pretty-printed (card secrets removed when stored, the customer's email and phone partly masked
// here), the headers kept with it, earlier replays, and Replay for a failed or ignored one
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ReplayEventButton } from '../_components/replay-event-button';
import { WebhookStatusBadge } from '@/components/admin/ops/status-badges';
import { Card } from '@/components/ui/card';
import { DescriptionList } from '@/components/ui/description-list';
import { formatDateTime } from '@/lib/core/format-date';
import { userForPage } from '@/lib/server/doors/auth';
import { loadWebhookEvent } from './load-webhook-event';

export const metadata: Metadata = { title: 'Webhook event', robots: { index: false } };

export default async function AdminWebhookEventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // The layout checks too, but a layout does not re-run for every request that reaches this page.
  await userForPage('admin', `/admin/webhooks/${encodeURIComponent(id)}`);
  const loaded = await loadWebhookEvent(id);
  if (!loaded) notFound();
  const { event, shownState, notReplayable, facts, body, headers, replays } = loaded;

  return (
    <div className="space-y-6">
      <Link href="/admin/webhooks" className="text-sm font-medium text-brand-700 underline underline-offset-2">
        ← Webhook inbox
      </Link>
      <div className="space-y-1">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{event.type}</h1>
          <WebhookStatusBadge status={shownState} />
        </div>
        <p className="break-all font-mono text-xs text-stone-600" data-testid="webhook-key">
          {event.eventKey}
        </p>
      </div>

      <div className="grid gap-6 lg:grid-cols-[1fr_22rem] lg:items-start">
        <div className="min-w-0 space-y-6">
          <Card id="payload" title="Body">
            <p className="mt-1 text-stone-600">
              {event.pruned
                ? 'Removed after the retention period; the event itself is kept, so a redelivery is still a duplicate.'
                : 'As stored: card secrets were removed on arrival; the customer’s email and phone are partly hidden here.'}
            </p>
            <pre
              className="mt-3 max-h-[36rem] overflow-auto rounded-lg bg-stone-950 p-4 font-mono text-xs leading-relaxed text-stone-100"
              data-testid="webhook-payload"
            >
              {body}
            </pre>
          </Card>
          <Card id="headers" title="Request headers kept">
            {headers.length === 0 ? (
              <p className="mt-2 text-stone-600">None.</p>
            ) : (
              <DescriptionList
                className="mt-2 divide-y divide-stone-100"
                items={headers.map((header) => ({ ...header, className: 'py-1.5' }))}
                termClassName="font-mono text-xs text-stone-600"
                valueClassName="break-all font-mono text-xs"
              />
            )}
          </Card>
        </div>

        {/* What happened and what can be done first on a phone; beside the body on a wide screen. */}
        <div className="order-first space-y-6 lg:order-none">
          <Card id="outcome" title="Outcome">
            {event.outcome ? (
              <p className={`mt-2 break-words ${event.status === 'failed' ? 'text-red-800' : 'text-stone-700'}`} data-testid="webhook-outcome">
                {event.status === 'failed' ? 'Last error: ' : ''}
                {event.outcome}
              </p>
            ) : (
              <p className="mt-2 text-stone-600">{event.status === 'processed' ? 'Applied.' : 'No detail recorded.'}</p>
            )}
            <DescriptionList layout="stacked" className="mt-3 space-y-2 border-t border-stone-200 pt-3" items={facts} />
          </Card>

          <Card id="concerns" title="Concerns">
            {event.payment ? (
              <p className="mt-2">
                Order{' '}
                <Link href={`/admin/orders/${event.payment.orderId}`} className="font-medium text-brand-700 underline underline-offset-2">
                  {event.payment.orderNumber}
                </Link>
                <span className="block break-all font-mono text-xs text-stone-600">{event.reference}</span>
                <span className="block text-xs text-stone-500">Payment now {event.payment.status.replaceAll('_', ' ')}</span>
              </p>
            ) : (
              <p className="mt-2 text-stone-600">
                {event.reference ? `No payment in the shop has the reference ${event.reference}.` : 'No payment reference in this event.'}
              </p>
            )}
          </Card>

          <Card id="replay" title="Replay">
            <p className="mt-1 text-stone-600">
              Runs the stored body through the same code as a live delivery. A failed or ignored event is applied again; one already applied stays as it is.
            </p>
            <div className="mt-3">
              {notReplayable ? <p className="text-stone-700">{notReplayable}</p> : <ReplayEventButton eventId={event.id} label={event.type} prominent />}
            </div>
            {replays.length > 0 ? (
              <ul className="mt-4 space-y-1 border-t border-stone-200 pt-3 text-xs text-stone-600" data-testid="webhook-replays">
                {replays.map((replay) => (
                  <li key={replay.id}>
                    {formatDateTime(new Date(replay.at))} · {replay.actorName ?? 'An admin'} · {replay.resultWords}
                    {replay.error ? ` (${replay.error})` : ''}
                  </li>
                ))}
              </ul>
            ) : null}
          </Card>
        </div>
      </div>
    </div>
  );
}
