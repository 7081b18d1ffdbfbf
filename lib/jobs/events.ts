// Every background job the shop runs starts as one of these events: written to the outbox in the transaction that
// caused it, then relayed to Inngest (which runs the function of the same name) or to the in-process runner. The
// payloads are zod schemas so both drivers, and the Inngest functions' typed triggers, parse the same shape.
import { z } from 'zod';
import { CURRENCIES } from '../core/money';

const id = z.uuid();

export const jobEventSchemas = {
  /** A payment was committed: issue the invoice, send the order confirmation and the payment receipt. */
  'order/paid': z.object({ orderId: id, paymentId: id }),
  /** Money arrived that cannot simply be honoured (mismatch, late with stock gone, second payment): tell the admins. */
  'payment/needs-attention': z.object({
    orderId: id,
    paymentId: id,
    problems: z.array(z.string()),
    /** Tells apart several alerts about one payment (e.g. `refund:<id>:failed`); each is sent once. */
    topic: z.string().min(1).max(200).optional(),
  }),
  /** An admin handed (part of) a paid order to a carrier: email the shopper the tracking details. */
  'order/shipped': z.object({ orderId: id, fulfillmentId: id }),
  /** An order's holds ran out unpaid: after a wait, one recovery email with a link that restores its lines. */
  'order/expired-unpaid': z.object({ orderId: id }),
  /** A guest whose order link expired asked for a fresh one: it goes to the order's own address. */
  'order/link-requested': z.object({ orderId: id, requestId: id }),
  /** A sale took variants' availability to or below their low-stock threshold: one digest to the admins. */
  'inventory/low-stock': z.object({ variantIds: z.array(id).min(1), saleId: id }),
  /** Money the shop must give back (late payment with stock gone, a second payment): refunded automatically, in full. */
  'refund/requested': z.object({ orderId: id, paymentId: id, amount: z.number().int().positive(), currency: z.enum(CURRENCIES), reason: z.string() }),
  /**
   * The shopper hears about their refund: `processed` once Paystack has taken it on (the money is on its way), `failed`
   * when Paystack gave up on it after accepting it (the shop follows up). One email per refund × outcome.
   */
  'refund/settled': z.object({ refundId: id, outcome: z.enum(['processed', 'failed']) }),
  /** A customer disputed a payment (`opened`) or Paystack reminded the shop to answer (`reminder-<n>`): tell every admin. */
  'dispute/alert': z.object({ disputeId: id, topic: z.string().min(1).max(100) }),
  /**
   * Account links (lib/auth/auth-tokens.ts): the payload names the token's row, never the token itself — the job
   * recomputes the link from the id and the site's secret. A new account's verify link; a reset link someone asked for;
   * and the owner's notice that someone tried to register with their address (with a sign-in and a reset link).
   */
  'account/verify-email': z.object({ tokenId: id }),
  'account/password-reset': z.object({ tokenId: id }),
  'account/already-registered': z.object({ tokenId: id }),
  /** The owner changed their password while signed in: tell the address, with the way back in if it was not them. */
  'account/password-changed': z.object({ userId: id, changeId: id, changedAt: z.iso.datetime({ offset: true }) }),
} as const;

export type JobEventName = keyof typeof jobEventSchemas;
export type JobPayload<E extends JobEventName> = z.output<(typeof jobEventSchemas)[E]>;
export type JobEvent = { [E in JobEventName]: { event: E; payload: JobPayload<E> } }[JobEventName];

export const jobEventNames = Object.keys(jobEventSchemas) as JobEventName[];

export const isJobEventName = (name: string): name is JobEventName => Object.hasOwn(jobEventSchemas, name);

/**
 * Where a job came from, for its log lines: kept in the payload under `_meta`, which no payload schema above declares
 * (zod objects drop unknown keys, so a job's steps never see it, and an old row without it still parses). Written by
 * enqueue() when the row is written during a request (the request id; `requestId` itself is taken by a payload field).
 */
export const JOB_META_KEY = '_meta';

export interface JobMeta {
  requestId?: string;
}

// The request-id shape lib/log.ts accepts (not imported from there: this catalogue is bundled for the browser too).
const jobMetaSchema = z.object({
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/)
    .optional(),
});

/** The `_meta` of a stored payload; nothing when it is absent or malformed (a job never fails over its metadata). */
export function jobMetaOf(payload: unknown): JobMeta {
  if (payload === null || typeof payload !== 'object') return {};
  const parsed = jobMetaSchema.safeParse((payload as Record<string, unknown>)[JOB_META_KEY]);
  return parsed.success ? parsed.data : {};
}
