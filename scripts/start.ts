// `npm start` (production build) and `npm run dev` (next dev): the whole shop on one machine with real services.
import path from 'node:path';
import { createDatabase } from '../db/client';
import { buildApp, PRODUCTION_NODE_ARGS, startApp } from './stack/app';
import { StackError } from './stack/errors';
import { startStack } from './stack/index';
import { profiles } from './stack/profiles';
import { seedDatabase, seedUsers } from './seed/index';

const dev = process.argv.includes('--dev');
const profile = profiles.dev;
const log = (line: string) => console.log(`  ${line}`);
const stops: Array<() => Promise<void>> = [];
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  for (const stop of stops.reverse()) await stop().catch(() => {});
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  console.log(`Starting the local stack (${dev ? 'development' : 'production'} mode)…`);
  const stack = await startStack(profile, { log });
  stops.push(stack.stop);

  // The database this script has just started under .data/ for the local stack (whatever NODE_ENV says): the demo
  // accounts keep the README's published passwords here. `npm run db:seed` is the guarded way into any other database.
  const { db, sql } = createDatabase(stack.env.DATABASE_URL, { max: 1 });
  const seeded = await seedDatabase(db, { passwords: 'published' }).finally(() => sql.end());
  log(`seed: ${seeded.productsCreated} new products, ${seeded.usersCreated} new users`);

  if (!dev) await buildApp(stack.env, log);
  // The app's JSON log (a line per request, job and webhook) goes to a file; warnings and errors still show here.
  const appLog = path.join(profile.dataDir, 'app.log');
  const app = await startApp({
    mode: dev ? 'development' : 'production',
    port: profile.ports.app,
    env: stack.env,
    freshDataCache: true,
    logFile: appLog,
    nodeArgs: dev ? [] : PRODUCTION_NODE_ARGS,
  });
  stops.push(app.stop);

  console.log(`
Paystack Commerce is running.

  Shop               ${app.url}
  Admin              ${app.url}/admin
  Mail inbox         ${stack.urls.inbox}
  Paystack simulator ${stack.urls.paystack}
  Jobs               in the app process (emails, invoices, release every minute, reconciliation every 5 minutes)
  App log            ${path.relative(process.cwd(), appLog)} (JSON lines; warnings and errors also show here)

  Demo logins
${seedUsers.map((user) => `    ${user.role.padEnd(9)} ${user.email.padEnd(22)} ${user.password}`).join('\n')}

Press Ctrl-C to stop everything.`);
} catch (error) {
  if (error instanceof StackError || (error instanceof Error && error.name === 'EnvError')) {
    console.error(`\n✖ ${error.message}`);
  } else {
    console.error('\n✖ The stack failed to start:', error instanceof Error ? error.message : error);
  }
  await shutdown(1);
}
