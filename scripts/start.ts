// `npm start` (production build) and `npm run dev` (next dev): the whole shop on one machine with real services.
import path from 'node:path';
import { createDatabase } from '../db/client';
import { buildApp, PRODUCTION_NODE_ARGS, startApp } from './stack/app';
import { type AppPool, appProcessCount, startAppPool } from './stack/app-pool';
import { StackError } from './stack/errors';
import { startStack } from './stack/index';
import { profiles } from './stack/profiles';
import { listenForReload, nextReleaseDir, writeReloadStatus } from './stack/reload';
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
  let shopUrl: string;
  let pool: AppPool | undefined;
  if (dev) {
    // `next dev` stays alone on PORT: its hot reload talks over a WebSocket and nothing of it is cached.
    const app = await startApp({ mode: 'development', port: profile.ports.app, env: stack.env, freshDataCache: true, logFile: appLog });
    stops.push(app.stop);
    shopUrl = app.url;
  } else {
    // nginx on PORT in front of APP_PROCESSES app processes (Next behind the fast lane) on the ports just above it.
    const count = appProcessCount();
    log(`starting ${count} app process${count === 1 ? '' : 'es'} behind the front…`);
    pool = await startAppPool({
      port: profile.ports.app,
      count,
      dataDir: profile.dataDir,
      env: stack.env,
      mode: 'production',
      freshDataCache: true,
      logFile: appLog,
      nodeArgs: PRODUCTION_NODE_ARGS,
      log,
    });
    stops.push(pool.stop);
    shopUrl = pool.url;
    const running = pool;
    // `npm run reload` (scripts/reload.ts) sends SIGUSR2: build if the sources changed, then replace the processes one by one.
    listenForReload(profile, async () => {
      const current = running.processes()[0]?.distDir ?? stack.env.NEXT_DIST_DIR ?? '.next';
      const distDir = nextReleaseDir(stack.env, current);
      if (distDir !== current) await buildApp({ ...stack.env, NEXT_DIST_DIR: distDir }, log);
      await running.reload({ NEXT_DIST_DIR: distDir });
      return running.processes();
    });
  }
  const appLines = pool
    ? pool
        .processes()
        .map((info) => `http://127.0.0.1:${info.port} (pid ${info.pid})`)
        .join('\n                     ')
    : 'the shop itself (next dev)';

  console.log(`
Paystack Commerce is running.

  Shop               ${shopUrl}${pool ? `  (the front: nginx, config in ${path.relative(process.cwd(), path.join(profile.dataDir, 'nginx'))})` : ''}
  Admin              ${shopUrl}/admin
  App processes      ${appLines}
  Mail inbox         ${stack.urls.inbox}
  Paystack simulator ${stack.urls.paystack}
  Jobs               in every app process (emails, invoices; each schedule claimed by one process per period: release every minute, reconciliation every 5 minutes)
  App log            ${path.relative(process.cwd(), appLog)} (JSON lines; warnings and errors also show here)

  Demo logins
${seedUsers.map((user) => `    ${user.role.padEnd(9)} ${user.email.padEnd(22)} ${user.password}`).join('\n')}

${pool ? 'Deploy the current sources without dropping a request: npm run reload\n' : ''}Press Ctrl-C to stop everything.`);
  writeReloadStatus(profile, { state: 'ready' });
} catch (error) {
  if (error instanceof StackError || (error instanceof Error && error.name === 'EnvError')) {
    console.error(`\n✖ ${error.message}`);
  } else {
    console.error('\n✖ The stack failed to start:', error instanceof Error ? error.message : error);
  }
  await shutdown(1);
}
