// The demo seed creates accounts with passwords printed in the README: it must never reach a shared or production
// database by accident. Only a database on this machine is seeded without being asked twice (`--force`), and "on this
// machine" is not "not production": a single-server install runs its production database on localhost. So the
// published passwords go only to a local database outside NODE_ENV=production, or when the operator asks for them
// by name (SEED_DEMO_ACCOUNTS=1); every other seed gives its accounts generated passwords, printed once.
import { isIP } from 'node:net';

export class SeedRefused extends Error {
  override name = 'SeedRefused';
}

/**
 * True when every host the URL names is this machine: localhost, a loopback address (127.0.0.0/8, ::1) or a Unix
 * socket directory (`?host=/var/run/postgresql`). A URL naming no host means PGHOST, else localhost. Hosts are read
 * the way postgres.js reads them (it allows a comma-separated list, which `new URL` does not).
 */
export function isLocalDatabaseUrl(url: string, pgHost: string | undefined = process.env.PGHOST): boolean {
  const scheme = url.indexOf('://');
  if (!/^postgres(ql)?:\/\//.test(url) || scheme < 0) return false;
  const authority = url.slice(scheme + 3).split(/[?/]/)[0] ?? '';
  let hostList: string;
  try {
    hostList = decodeURIComponent(authority.slice(authority.indexOf('@') + 1));
  } catch {
    return false;
  }
  const query = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
  // Every host that could be used must be local: the URL's own, and a `?host=` that may override it.
  const hosts = [...(hostList ? hostList.split(',').map(withoutPort) : [pgHost || 'localhost']), ...(query.get('host')?.split(',') ?? [])];
  return hosts.every((host) => isLocalHost(host.trim()));
}

function withoutPort(host: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed?.[1]) return bracketed[1];
  return host.replace(/:\d+$/, '');
}

function isLocalHost(host: string): boolean {
  const bare = host.toLowerCase();
  if (bare.startsWith('/')) return true; // a Unix socket directory
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || bare === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(bare);
  return false;
}

export interface SeedOptions {
  force: boolean;
  pgHost?: string;
  /** NODE_ENV of the seeding process. */
  nodeEnv?: string;
  /** SEED_DEMO_ACCOUNTS=1: the operator asks for the published demo passwords in production. */
  demoAccounts?: boolean;
}

export interface SeedPlan {
  local: boolean;
  /** `published`: the README's demo passwords; `generated`: strong random ones, printed once. */
  passwords: 'published' | 'generated';
}

/** Throws SeedRefused for a database elsewhere unless the operator passed `--force`; says which passwords to give. */
export function assertSeedable(url: string, options: SeedOptions): SeedPlan {
  const local = isLocalDatabaseUrl(url, options.pgHost ?? process.env.PGHOST);
  if (!local && !options.force) {
    const host = (url.split('://')[1] ?? '').split(/[?/]/)[0]?.replace(/^.*@/, '') || '(PGHOST)';
    throw new SeedRefused(
      `Refusing to seed ${host}: it is not a database on this machine, and the demo seed creates accounts whose passwords are published. ` +
        'Create a real admin with `npm run admin:create -- --email you@example.com` instead, or pass --force to seed the demo ' +
        'catalogue there anyway (its accounts then get generated passwords, printed once).',
    );
  }
  const published = local && (options.nodeEnv !== 'production' || options.demoAccounts === true);
  return { local, passwords: published ? 'published' : 'generated' };
}
