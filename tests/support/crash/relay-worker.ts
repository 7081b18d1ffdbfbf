// Child process for the crash tests: the outbox relay with the in-process driver (lib/jobs/relay.ts + drivers.ts, the
// same definitions the app's runner runs), sweeping ONLY the given outbox rows (other test files share the database),
// as the in-process runner's sweep does: one relay pass, then another as soon as one of those rows can be claimed again
// (its retry is due, or the lease of a worker that died ran out) or the parent asks for one (`'sweep'` over IPC: to
// see a pass leave rows alone), until every row is done.
// Usage: node --import tsx --import ./tests/support/crash/register.ts tests/support/crash/relay-worker.ts <config JSON>
//   config: { ids: string[], batchSize: number, emailLeaseMs?: number }
// Tells its parent about each pass over the IPC channel (`{ pass, summary, left }`) and exits 0 once nothing is left.
import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { createDatabase } from '@/db/client';
import { outbox } from '@/db/schema';
import { smtpConfigFromEnv, smtpMailer } from '@/lib/email/mailer';
import { env } from '@/lib/core/env';
import type { JobDeps } from '@/lib/jobs/definitions';
import { inProcessDriver } from '@/lib/jobs/drivers';
import { relayOutbox } from '@/lib/jobs/relay';
import { createPaystackClient } from '@/lib/payments/paystack/client';
import { waitFor } from '../wait';

const config = JSON.parse(process.argv[2] ?? '{}') as { ids: string[]; batchSize: number; emailLeaseMs?: number };
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
// The relay's own claim condition (lib/jobs/relay.ts): a pending row whose retry is due, or a claimed one whose lease ran out.
const due = and(
  notDone,
  or(and(eq(outbox.status, 'pending'), sql`${outbox.nextAttemptAt} <= now()`), and(eq(outbox.status, 'processing'), sql`${outbox.lockedUntil} < now()`)),
);

let passAsked = false;
process.on('message', (message) => {
  if (message === 'sweep') passAsked = true;
});
const nextPassDue = async () => {
  if (passAsked) {
    passAsked = false;
    return true;
  }
  return (await db.$count(outbox, due)) > 0 ? true : undefined;
};

for (let pass = 1; ; pass += 1) {
  const summary = await relayOutbox({ db, driver }, { ids: config.ids, batchSize: config.batchSize, maxBatches: 1_000 });
  const left = await db.$count(outbox, notDone);
  // Delivered before the next pass (or the exit), so the parent's view of the passes is complete.
  await new Promise<void>((resolve) => (process.send ? process.send({ pass, summary, left }, () => resolve()) : resolve()));
  if (left === 0) break;
  await waitFor('one of these outbox rows due again, or a pass asked for', nextPassDue, 5 * 60_000);
}
process.exit(0);
