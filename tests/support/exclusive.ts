// Test files that run a whole-outbox job runner or inbox worker (real app processes, `startJobRunner`,
// `startInboxWorker`) take any due row in the shared test database — including rows another file made for a relay of
// its own, which that file then counts. Such files hold one PostgreSQL advisory lock for their whole run, so they never
// overlap each other; the other files (which relay only the rows they made, by id) run beside them as before.
// A session lock on a reserved connection: a test process that dies drops it with its connection.
import { afterAll, beforeAll } from 'vitest';
import { testDatabase } from './db';

const BACKGROUND_WORKERS = 26_021; // any fixed key; only these files take it

/** Waits until no other file runs background workers, then holds the lock until the returned release is called. */
export async function exclusiveBackgroundWorkers(): Promise<() => Promise<void>> {
  const { sql } = testDatabase(1);
  const connection = await sql.reserve();
  await connection`select pg_advisory_lock(${BACKGROUND_WORKERS})`;
  return async () => {
    await connection`select pg_advisory_unlock(${BACKGROUND_WORKERS})`;
    connection.release();
    await sql.end();
  };
}

/**
 * For a whole test file: waits for the lock before the file's tests and releases it after the file's own afterAll
 * hooks (vitest runs after-hooks in reverse order, so call this before registering them): the file's workers are
 * stopped by then.
 */
export function runAloneAmongBackgroundWorkers(): void {
  let release: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    release = await exclusiveBackgroundWorkers();
  }, 600_000);
  afterAll(async () => {
    await release?.();
  });
}
