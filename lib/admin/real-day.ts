// Calendar days typed in an admin filter (YYYY-MM-DD), checked to be real days: 2026-02-31 passes a pattern but the
// database would refuse it, so it is dropped like any other unreadable filter value.
export function realDay(day: string | undefined): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T00:00:00Z`);
  // Year 0000 parses in JavaScript but not in PostgreSQL.
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day) && !day.startsWith('0000') ? day : undefined;
}
