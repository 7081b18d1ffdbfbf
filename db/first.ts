// `INSERT … RETURNING` of one row and queries that must find a row answer with an array. An empty one there is a bug,
// so it fails loudly with what was expected instead of travelling on as `undefined` behind a non-null assertion.

export function firstOrThrow<T>(rows: readonly T[], what: string): T {
  const row = rows[0];
  if (row === undefined) throw new Error(`Expected ${what}, but the query returned no row`);
  return row;
}
