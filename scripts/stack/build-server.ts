// Bundles the app process's entry (lib/server/fast-lane/server.ts: Node's HTTP server, the fast lane, Next behind it)
// into <distDir>/shop-server.cjs: the shop's own code inlined, node_modules left to Node (next, postgres, drizzle…).
// Run after `next build` by `npm run build` and by the stack's buildApp. `node scripts/…` is never needed in
// production: the output is plain CommonJS for the Node that runs Next.
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

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = await buildShopServer();
  console.log(`built ${path.relative(repoRoot, file)}`);
}
