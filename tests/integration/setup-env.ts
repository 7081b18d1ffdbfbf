// Integration tests talk to the test profile's real services; its variables are deterministic.
import { stackEnv } from '../../scripts/stack/env';
import { profiles } from '../../scripts/stack/profiles';

Object.assign(process.env, stackEnv(profiles.test));
