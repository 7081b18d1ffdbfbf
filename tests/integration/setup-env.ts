// Integration tests talk to the test profile's real services; its variables are deterministic.
import { stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';

// Route handlers and actions are called the way one proxy in front of the app delivers requests: the caller's
// address is the last X-Forwarded-For entry (TRUSTED_PROXY_HOPS=1), so each test can play as many shoppers as it
// needs. Tests of other settings inject theirs through the doors' seam (trustedProxyHops).
Object.assign(process.env, stackEnv(profiles.test), { TRUSTED_PROXY_HOPS: '1' });

// `next build` inlines this from next.config.ts (experimental.authInterrupts); pages calling forbidden() need it here too.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = 'true';
