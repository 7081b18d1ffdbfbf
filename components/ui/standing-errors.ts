// Which of a form's errors still stand after an edit. Errors are keyed by path ("title", "variants.2.sku"); each
// belongs to the value it was given for. A field left as it was keeps its error (the server may have said it, e.g. a
// slug already taken); a changed field keeps only what checking it again here still finds — so a fixed field stops
// saying it is wrong (and stops being aria-invalid) before the next submit.
export type PathErrors = Record<string, string[] | undefined>;

/** The value at a dotted path: valueAt({ variants: [{ sku: 'A' }] }, 'variants.0.sku') → 'A'. */
export function valueAt(values: unknown, path: string): unknown {
  let current: unknown = values;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

export function standingErrors<E extends PathErrors>(errors: E, refusedValues: unknown, values: unknown, recheck: PathErrors): E {
  const kept: PathErrors = {};
  for (const [path, messages] of Object.entries(errors)) {
    if (!messages?.length) continue;
    const stillThere = same(valueAt(refusedValues, path), valueAt(values, path)) ? messages : recheck[path];
    if (stillThere?.length) kept[path] = stillThere;
  }
  return kept as E;
}
