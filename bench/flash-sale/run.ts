// Flash-sale benchmark: N guest shoppers, each with their own cart cookie holding one unit of ONE hot variant with K
// units, all POST /api/checkout at once through the Store API. Afterwards the database must show exactly min(K, N)
// orders holding exactly that many units — no oversell, no undersell — or the run fails (exit code 1).
//
//   npx tsx bench/flash-sale/run.ts [--shoppers 500] [--stock 50] [--concurrency 500]
//   npx tsx bench/flash-sale/run.ts --url http://127.0.0.1:3000[,http://127.0.0.1:3001] --database-url postgres://postgres:postgres@127.0.0.1:54320/shop
//
// Without --url it starts its own fresh bench stack (bench/support: test-profile services on SHOP_TEST_PORT_OFFSET,
// default 700, and `next start`) in this process, and runs the load driver as a child process, so the in-process
// Paystack simulator never shares an event loop with hundreds of requests in flight.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDatabase } from '../../db/client';
import { runSale, type SaleOptions } from './driver';
import { formatReport, verdict } from './report';

const { values: args } = parseArgs({
  options: {
    shoppers: { type: 'string', default: '500' },
    stock: { type: 'string', default: '50' },
    concurrency: { type: 'string' },
    'db-baseline': { type: 'string', default: '3000' },
    url: { type: 'string' },
    'database-url': { type: 'string' },
  },
});

async function drive(baseUrls: string[], databaseUrl: string): Promise<number> {
  const shoppers = Number(args.shoppers);
  const opts: SaleOptions = {
    baseUrls,
    shoppers,
    stock: Number(args.stock),
    concurrency: Number(args.concurrency ?? shoppers),
    baselineAttempts: Number(args['db-baseline']),
  };
  const { db, sql } = createDatabase(databaseUrl, { max: 20 });
  try {
    console.log(`flash sale on ${baseUrls.join(' + ')}: ${opts.shoppers} shoppers, ${opts.stock} units, ${opts.concurrency} in flight`);
    const result = await runSale(db, opts);
    console.log(formatReport(opts, result));
    const { oversell, undersell, consistent } = verdict(opts, result);
    if (oversell === 0 && undersell === 0 && consistent) return 0;
    console.error('FAILED: the sale did not end with exactly min(K, N) orders holding exactly that stock.');
    return 1;
  } finally {
    await sql.end();
  }
}

async function runWithOwnStack(): Promise<number> {
  // Imported late: it reads SHOP_TEST_PORT_OFFSET (default 700) when it loads.
  const { startBenchStack } = await import('../support/bench-stack');
  console.log('starting a fresh bench stack…');
  const stack = await startBenchStack();
  try {
    const driver = fork(fileURLToPath(import.meta.url), [...process.argv.slice(2), '--url', stack.appUrl, '--database-url', stack.env.DATABASE_URL!], {
      stdio: 'inherit',
    });
    return await new Promise<number>((resolve) => driver.once('exit', (code) => resolve(code ?? 1)));
  } finally {
    await stack.stop();
  }
}

if (args.url) {
  const databaseUrl = args['database-url'] ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('--url needs --database-url (or DATABASE_URL) to check the result in the database');
  process.exit(
    await drive(
      args.url.split(',').map((url) => url.trim().replace(/\/$/, '')),
      databaseUrl,
    ),
  );
} else {
  process.exit(await runWithOwnStack());
}
