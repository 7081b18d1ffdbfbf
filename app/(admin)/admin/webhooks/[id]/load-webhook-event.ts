// Everything the webhook event page shows, loaded and shaped here so the page only renders: the stored event, its
// facts in words, its body pretty-printed with the customer's email and phone partly masked, and why it cannot be
// replayed when it cannot. Null when there is no such event (the page answers 404).
import 'server-only';
import { db } from '@/db';
import { getWebhookEvent } from '@/db/queries/admin-webhooks';
import { maskPayloadForView } from '@/lib/admin/mask-payload';
import { inboxProgressWords, signatureWords, webhookShownState } from '@/lib/admin/webhook-list-query';
import { formatDateTime } from '@/lib/core/format-date';
import { isUuid } from '@/lib/is-uuid';
import { whyNotReplayable } from '@/lib/webhooks/replay-webhook-event';

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

export async function loadWebhookEvent(id: string) {
  if (!isUuid(id)) return null;
  const event = await getWebhookEvent(db, id);
  if (!event) return null;
  return {
    event,
    // A processed event may be replayed too: the machinery answers "already applied" and nothing changes.
    shownState: webhookShownState(event),
    notReplayable:
      webhookShownState(event) === 'recorded'
        ? 'Routine: Paystack confirmed a refund state the shop had already recorded. Nothing to apply, so nothing to replay.'
        : whyNotReplayable(event.payload),
    facts: [
      {
        term: 'Signature',
        value: event.source === 'delivery' ? 'Verified (unsigned or badly signed bodies are refused before anything is stored)' : signatureWords(event),
      },
      { term: 'Received', value: formatDateTime(new Date(event.receivedAt)) },
      { term: 'Last attempt', value: formatDateTime(new Date(event.lastAttemptAt)) },
      { term: 'Processed', value: event.processedAt ? formatDateTime(new Date(event.processedAt)) : '—' },
      { term: 'Attempts', value: String(event.attempts) },
      { term: 'Inbox', value: inboxProgressWords(event, formatDateTime) ?? 'Applied' },
    ],
    body: JSON.stringify(eventFirst(maskPayloadForView(event.payload)), null, 2),
    headers: Object.entries(event.headers).map(([name, value]) => ({ key: name, term: name, value })),
    replays: event.replays.map((replay) => ({ ...replay, resultWords: replayResultWords[replay.result ?? ''] ?? replay.result })),
  };
}
