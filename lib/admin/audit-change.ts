// An audit entry's before/after, compactly: one line per field that changed ("status: pending → paid"), fields only
// after shown as set ("amount: 500000"), at most a few lines with a count of the rest. Pure: the audit log's rows show
// this and keep the full JSON one click away.
export interface ChangeLine {
  field: string;
  before?: string;
  after?: string;
}

const MAX_VALUE = 48;

export function compactValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

const asRecord = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

export function changeLines(before: unknown, after: unknown): ChangeLine[] {
  const from = asRecord(before);
  const to = asRecord(after);
  if (!from && !to) {
    if (before === null && after === null) return [];
    return [{ field: 'value', before: before === null ? undefined : compactValue(before), after: after === null ? undefined : compactValue(after) }];
  }
  const keys = [...new Set([...Object.keys(from ?? {}), ...Object.keys(to ?? {})])];
  const lines: ChangeLine[] = [];
  for (const key of keys) {
    const had = from !== null && key in from;
    const has = to !== null && key in to;
    if (had && has && JSON.stringify(from[key]) === JSON.stringify(to[key])) continue;
    lines.push({ field: key, before: had ? compactValue(from[key]) : undefined, after: has ? compactValue(to?.[key]) : undefined });
  }
  return lines;
}

/** "status: pending → paid", "amount: 500000", "lastError: timeout → (removed)". */
export function describeChange(line: ChangeLine): string {
  if (line.before !== undefined && line.after !== undefined) return `${line.field}: ${line.before} → ${line.after}`;
  if (line.after !== undefined) return `${line.field}: ${line.after}`;
  return `${line.field}: ${line.before} → (removed)`;
}
