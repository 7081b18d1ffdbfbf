// Starts every service a profile needs (Postgres, Redis + Upstash bridge, mail catcher, Paystack simulator)
// and stops them in reverse order. Used by `npm start`, `npm run dev` and the test setup.
import { startPaystackSimulator } from '../paystack-sim/index';
import { appUrl, stackEnv } from './env';
import { startMailCatcher } from './mail';
import { startPostgres } from './postgres';
import type { StackProfile } from './profiles';
import { startRedisServer } from './redis';
import { startUpstashBridge } from './upstash-bridge';

export interface RunningStack {
  env: Record<string, string>;
  urls: { app: string; inbox: string; paystack: string; redisBridge: string };
  stop(): Promise<void>;
}

export async function startStack(
  profile: StackProfile,
  opts: { fresh?: boolean; log?: (line: string) => void } = {},
): Promise<RunningStack> {
  const log = opts.log ?? (() => {});
  const env = stackEnv(profile);
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

    const redis = await startRedisServer({ port: profile.ports.redis, dataDir: `${profile.dataDir}/redis`, log });
    stops.push(redis.stop);
    const bridge = await startUpstashBridge({ port: profile.ports.bridge, redisUrl: redis.url, token: profile.redisToken, log });
    stops.push(bridge.stop);
    log(`redis      ${redis.url} (Upstash REST bridge ${bridge.url})`);

    const mail = await startMailCatcher({ smtpPort: profile.ports.smtp, webPort: profile.ports.mailWeb, dataDir: profile.dataDir });
    stops.push(mail.stop);
    log(`mail       smtp://127.0.0.1:${profile.ports.smtp} (inbox ${mail.inboxUrl})`);

    const paystack = await startPaystackSimulator({
      port: profile.ports.paystack,
      secretKey: profile.paystackSecretKey,
      publicKey: profile.paystackPublicKey,
      webhookUrl: `${appUrl(profile)}/api/webhooks/paystack`,
      merchantName: 'Paystack Commerce',
      log,
    });
    stops.push(paystack.stop);
    log(`paystack   ${paystack.url} (simulator)`);

    return {
      env,
      urls: { app: appUrl(profile), inbox: mail.inboxUrl, paystack: paystack.url, redisBridge: bridge.url },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
