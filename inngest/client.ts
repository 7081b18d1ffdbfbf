// The Inngest client. Functions (emails, invoices, reservation release, reconciliation) arrive with the jobs issue;
// until then no route serves them and nothing sends events.
import { Inngest } from 'inngest';

export const inngest = new Inngest({ id: 'paystack-commerce' });
