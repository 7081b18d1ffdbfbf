// The Inngest event types of every job, from the one catalogue of job payloads (lib/jobs/events.ts), so a function's
// trigger and the relay's events cannot drift apart.
import { eventType } from 'inngest';
import { type JobEventName, jobEventSchemas as schemas } from '@/lib/jobs/events';

export const jobEvents = {
  orderPaid: eventType('order/paid', { schema: schemas['order/paid'] }),
  paymentNeedsAttention: eventType('payment/needs-attention', { schema: schemas['payment/needs-attention'] }),
  orderShipped: eventType('order/shipped', { schema: schemas['order/shipped'] }),
  orderExpiredUnpaid: eventType('order/expired-unpaid', { schema: schemas['order/expired-unpaid'] }),
  orderLinkRequested: eventType('order/link-requested', { schema: schemas['order/link-requested'] }),
  inventoryLowStock: eventType('inventory/low-stock', { schema: schemas['inventory/low-stock'] }),
  refundRequested: eventType('refund/requested', { schema: schemas['refund/requested'] }),
  refundSettled: eventType('refund/settled', { schema: schemas['refund/settled'] }),
  disputeAlert: eventType('dispute/alert', { schema: schemas['dispute/alert'] }),
  accountVerifyEmail: eventType('account/verify-email', { schema: schemas['account/verify-email'] }),
  accountPasswordReset: eventType('account/password-reset', { schema: schemas['account/password-reset'] }),
  accountAlreadyRegistered: eventType('account/already-registered', { schema: schemas['account/already-registered'] }),
  accountPasswordChanged: eventType('account/password-changed', { schema: schemas['account/password-changed'] }),
} as const;

export const jobEventType = (name: JobEventName) => Object.values(jobEvents).find((event) => event.name === name);
