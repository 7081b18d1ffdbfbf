// What runs after `next build` (by `npm run build` and by the stack's buildApp):
// - bundles the app process's entry (lib/server/fast-lane/server.ts: Node's HTTP server, the fast lane, Next behind
//   it) into <distDir>/shop-server.cjs: the shop's own code inlined, node_modules left to Node (next, postgres,
//   drizzle…). `node scripts/…` is never needed in production: the output is plain CommonJS for the Node that runs Next.
// - marks every browser chunk for eager compilation (addCompileHints).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { repoRoot } from './profiles';

export const SHOP_SERVER_FILE = 'shop-server.cjs';

export async function buildShopServer(distDir = process.env.NEXT_DIST_DIR ?? '.next'): Promise<string> {
  const outfile = path.join(repoRoot, distDir, SHOP_SERVER_FILE);
  await build({
    entryPoints: [path.join(repoRoot, 'lib/server/fast-lane/server.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20.9',
    format: 'cjs',
    packages: 'external',
    alias: { 'server-only': path.join(repoRoot, 'lib/server/fast-lane/server-only-stub.ts') },
    tsconfig: path.join(repoRoot, 'tsconfig.json'),
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * V8's explicit compile hint, `//# allFunctionsCalledOnLoad` as a script's first line (Chrome 136+; other browsers
 * ignore the comment): the browser compiles every function of the chunk while it streams in, on a background thread,
 * instead of lazily on the main thread the first time each is called. Hydration calls most of React's and Next's code
 * at once, so that lazy compile was the largest single block on the main thread of a catalogue page: turbopack's
 * module instantiation alone ≈ 45 ms of a 4×-slowed phone's main thread, all inside one long task. Measured with
 * bench/lighthouse/cpu-profile.ts: main-thread busy time during a load 941 → 347 ms (home), 622 → 249 ms (listing),
 * 725 → 323 ms (product). The cost — functions never called are compiled too — is paid off the main thread.
 * Idempotent: a chunk that already starts with the hint is left alone. Returns how many chunks it marked.
 */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

export function addCompileHints(distDir = process.env.NEXT_DIST_DIR ?? '.next'): number {
  const chunks = path.resolve(repoRoot, distDir, 'static', 'chunks');
  let marked = 0;
  for (const name of readdirSync(chunks, { recursive: true, encoding: 'utf8' })) {
    if (!name.endsWith('.js')) continue;
    const file = path.join(chunks, name);
    const source = readFileSync(file, 'utf8');
    if (source.startsWith(COMPILE_HINT)) continue;
    writeFileSync(file, COMPILE_HINT + source);
    marked += 1;
  }
  return marked;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = await buildShopServer();
  console.log(`built ${path.relative(repoRoot, file)}`);
  console.log(`compile hints added to ${addCompileHints()} browser chunks`);
}
