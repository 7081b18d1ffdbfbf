// The Inngest client. With INNGEST_EVENT_KEY / INNGEST_SIGNING_KEY it talks to Inngest Cloud; with INNGEST_DEV=1 to a
// dev server or a self-hosted Inngest (INNGEST_BASE_URL). The SDK reads those variables itself.
import { Inngest } from 'inngest';

export const inngest = new Inngest({ id: 'paystack-commerce' });
