import type { NextConfig } from 'next';
import { env } from './lib/env';

// Validate the environment at build and start: a missing or malformed variable stops here with its name.
const { NEXT_DIST_DIR } = env();

const nextConfig: NextConfig = {
  distDir: NEXT_DIST_DIR,
  poweredByHeader: false,
  typedRoutes: false,
  serverExternalPackages: ['postgres'],
  images: { unoptimized: false },
  // forbidden() answers a real 403 (with app/forbidden.tsx) when a customer reaches an admin page.
  experimental: { authInterrupts: true },
};

export default nextConfig;
