// Child process for the crash tests: the outbox relay with the in-process driver (lib/jobs/relay.ts + drivers.ts, the
// same definitions the app's runner runs), sweeping ONLY the given outbox rows (other test files share the database),
// as the in-process runner's sweep does: one relay pass, then another shortly after, until every row is done.
// Usage: node --import tsx --import ./tests/support/crash/register.ts tests/support/crash/relay-worker.ts <config JSON>
//   config: { ids: string[], batchSize: number, sweepEveryMs: number, emailLeaseMs?: number }
// Tells its parent about each pass over the IPC channel (`{ pass, summary, left }`) and exits 0 once nothing is left.
import { and, inArray, ne } from 'drizzle-orm';
import { createDatabase } from '@/db/client';
import { outbox } from '@/db/schema';
import { smtpConfigFromEnv, smtpMailer } from '@/lib/email/mailer';
import { env } from '@/lib/core/env';
import type { JobDeps } from '@/lib/jobs/definitions';
import { inProcessDriver } from '@/lib/jobs/drivers';
import { relayOutbox } from '@/lib/jobs/relay';
import { createPaystackClient } from '@/lib/payments/paystack/client';

const config = JSON.parse(process.argv[2] ?? '{}') as { ids: string[]; batchSize: number; sweepEveryMs: number; emailLeaseMs?: number };
if (!Array.isArray(config.ids) || config.ids.length === 0) throw new Error('relay-worker: no outbox ids given');

const settings = env();
const { db } = createDatabase(settings.DATABASE_URL, { max: 4 });
const deps: JobDeps = {
  db,
  mailer: smtpMailer(smtpConfigFromEnv(settings)),
  leaseMs: config.emailLeaseMs,
  siteUrl: settings.NEXTAUTH_URL,
  orderAccessSecret: settings.NEXTAUTH_SECRET,
  paystack: createPaystackClient({ baseUrl: settings.PAYSTACK_BASE_URL, secretKey: settings.PAYSTACK_SECRET_KEY }),
  expectedDomain: 'test',
  recoveryDelayMs: 0,
  log: (line) => process.stderr.write(`${line}\n`),
};
const driver = inProcessDriver(deps);
// Never outlive the test process: its IPC channel closes when it exits, however it exits.
process.on('disconnect', () => process.exit(1));
const notDone = and(inArray(outbox.id, config.ids), ne(outbox.status, 'done'));

for (let pass = 1; ; pass += 1) {
  const summary = await relayOutbox({ db, driver }, { ids: config.ids, batchSize: config.batchSize, maxBatches: 1_000 });
  const left = await db.$count(outbox, notDone);
  // Delivered before the next pass (or the exit), so the parent's view of the passes is complete.
  await new Promise<void>((resolve) => (process.send ? process.send({ pass, summary, left }, () => resolve()) : resolve()));
  if (left === 0) break;
  await new Promise((resolve) => setTimeout(resolve, config.sweepEveryMs));
}
process.exit(0);
