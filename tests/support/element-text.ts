// What a server component put on the page, without rendering it in a browser: every string and number found in the
// element tree it returned — its children and the props it passes to child components (a table's rows, a badge's
// label) — so a test can check that the page shows the record it was asked for.
import { isValidElement } from 'react';

export function textsIn(node: unknown, found: string[] = [], seen = new Set<unknown>()): string[] {
  if (typeof node === 'string' || typeof node === 'number') {
    found.push(String(node));
    return found;
  }
  if (node === null || typeof node !== 'object' || seen.has(node)) return found;
  seen.add(node);
  if (isValidElement(node)) return textsIn(node.props, found, seen);
  for (const value of Array.isArray(node) ? node : Object.values(node)) textsIn(value, found, seen);
  return found;
}
