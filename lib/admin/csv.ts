// CSV as RFC 4180 writes it (comma-separated, CRLF line ends, a field quoted when it holds a comma, a quote or a line
// break, quotes doubled), plus the guards spreadsheets need:
// - a field holding a semicolon is quoted too: spreadsheets in locales whose list separator is `;` (much of Europe)
//   split on it, and an unquoted `;` would move the rest of a customer's text into the next column;
// - text whose first non-blank character is = + - @, or that starts with a tab, CR or LF, is prefixed with an
//   apostrophe, so a customer named "=HYPERLINK(…)" (or "  =HYPERLINK(…)": some importers trim leading blanks before
//   they look for a formula) stays text instead of becoming a formula (CSV injection).
export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^(?:\s*[=+\-@]|[\t\r\n])/;
const NEEDS_QUOTES = /[",;\r\n]/;

/** One field. Numbers are written as they are (a negative amount is not a formula); text is neutralised. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, with its CRLF. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
