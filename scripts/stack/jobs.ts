// Until the jobs issue brings Inngest and the outbox runner, the local stack runs the two cron jobs itself:
// release expired reservations and reconcile payments whose webhook never came, every minute.
import { Redis } from '@upstash/redis';
import { createDatabase } from '../../db/client';
import { paystackMode } from '../../lib/env';
import { releaseExpiredReservations } from '../../lib/inventory/release-expired-reservations';
import { createPaystackClient } from '../../lib/payments/paystack/client';
import { reconcilePayments } from '../../lib/payments/reconcile-payments';
import { redisKeys } from '../../lib/redis-keys';

export function startLocalJobs(env: Record<string, string>, log: (line: string) => void, everyMs = 60_000) {
  const setting = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`jobs: ${name} is not set in the stack's environment`);
    return value;
  };
  const { db, sql } = createDatabase(setting('DATABASE_URL'), { max: 2 });
  const redis = new Redis({ url: setting('UPSTASH_REDIS_REST_URL'), token: setting('UPSTASH_REDIS_REST_TOKEN') });
  const paystack = createPaystackClient({ secretKey: setting('PAYSTACK_SECRET_KEY'), baseUrl: setting('PAYSTACK_BASE_URL') });
  const expectedDomain = paystackMode({ PAYSTACK_SECRET_KEY: setting('PAYSTACK_SECRET_KEY') });
  let running: Promise<void> | undefined;

  const tick = async () => {
    try {
      const released = await releaseExpiredReservations({ db, redis, paystack });
      if (released.expiredOrders.length > 0) log(`jobs: released the holds of ${released.expiredOrders.length} expired order(s)`);
      const reconciled = await reconcilePayments({ db, paystack, expectedDomain });
      for (const effects of reconciled.paid) {
        log(`jobs: reconciliation found order ${effects.orderId} paid (its webhook never arrived)`);
        const cart = effects.userId ? [redisKeys.userCart(effects.userId)] : [];
        await redis.del(redisKeys.reservation(effects.orderId), redisKeys.paymentIntent(effects.reference), ...cart).catch(() => undefined);
      }
    } catch (error) {
      log(`jobs: run failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const timer = setInterval(() => {
    running ??= tick().finally(() => (running = undefined));
  }, everyMs);

  return {
    async stop() {
      clearInterval(timer);
      await running;
      await sql.end();
    },
  };
}
