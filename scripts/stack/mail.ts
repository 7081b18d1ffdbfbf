// A local mail catcher (maildev): SMTP for the app, a web inbox for people, JSON at /api/email for tests.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { MailDev } from 'maildev';
import { assertPortFree, StackError } from './errors';

export async function startMailCatcher(opts: { smtpPort: number; webPort: number; dataDir: string }) {
  await assertPortFree(opts.smtpPort, 'mail catcher SMTP');
  await assertPortFree(opts.webPort, 'mail catcher inbox');
  const mailDirectory = path.join(opts.dataDir, 'mail');
  await mkdir(mailDirectory, { recursive: true });
  const maildev = new MailDev({
    smtp: opts.smtpPort,
    ip: '127.0.0.1',
    web: opts.webPort,
    webIp: '127.0.0.1',
    mailDirectory,
    silent: true,
  });
  // maildev announces itself with console.log even when silent; the stack prints its own summary line.
  const consoleLog = console.log;
  console.log = () => {};
  try {
    await maildev.start();
  } catch (error) {
    throw new StackError(`The mail catcher did not start: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    console.log = consoleLog;
  }
  return {
    inboxUrl: `http://127.0.0.1:${opts.webPort}`,
    stop: () => maildev.stop(),
  };
}
