// `npm audit` as a step of `npm test`: the production dependencies must have no known high or critical advisory.
// Needs the registry's advisory service, so where that cannot be reached the step is skipped with a one-line note.
import { spawn } from 'node:child_process';
import { repoRoot } from './stack/profiles';

export interface CheckCounts {
  passed: number;
  failed: number;
  skipped: number;
}

/** The npm registry this install uses (npm sets npm_config_registry for scripts it runs). */
function npmRegistry(): string {
  const configured = process.env.npm_config_registry || 'https://registry.npmjs.org/';
  return configured.endsWith('/') ? configured : `${configured}/`;
}

/** npm itself: the one running `npm test` when there is one, else whatever `npm` is on the PATH. */
function runNpm(args: string[]): Promise<{ code: number; stdout: string }> {
  const execPath = process.env.npm_execpath;
  const child = execPath?.endsWith('.js')
    ? spawn(process.execPath, [execPath, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'ignore'] })
    : spawn('npm', args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? 1, stdout })));
}

/**
 * `npm audit --omit=dev --audit-level=high`: what ships to production must have no known high or critical advisory.
 * It needs the registry's advisory service, so an unreachable registry (checked with a 3-second ping) or one that
 * does not offer audits (a mirror) skips the check with a one-line note instead of failing offline machines.
 */
export async function runDependencyAudit(): Promise<CheckCounts> {
  const registry = npmRegistry();
  const reachable = await fetch(new URL('-/ping', registry), { signal: AbortSignal.timeout(3_000) }).then(
    (response) => response.ok,
    () => false,
  );
  if (!reachable) {
    console.log(`  – dependency audit skipped: the npm registry (${registry}) cannot be reached`);
    return { passed: 0, failed: 0, skipped: 1 };
  }
  const { stdout } = await runNpm(['audit', '--omit=dev', '--audit-level=high', '--json']);
  let report: { metadata?: { vulnerabilities?: Record<string, number> }; statusCode?: number; message?: string } | undefined;
  try {
    report = JSON.parse(stdout);
  } catch {
    report = undefined;
  }
  const counts = report?.metadata?.vulnerabilities;
  if (!counts) {
    const why = report?.statusCode ? `HTTP ${report.statusCode}` : (report?.message ?? 'no report');
    console.log(`  – dependency audit skipped: the registry (${registry}) did not answer the audit (${why})`);
    return { passed: 0, failed: 0, skipped: 1 };
  }
  const serious = (counts.high ?? 0) + (counts.critical ?? 0);
  if (serious === 0) return { passed: 1, failed: 0, skipped: 0 };
  console.log(
    `\n✖ dependency audit: ${counts.critical ?? 0} critical and ${counts.high ?? 0} high advisories in production dependencies — run \`npm audit --omit=dev\``,
  );
  return { passed: 0, failed: 1, skipped: 0 };
}
