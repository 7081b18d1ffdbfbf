// Terms and their values (<dl>): `rows` puts each value at the right of its term (totals, headers), `stacked` puts a
// small uppercase term above its value (an event's facts).
import type { ReactNode } from 'react';

export interface Description {
  /** Unique within the list (the term's text when that is a string). */
  key?: string;
  term: ReactNode;
  value: ReactNode;
  /** Extra classes for this row (e.g. a bold total). */
  className?: string;
}

const layouts = {
  rows: { row: 'flex flex-wrap justify-between gap-2', term: '', value: 'tabular-nums' },
  stacked: { row: '', term: 'text-xs font-medium uppercase tracking-wide text-stone-500', value: 'text-stone-800' },
} as const;

export function DescriptionList({
  items,
  layout = 'rows',
  className = '',
  termClassName = '',
  valueClassName = '',
}: {
  items: readonly Description[];
  layout?: keyof typeof layouts;
  className?: string;
  termClassName?: string;
  valueClassName?: string;
}) {
  const style = layouts[layout];
  return (
    <dl className={className}>
      {items.map((item) => (
        <div key={item.key ?? String(item.term)} className={`${style.row} ${item.className ?? ''}`}>
          <dt className={`${style.term} ${termClassName}`}>{item.term}</dt>
          <dd className={`${style.value} ${valueClassName}`}>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
