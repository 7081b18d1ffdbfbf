// A database handle for tests, on the test profile's database.
import { createDatabase } from '../../db/client';
import { stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';

export function testDatabase(max = 5) {
  return createDatabase(stackEnv(profiles.test).DATABASE_URL!, { max });
}
