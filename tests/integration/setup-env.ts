// Integration tests talk to the test profile's real services; its variables are deterministic.
import { stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';

// Route handlers and actions are called the way one proxy in front of the app delivers requests: the caller's
// address is the last X-Forwarded-For entry (TRUSTED_PROXY_HOPS=1), so each test can play as many shoppers as it
// needs. Tests of other settings inject theirs through the doors' seam (trustedProxyHops).
Object.assign(process.env, stackEnv(profiles.test), { TRUSTED_PROXY_HOPS: '1' });

// The accounts these tests register and sign in are hashed at bcrypt cost 4 (≈ 1 ms) instead of 12 (≈ 250 ms, several
// hundred per run): the same bcrypt, fewer rounds. Honoured under NODE_ENV=test only (lib/auth/passwords.ts); the
// seeded accounts, the app processes tests start and the e2e layer keep cost 12, and the timing test asks for 12.
process.env.TEST_PASSWORD_HASH_COST = '4';

// `next build` inlines this from next.config.ts (experimental.authInterrupts); pages calling forbidden() need it here too.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = 'true';
