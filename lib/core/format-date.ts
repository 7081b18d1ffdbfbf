// Dates shown to people (emails, invoices) are in the shop's time zone, whatever the server's clock zone is.
export const SHOP_TIME_ZONE = 'Africa/Lagos';

const dateTime = new Intl.DateTimeFormat('en-NG', { dateStyle: 'medium', timeStyle: 'short', timeZone: SHOP_TIME_ZONE });
const dateOnly = new Intl.DateTimeFormat('en-NG', { dateStyle: 'long', timeZone: SHOP_TIME_ZONE });

/** "3 Dec 2026, 14:05" (Lagos time). */
export const formatDateTime = (date: Date): string => dateTime.format(date);

/** "3 December 2026" (Lagos time). */
export const formatDate = (date: Date): string => dateOnly.format(date);

const isoDay = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: SHOP_TIME_ZONE });

/** "2026-12-03": the calendar day in Lagos (file names, date inputs). */
export const lagosDay = (date: Date): string => isoDay.format(date);
