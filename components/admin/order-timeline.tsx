// An order's history from the audit log, newest first: what happened, the detail that matters, who and when.
import { formatDateTime } from '@/lib/core/format-date';
import type { TimelineEntry, TimelineTone } from '@/lib/orders/order-timeline';

const dots: Record<TimelineTone, string> = {
  money: 'bg-brand-600',
  refund: 'bg-sky-500',
  stock: 'bg-violet-500',
  problem: 'bg-red-600',
  shipping: 'bg-amber-500',
  neutral: 'bg-stone-400',
};

export function OrderTimeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <section aria-labelledby="timeline-heading" className="rounded-xl border border-stone-200 bg-white p-6">
      <h2 id="timeline-heading" className="text-lg font-semibold">
        Timeline
      </h2>
      {entries.length === 0 ? (
        <p className="mt-2 text-sm text-stone-600">Nothing has been recorded for this order yet.</p>
      ) : (
        <ol className="mt-4 space-y-4 border-l border-stone-200 pl-5" data-testid="order-timeline">
          {entries.map((entry) => (
            <li key={entry.id} className="relative text-sm">
              <span aria-hidden="true" className={`absolute top-1.5 -left-[1.6rem] h-2.5 w-2.5 rounded-full ring-4 ring-white ${dots[entry.tone]}`} />
              <p className="font-medium">{entry.title}</p>
              {entry.detail ? <p className="text-stone-700">{entry.detail}</p> : null}
              <p className="text-xs text-stone-500">
                <time dateTime={entry.at.toISOString()}>{formatDateTime(entry.at)}</time> · {entry.actor}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
