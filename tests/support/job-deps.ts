// The job handlers' dependencies as the integration tests give them: the test database, the mail catcher over SMTP,
// the Paystack simulator, no recovery delay and no log lines. `close()` in afterAll ends the mailer and the pool.
import { env } from '@/lib/core/env';
import { smtpConfigFromEnv, smtpMailer } from '@/lib/email/mailer';
import type { JobDeps } from '@/lib/jobs/definitions';
import { testPaystack } from './checkout-fixtures';
import { testDatabase } from './db';

export function testJobDeps(poolSize = 10) {
  const { db, sql } = testDatabase(poolSize);
  const mailer = smtpMailer(smtpConfigFromEnv(env()));
  const deps: JobDeps = {
    db,
    mailer,
    siteUrl: 'https://shop.example.test',
    orderAccessSecret: env().NEXTAUTH_SECRET,
    paystack: testPaystack(),
    expectedDomain: 'test',
    recoveryDelayMs: 0,
    log: () => {},
  };
  const close = async () => {
    mailer.close();
    await sql.end();
  };
  return { db, sql, deps, close };
}
