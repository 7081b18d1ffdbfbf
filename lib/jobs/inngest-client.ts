// The Inngest client. With INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY it talks to Inngest Cloud or a self-hosted Inngest
// (INNGEST_BASE_URL); with INNGEST_DEV=1 to a dev server, outside production only. The SDK reads those variables itself.
import { Inngest } from 'inngest';
import { env } from '@/lib/core/env';

// In production the client never runs in dev mode, whatever the environment says: dev mode skips the signature check
// on /api/inngest (lib/env.ts refuses INNGEST_DEV there too; this holds even if that check were bypassed).
export const inngest = new Inngest({ id: 'paystack-commerce', ...(env().NODE_ENV === 'production' ? { isDev: false } : {}) });
