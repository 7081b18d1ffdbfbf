import type { NextConfig } from 'next';
import { env } from './lib/core/env';
import { staticSecurityHeaders } from '@/lib/server/doors/security-headers';

// Validate the environment at build and start: a missing or malformed variable stops here with its name.
const config = env();

const nextConfig: NextConfig = {
  distDir: config.NEXT_DIST_DIR,
  // One id for the build and every process serving it (skew protection: `?dpl=` on assets, a reload on a mismatch).
  ...(config.NEXT_DEPLOYMENT_ID ? { deploymentId: config.NEXT_DEPLOYMENT_ID } : {}),
  poweredByHeader: false,
  // `npm test` type-checks the sources itself before it builds (BUILD_TYPES_CHECKED); every other build checks here.
  typescript: { ignoreBuildErrors: config.BUILD_TYPES_CHECKED },
  typedRoutes: false,
  // undici (the Redis requester's and Paystack client's pools) loads from node_modules as it is, like postgres.js.
  serverExternalPackages: ['postgres', 'undici'],
  // Next's data cache lives in Redis, shared by every app process, so a revalidateTag on one reaches all of them; no
  // private in-memory copy that such a revalidation could not reach. The handler must be plain JS: Next import()s it.
  cacheHandler: require.resolve('./lib/server/cache/next-cache-handler.cjs'),
  cacheMaxMemorySize: 0,
  images: { unoptimized: false },
  // forbidden() answers a real 403 (with app/forbidden.tsx) when a customer reaches an admin page.
  // No `inlineCss`: it put the 47 KB stylesheet into every page three times (a <style> and two copies in the RSC payload,
  // which gzip's 32 KB window cannot share): pages of ≈ 43 KB gzip instead of ≈ 10 KB, a quarter of the cached pages'
  // throughput, and a slower simulated first paint than the one stylesheet request (bench/lighthouse/RESULTS.md).
  experimental: { authInterrupts: true },
  // Every response (pages, API, assets); the per-request Content-Security-Policy is set by proxy.ts.
  headers: async () => [{ source: '/:path*', headers: staticSecurityHeaders(config) }],
};

export default nextConfig;
