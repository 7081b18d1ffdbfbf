// Starts the `test` profile stack for a test runner that was launched on its own (not through `npm test`,
// which starts it once for every layer and sets SHOP_STACK_RUNNING=1).
import { Redis } from '@upstash/redis';
import { createDatabase } from '../../db/client';
import { seedDatabase } from '../../scripts/seed/index';
import { type RunningStack, type StackOptions, startStack } from '../../scripts/stack/index';
import { profiles } from '../../scripts/stack/profiles';

export async function startTestStack(): Promise<() => Promise<void>> {
  if (process.env.SHOP_STACK_RUNNING === '1') return async () => {};
  return (await startSeededTestStack()).stop;
}

/** The `test` profile's services, always started here: a fresh seeded database and an empty Redis. */
export async function startSeededTestStack(opts: Pick<StackOptions, 'bridgeProcess'> = {}): Promise<RunningStack> {
  const stack = await startStack(profiles.test, { fresh: true, ...opts });
  const { db, sql } = createDatabase(stack.env.DATABASE_URL!, { max: 1 });
  await seedDatabase(db).finally(() => sql.end());
  // A fresh database with last run's carts, checkout attempts and rate-limit windows would not match: Redis starts
  // empty too, as it does under `npm test`.
  await new Redis({ url: stack.env.UPSTASH_REDIS_REST_URL, token: stack.env.UPSTASH_REDIS_REST_TOKEN }).flushdb();
  return stack;
}
