// Starts every service a profile needs (Postgres, Redis + Upstash bridge, mail catcher, Paystack simulator)
// and stops them in reverse order. Used by `npm start`, `npm run dev` and the test setup.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startPaystackSimulator } from '../paystack-sim/index';
import { parseEnv } from '../../lib/core/env';
import { appUrl, type StackEnv, stackEnv } from './env';
import { StackError } from './errors';
import { startMailCatcher } from './mail';
import { startPostgres } from './postgres';
import type { StackProfile } from './profiles';
import { startRedisServer } from './redis';
import { startUpstashBridge } from './upstash-bridge';
import { startUpstashBridgeProcess } from './upstash-bridge-process';

/** A log that appends each line to `file` (its folder created first). */
function fileLog(file: string): (line: string) => void {
  mkdirSync(path.dirname(file), { recursive: true });
  return (line) => appendFileSync(file, `${new Date().toISOString()} ${line}\n`);
}

export interface RunningStack {
  env: StackEnv;
  urls: { app: string; inbox: string; paystack: string; redis: string };
  /** The services' processes (the bridge's is this process unless it runs in its own): the benchmarks read their CPU time. */
  pids: { postgres: number; redis?: number; bridge?: number };
  stop(): Promise<void>;
}

export interface StackOptions {
  fresh?: boolean;
  log?: (line: string) => void;
  /** Runs the Upstash bridge in a child process of its own (the benchmarks measure its CPU apart from the simulator's). */
  bridgeProcess?: boolean;
  /** Where the simulator's per-request and per-webhook lines go (a file), instead of `log`: `npm test` keeps its output to results. */
  simulatorLogFile?: string;
}

export async function startStack(profile: StackProfile, opts: StackOptions = {}): Promise<RunningStack> {
  const log = opts.log ?? (() => {});
  // A real Upstash database given in the environment replaces the local redis-server + bridge (dev profile only:
  // tests always run against their own fresh services).
  const upstash =
    profile.name === 'dev' && process.env.UPSTASH_REDIS_REST_URL
      ? { url: process.env.UPSTASH_REDIS_REST_URL, token: process.env.UPSTASH_REDIS_REST_TOKEN ?? '' }
      : undefined;
  const env = {
    ...stackEnv(profile),
    ...(upstash ? { UPSTASH_REDIS_REST_URL: upstash.url, UPSTASH_REDIS_REST_TOKEN: upstash.token } : {}),
  };
  // Fail before starting anything when the resulting configuration would not boot the app.
  try {
    parseEnv({ ...process.env, ...env, NODE_ENV: 'production' });
  } catch (error) {
    throw new StackError((error as Error).message);
  }
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne().catch(() => {});
    stops.length = 0;
  };

  try {
    const postgres = await startPostgres({
      port: profile.ports.postgres,
      dataDir: profile.dataDir,
      database: profile.database,
      fresh: opts.fresh,
      log,
    });
    stops.push(postgres.stop);
    log(`postgres   ${postgres.url}`);

    let redisUrl = upstash?.url ?? '';
    const pids: RunningStack['pids'] = { postgres: postgres.pid };
    if (upstash) {
      log(`redis      ${upstash.url} (from UPSTASH_REDIS_REST_URL)`);
    } else {
      const redis = await startRedisServer({ port: profile.ports.redis, dataDir: `${profile.dataDir}/redis`, log });
      stops.push(redis.stop);
      const bridgeOptions = { port: profile.ports.bridge, redisUrl: redis.url, token: profile.redisToken, log };
      const bridge = opts.bridgeProcess ? await startUpstashBridgeProcess(bridgeOptions) : { ...(await startUpstashBridge(bridgeOptions)), pid: process.pid };
      stops.push(bridge.stop);
      pids.redis = redis.pid;
      pids.bridge = bridge.pid;
      redisUrl = bridge.url;
      log(`redis      ${redis.url} (Upstash REST bridge ${bridge.url})`);
    }

    const mail = await startMailCatcher({ smtpPort: profile.ports.smtp, webPort: profile.ports.mailWeb, dataDir: profile.dataDir });
    stops.push(mail.stop);
    log(`mail       smtp://127.0.0.1:${profile.ports.smtp} (inbox ${mail.inboxUrl})`);

    const paystack = await startPaystackSimulator({
      port: profile.ports.paystack,
      secretKey: profile.paystackSecretKey,
      publicKey: profile.paystackPublicKey,
      webhookUrl: `${appUrl(profile)}/api/webhooks/paystack`,
      merchantName: 'Paystack Commerce',
      log: opts.simulatorLogFile ? fileLog(opts.simulatorLogFile) : log,
    });
    stops.push(paystack.stop);
    log(`paystack   ${paystack.url} (simulator)`);

    return {
      env,
      urls: { app: appUrl(profile), inbox: mail.inboxUrl, paystack: paystack.url, redis: redisUrl },
      pids,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
