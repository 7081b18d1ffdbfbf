// A page's searchParams as the query string the browser's useSearchParams() prints, so the admin table can tell that
// the server-rendered first page is the one it is asked for (and reuse it instead of fetching it again).
export type RawSearch = Record<string, string | string[] | undefined>;

export function queryStringOf(raw: RawSearch): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, one);
  }
  return params.toString();
}
