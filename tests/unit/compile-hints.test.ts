// The build marks every browser chunk for eager, off-main-thread compilation (scripts/stack/build-server.ts): the hint
// is the first line of each .js chunk, once, whatever the folder depth, and nothing else is touched.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addCompileHints, COMPILE_HINT } from '@/scripts/stack/build-server';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function distWith(files: Record<string, string>): string {
  const dist = mkdtempSync(path.join(tmpdir(), 'shop-dist-'));
  made.push(dist);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dist, 'static', 'chunks', name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dist;
}

describe('addCompileHints', () => {
  it('puts the hint on the first line of every .js chunk, nested ones too, and leaves other files alone', () => {
    const dist = distWith({ 'a.js': 'console.log(1)', 'pages/b.js': '(()=>2)()', 'c.css': 'h1{}' });
    expect(addCompileHints(dist)).toBe(2);
    const read = (name: string) => readFileSync(path.join(dist, 'static', 'chunks', name), 'utf8');
    expect(COMPILE_HINT).toBe('//# allFunctionsCalledOnLoad\n');
    expect(read('a.js')).toBe(`${COMPILE_HINT}console.log(1)`);
    expect(read('pages/b.js')).toBe(`${COMPILE_HINT}(()=>2)()`);
    expect(read('c.css')).toBe('h1{}');
  });

  it('marks a chunk once, however often the build step runs', () => {
    const dist = distWith({ 'a.js': 'x()' });
    addCompileHints(dist);
    expect(addCompileHints(dist)).toBe(0);
    expect(readFileSync(path.join(dist, 'static', 'chunks', 'a.js'), 'utf8')).toBe(`${COMPILE_HINT}x()`);
  });
});
