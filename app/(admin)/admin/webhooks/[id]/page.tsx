// GET /admin/webhooks/:id – one stored Paystack event: its outcome, attempts and error, the payment and order it
// concerns, its body pretty-printed (card secrets removed when stored, the customer's email and phone partly masked
// here), the headers kept with it, earlier replays, and Replay for a failed or ignored one
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ReplayEventButton } from '../_components/replay-event-button';
import { WebhookStatusBadge } from '@/components/admin/ops/status-badges';
import { db } from '@/db';
import { getWebhookEvent } from '@/db/queries/admin-webhooks';
import { maskPayloadForView } from '@/lib/admin/mask-payload';
import { signatureWords } from '@/lib/admin/webhook-list-query';
import { formatDateTime } from '@/lib/core/format-date';
import { userForPage } from '@/lib/server/doors/auth';
import { isUuid } from '@/lib/is-uuid';
import { whyNotReplayable } from '@/lib/webhooks/replay-webhook-event';

export const metadata: Metadata = { title: 'Webhook event', robots: { index: false } };

const card = 'rounded-xl border border-stone-200 bg-white p-6 text-sm';

const replayResultWords: Record<string, string> = {
  processed: 'applied',
  ignored: 'ignored again',
  duplicate: 'already applied — nothing changed',
  failed: 'failed again',
  not_replayable: 'not replayable',
  not_confirmed: 'not confirmed by Paystack — nothing applied',
};

/** The stored body puts `data` before `event` (jsonb orders keys); a person reads the event's name first. */
function eventFirst(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body) || !('event' in body)) return body;
  const { event, ...rest } = body as Record<string, unknown>;
  return { event, ...rest };
}

export default async function AdminWebhookEventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // The layout checks too, but a layout does not re-run for every request that reaches this page.
  await userForPage('admin', `/admin/webhooks/${encodeURIComponent(id)}`);
  if (!isUuid(id)) notFound();
  const event = await getWebhookEvent(db, id);
  if (!event) notFound();

  // A processed event may be replayed too: the machinery answers "already applied" and nothing changes.
  const notReplayable = whyNotReplayable(event.payload);
  const rows: Array<[string, string]> = [
    ['Signature', event.source === 'delivery' ? 'Verified (unsigned or badly signed bodies are refused before anything is stored)' : signatureWords(event)],
    ['Received', formatDateTime(new Date(event.receivedAt))],
    ['Last attempt', formatDateTime(new Date(event.lastAttemptAt))],
    ['Processed', event.processedAt ? formatDateTime(new Date(event.processedAt)) : '—'],
    ['Attempts', String(event.attempts)],
  ];

  return (
    <div className="space-y-6">
      <Link href="/admin/webhooks" className="text-sm font-medium text-brand-700 underline underline-offset-2">
        ← Webhook inbox
      </Link>
      <div className="space-y-1">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{event.type}</h1>
          <WebhookStatusBadge status={event.status} />
        </div>
        <p className="break-all font-mono text-xs text-stone-600" data-testid="webhook-key">
          {event.eventKey}
        </p>
      </div>

      <div className="grid gap-6 lg:grid-cols-[1fr_22rem] lg:items-start">
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="payload-heading" className={card}>
            <h2 id="payload-heading" className="text-lg font-semibold">
              Body
            </h2>
            <p className="mt-1 text-stone-600">
              {event.pruned
                ? 'Removed after the retention period; the event itself is kept, so a redelivery is still a duplicate.'
                : 'As stored: card secrets were removed on arrival; the customer’s email and phone are partly hidden here.'}
            </p>
            <pre
              className="mt-3 max-h-[36rem] overflow-auto rounded-lg bg-stone-950 p-4 font-mono text-xs leading-relaxed text-stone-100"
              data-testid="webhook-payload"
            >
              {JSON.stringify(eventFirst(maskPayloadForView(event.payload)), null, 2)}
            </pre>
          </section>
          <section aria-labelledby="headers-heading" className={card}>
            <h2 id="headers-heading" className="text-lg font-semibold">
              Request headers kept
            </h2>
            {Object.keys(event.headers).length === 0 ? (
              <p className="mt-2 text-stone-600">None.</p>
            ) : (
              <dl className="mt-2 divide-y divide-stone-100">
                {Object.entries(event.headers).map(([name, value]) => (
                  <div key={name} className="flex flex-wrap justify-between gap-2 py-1.5">
                    <dt className="font-mono text-xs text-stone-600">{name}</dt>
                    <dd className="break-all font-mono text-xs">{value}</dd>
                  </div>
                ))}
              </dl>
            )}
          </section>
        </div>

        {/* What happened and what can be done first on a phone; beside the body on a wide screen. */}
        <div className="order-first space-y-6 lg:order-none">
          <section aria-labelledby="outcome-heading" className={card}>
            <h2 id="outcome-heading" className="text-lg font-semibold">
              Outcome
            </h2>
            {event.outcome ? (
              <p className={`mt-2 break-words ${event.status === 'failed' ? 'text-red-800' : 'text-stone-700'}`} data-testid="webhook-outcome">
                {event.status === 'failed' ? 'Last error: ' : ''}
                {event.outcome}
              </p>
            ) : (
              <p className="mt-2 text-stone-600">{event.status === 'processed' ? 'Applied.' : 'No detail recorded.'}</p>
            )}
            <dl className="mt-3 space-y-2 border-t border-stone-200 pt-3">
              {rows.map(([term, value]) => (
                <div key={term}>
                  <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">{term}</dt>
                  <dd className="text-stone-800">{value}</dd>
                </div>
              ))}
            </dl>
          </section>

          <section aria-labelledby="concerns-heading" className={card}>
            <h2 id="concerns-heading" className="text-lg font-semibold">
              Concerns
            </h2>
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
          </section>

          <section aria-labelledby="replay-heading" className={card}>
            <h2 id="replay-heading" className="text-lg font-semibold">
              Replay
            </h2>
            <p className="mt-1 text-stone-600">
              Runs the stored body through the same code as a live delivery. A failed or ignored event is applied again; one already applied stays as it is.
            </p>
            <div className="mt-3">
              {notReplayable ? <p className="text-stone-700">{notReplayable}</p> : <ReplayEventButton eventId={event.id} label={event.type} prominent />}
            </div>
            {event.replays.length > 0 ? (
              <ul className="mt-4 space-y-1 border-t border-stone-200 pt-3 text-xs text-stone-600" data-testid="webhook-replays">
                {event.replays.map((replay) => (
                  <li key={replay.id}>
                    {formatDateTime(new Date(replay.at))} · {replay.actorName ?? 'An admin'} · {replayResultWords[replay.result ?? ''] ?? replay.result}
                    {replay.error ? ` (${replay.error})` : ''}
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        </div>
      </div>
    </div>
  );
}
