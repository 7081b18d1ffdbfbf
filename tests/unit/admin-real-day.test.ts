// The admin lists' date filters: only real calendar days that PostgreSQL also reads reach a query.
import { describe, expect, it } from 'vitest';
import { realDay } from '@/lib/admin/real-day';

describe('realDay', () => {
  it('keeps a real day and drops impossible or unreadable ones', () => {
    expect(realDay('2026-12-03')).toBe('2026-12-03');
    expect(realDay('2024-02-29')).toBe('2024-02-29');
    expect(realDay('2026-02-31')).toBeUndefined();
    expect(realDay('2026-13-01')).toBeUndefined();
    expect(realDay('yesterday')).toBeUndefined();
    expect(realDay(undefined)).toBeUndefined();
  });

  it('drops year 0000, which JavaScript parses and PostgreSQL refuses', () => {
    expect(realDay('0000-01-01')).toBeUndefined();
    expect(realDay('0001-01-01')).toBe('0001-01-01');
  });
});
