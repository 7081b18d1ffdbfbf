// What each background job does, step by step: the one definition both drivers run. Inngest runs each step as a
// `step.run` (memoised, retried on its own); the in-process runner runs them in order and retries the whole job, which
// is safe because every step is idempotent (one invoice per order, one email per key in email_deliveries).
import type { Redis } from '@upstash/redis';
import type { Database } from '../../db/client';
import type { OrderEmailDeps } from '../email/order-emails';
import { sendAlreadyRegisteredEmail, sendPasswordChangedEmail, sendPasswordResetEmail, sendVerifyEmail } from '../email/account-emails';
import { sendLowStockDigest } from '../email/admin-emails';
import { sendFreshOrderLink } from '../email/order-link-email';
import { sendOrderConfirmation, sendPaymentAlert, sendPaymentReceipt } from '../email/order-emails';
import { sendRefundNotice } from '../email/refund-emails';
import { sendDisputeAlert } from '../email/dispute-emails';
import { sendShippingNotice } from '../email/shipping-emails';
import type { PaystackMode } from '../core/env';
import { allocateInvoice } from '../invoices/allocate-invoice';
import type { PaystackClient } from '../payments/paystack/client';
import { refundAutomatically } from '../refunds/refund-automatically';
import { sendRecoveryEmail } from '../recovery/send-recovery-email';
import type { JobEventName, JobPayload } from './events';

export interface JobDeps extends OrderEmailDeps {
  db: Database;
  paystack: PaystackClient;
  redis?: Redis;
  expectedDomain: PaystackMode;
  /** How long after an order expired unpaid its recovery email goes out. */
  recoveryDelayMs: number;
  log: (line: string) => void;
  /** Aborted when the runner stops: a run that waits within its period (the hold release) returns at once. */
  stopping?: AbortSignal;
}

export interface JobStep<P> {
  /** Stable: Inngest memoises a step's result under its id. */
  id: string;
  run: (deps: JobDeps, payload: P) => Promise<unknown>;
}

export interface JobDefinition<E extends JobEventName> {
  event: E;
  /** The Inngest function id. */
  id: string;
  name: string;
  /** Wait this long after the event before the first step (Inngest: step.sleep; in-process: the row is deferred). */
  delayMs?: (deps: JobDeps) => number;
  steps: ReadonlyArray<JobStep<JobPayload<E>>>;
}

type Definitions = { [E in JobEventName]?: JobDefinition<E> };

export const jobDefinitions = {
  'order/paid': {
    event: 'order/paid',
    id: 'fulfil-paid-order',
    name: 'Paid order: invoice, confirmation, receipt',
    steps: [
      {
        id: 'issue-invoice',
        run: async (deps, { orderId }) => {
          const invoice = await allocateInvoice(deps.db, orderId);
          return invoice.ok ? { number: invoice.value.number, created: invoice.value.created } : { skipped: invoice.error };
        },
      },
      { id: 'send-order-confirmation', run: (deps, { orderId }) => sendOrderConfirmation(deps, orderId) },
      { id: 'send-payment-receipt', run: (deps, payload) => sendPaymentReceipt(deps, payload) },
    ],
  },
  'payment/needs-attention': {
    event: 'payment/needs-attention',
    id: 'alert-payment-needs-attention',
    name: 'Payment needs attention: alert the admins',
    steps: [{ id: 'alert-admins', run: (deps, payload) => sendPaymentAlert(deps, payload) }],
  },
  'order/shipped': {
    event: 'order/shipped',
    id: 'send-shipping-notice',
    name: 'Order shipped: email the shopper the tracking details',
    steps: [{ id: 'email-shopper', run: (deps, payload) => sendShippingNotice(deps, payload) }],
  },
  'order/expired-unpaid': {
    event: 'order/expired-unpaid',
    id: 'recover-abandoned-checkout',
    name: 'Expired unpaid order: one recovery email',
    delayMs: (deps) => deps.recoveryDelayMs,
    steps: [{ id: 'send-recovery-email', run: (deps, { orderId }) => sendRecoveryEmail(deps, orderId) }],
  },
  'order/link-requested': {
    event: 'order/link-requested',
    id: 'send-fresh-order-link',
    name: 'Expired guest link: email a fresh one',
    steps: [{ id: 'send-order-link', run: (deps, { orderId, requestId }) => sendFreshOrderLink(deps, orderId, requestId) }],
  },
  'inventory/low-stock': {
    event: 'inventory/low-stock',
    id: 'send-low-stock-digest',
    name: 'Low stock: one digest to the admins',
    steps: [{ id: 'email-admins', run: (deps, payload) => sendLowStockDigest(deps, payload) }],
  },
  'refund/requested': {
    event: 'refund/requested',
    id: 'refund-automatically',
    name: 'Money the shop cannot keep: refund it',
    steps: [{ id: 'request-refund', run: (deps, payload) => refundAutomatically(deps, payload) }],
  },
  'refund/settled': {
    event: 'refund/settled',
    id: 'send-refund-notice',
    name: 'Refund on its way or failed: tell the shopper (with the credit note)',
    steps: [{ id: 'email-shopper', run: (deps, payload) => sendRefundNotice(deps, payload) }],
  },
  'dispute/alert': {
    event: 'dispute/alert',
    id: 'send-dispute-alert',
    name: 'Dispute opened or due soon: tell every admin',
    steps: [{ id: 'email-admins', run: (deps, payload) => sendDisputeAlert(deps, payload) }],
  },
  'account/verify-email': {
    event: 'account/verify-email',
    id: 'send-verify-email',
    name: 'New account: email the link that verifies its address',
    steps: [{ id: 'send-verify-email', run: (deps, { tokenId }) => sendVerifyEmail(deps, tokenId) }],
  },
  'account/password-reset': {
    event: 'account/password-reset',
    id: 'send-password-reset',
    name: 'Password reset asked for: email the link',
    steps: [{ id: 'send-password-reset', run: (deps, { tokenId }) => sendPasswordResetEmail(deps, tokenId) }],
  },
  'account/already-registered': {
    event: 'account/already-registered',
    id: 'send-already-registered',
    name: 'Registration with a taken address: tell its owner',
    steps: [{ id: 'send-already-registered', run: (deps, { tokenId }) => sendAlreadyRegisteredEmail(deps, tokenId) }],
  },
  'account/password-changed': {
    event: 'account/password-changed',
    id: 'send-password-changed',
    name: 'Password changed: tell the account’s address',
    steps: [{ id: 'send-password-changed', run: (deps, payload) => sendPasswordChangedEmail(deps, payload) }],
  },
} satisfies Definitions;

export type DefinedJobEvent = keyof typeof jobDefinitions;

export const definedJobEvents = Object.keys(jobDefinitions) as DefinedJobEvent[];

export function definitionFor(event: JobEventName): JobDefinition<JobEventName> | undefined {
  return (jobDefinitions as Definitions)[event] as JobDefinition<JobEventName> | undefined;
}
