// RESULTS.md for the Lighthouse bench: per page the median of each category score over the runs, the paint metrics,
// and for every category below 100 the audits that did not pass (with how many runs they failed in).
import os from 'node:os';
import type { Result } from 'lighthouse';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const METRICS = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index'];
/** Why an audit fails on purpose, printed under it. */
const DELIBERATE: Record<string, string> = {
  'is-crawlable':
    'deliberate: the page sets `robots: { index: false }` (a per-visitor cart or checkout has nothing to offer a search engine and stays out of its results); Lighthouse scores every page as if it were meant for search',
};
/** Audits that never pass or fail (informational ones, manual checks, not applicable here). */
const UNSCORED = new Set(['informative', 'notApplicable', 'manual', 'error']);

export interface PageResult {
  name: string;
  path: string;
  runs: Result[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const score = (lhr: Result, category: string) => Math.round((lhr.categories[category]?.score ?? 0) * 100);
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** `98` when every run agreed, else `98 (96–99)`: the median, then the range over the runs. */
function scoreCell(page: PageResult, category: string): string {
  const scores = page.runs.map((lhr) => score(lhr, category));
  const [low, high] = [Math.min(...scores), Math.max(...scores)];
  return low === high ? `${low}` : `${median(scores)} (${low}–${high})`;
}

function failingAudits(page: PageResult, category: string): string[] {
  const refs = page.runs[0]!.categories[category]?.auditRefs ?? [];
  const lines: string[] = [];
  // Weight-0 audits (opportunities and diagnostics) move no score: named on one line after the ones that do.
  const unweighted: string[] = [];
  for (const ref of refs) {
    const failedIn = page.runs.filter((lhr) => {
      const audit = lhr.audits[ref.id];
      return audit && !UNSCORED.has(audit.scoreDisplayMode) && audit.score !== null && audit.score < 1;
    });
    if (failedIn.length === 0) continue;
    if (ref.weight === 0) {
      unweighted.push(`\`${ref.id}\``);
      continue;
    }
    const audit = failedIn[0]!.audits[ref.id]!;
    const display = audit.displayValue ? ` — ${cell(audit.displayValue)}` : '';
    const scores = failedIn.map((lhr) => lhr.audits[ref.id]!.score!.toFixed(2)).join(', ');
    lines.push(
      `  - \`${ref.id}\` ${cell(audit.title)}${display} (score ${scores}; weight ${Number(ref.weight.toFixed(2))}; failed in ${failedIn.length}/${page.runs.length} runs)`,
    );
    if (DELIBERATE[ref.id]) lines.push(`    - ${DELIBERATE[ref.id]}`);
  }
  if (unweighted.length) lines.push(`  - also flagged, weight 0: ${unweighted.join(', ')}`);
  return lines;
}

export function formatResults(pages: PageResult[], meta: { commit: string; chromium: string; runs: number }): string {
  const first = pages[0]?.runs[0];
  const cpu = os.cpus();
  const rows = pages.map((page) => `| ${page.name} \`${page.path}\` | ${CATEGORIES.map((category) => scoreCell(page, category)).join(' | ')} |`);
  const metricRows = pages.map((page) => {
    const cells = METRICS.map((id) => {
      const values = page.runs.map((lhr) => lhr.audits[id]?.numericValue ?? 0);
      return id === 'cumulative-layout-shift' ? median(values).toFixed(3) : `${Math.round(median(values))} ms`;
    });
    return `| ${page.name} | ${cells.join(' | ')} |`;
  });
  const failures = pages.flatMap((page) =>
    CATEGORIES.filter((category) => median(page.runs.map((lhr) => score(lhr, category))) < 100).map((category) =>
      [`- **${page.name}** ${category} ${scoreCell(page, category)}:`, ...failingAudits(page, category)].join('\n'),
    ),
  );

  // Diagnostics Lighthouse could not compute (no weight in any score, but worth knowing when reading the JSON).
  const errored = new Map<string, string>();
  for (const lhr of pages.flatMap((page) => page.runs)) {
    for (const audit of Object.values(lhr.audits)) {
      if (audit.scoreDisplayMode === 'error' && !errored.has(audit.id)) errored.set(audit.id, (audit.errorMessage ?? '').split('\n')[0]!.slice(0, 160));
    }
  }
  const erroredLines = [...errored].map(([id, message]) => `- \`${id}\`: ${cell(message)}`);

  return `# Lighthouse: five storefront pages, mobile

\`npm run bench:lighthouse\` (\`bench/lighthouse/run.ts\`): the isolated bench stack (fresh seeded database, production
build served by its app processes behind the nginx front as under \`npm start\`, SHOP_TEST_PORT_OFFSET ${process.env.SHOP_TEST_PORT_OFFSET}; each page
requested once before its runs, as a shopper finds it in the front's cache), Lighthouse's default mobile
settings (Moto G Power emulation, simulated slow 4G and 4× CPU slowdown), Debian's Chromium with
\`--headless=new --no-sandbox\`. The cart and checkout are audited with one item in a guest cart (its \`cart_session\`
cookie sent as an extra header). Each page ran ${meta.runs} times: the table shows the **median** score, and the range
over the runs when they differed. Accessibility, best practices and SEO do not depend on the machine; performance does:
the simulation scales the CPU time it observes (4× slowdown), so on a busy 2-core machine long tasks grow, and when a
page's first paint waits for its scripts (the cart and checkout; catalogue pages load theirs after the first paint,
README "Catalogue pages paint before their scripts load"), the simulated LCP counts their download and evaluation too.
Read it next to the load average and Lighthouse's benchmarkIndex below.

- date: ${new Date().toISOString()}
- commit: ${meta.commit}
- machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load avg ${os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}; Lighthouse benchmarkIndex ${first?.environment.benchmarkIndex ?? '?'}
- ${meta.chromium}, Lighthouse ${first?.lighthouseVersion ?? '?'}

| page | performance | accessibility | best practices | SEO |
| --- | --- | --- | --- | --- |
${rows.join('\n')}

Median metrics (simulated):

| page | FCP | LCP | TBT | CLS | Speed Index |
| --- | --- | --- | --- | --- | --- |
${metricRows.join('\n')}

## Below 100

${failures.length ? failures.join('\n') : 'Nothing: every page scored 100 in every category (median over the runs).'}
${erroredLines.length ? `\n## Diagnostics that errored (weight 0, no effect on the scores)\n\n${erroredLines.join('\n')}\n` : ''}`;
}
