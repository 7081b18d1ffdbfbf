// A table's header row from a list of columns: the admin pages' small static tables (schedules, holds, a customer's
// orders, the chart's figures) share this instead of spelling out each <th>.
import type { ReactNode } from 'react';

export interface HeadColumn {
  label: ReactNode;
  /** Extra classes for this column's cell, e.g. `text-right` or a wider padding. */
  className?: string;
}

export function TableHead({ columns, className = '', cellClassName = '' }: { columns: HeadColumn[]; className?: string; cellClassName?: string }) {
  return (
    <thead className={`text-xs uppercase tracking-wide text-stone-500 ${className}`}>
      <tr>
        {columns.map((column, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a static header: columns never move
          <th key={index} scope="col" className={`font-medium ${cellClassName} ${column.className ?? ''}`}>
            {column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
