// Preloaded into each crash-test child (`node --import tsx --import ./tests/support/crash/register.ts …`).
import { register } from 'node:module';

register('./resolve-hooks.ts', import.meta.url);
