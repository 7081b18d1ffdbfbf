// A signed Paystack webhook body, read into a domain event: its exactly-once key and what it is about. Paystack sends no
// event id, so the key is derived from the event type and the gateway object it concerns; a charge confirmed through
// verify gets the same key (chargeEventKey), so webhook, return page and reconciliation deduplicate against each other.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ConfirmedCharge } from '../confirmed-charge';
import { err, ok, type Result } from '../../core/result';
import { toConfirmedCharge } from './map';
import { authorizationSchema } from './wire';
import { type RefundStatus, refundStatuses } from './types';
import { redactCardData } from './redact';
import { type Dispute, disputeDataSchema, toDispute } from './disputes';

const webhookEnvelopeSchema = z.object({ event: z.string().min(1).max(100), data: z.record(z.string(), z.unknown()) });
type WebhookEnvelope = z.infer<typeof webhookEnvelopeSchema>;

/** The part of `charge.success` the commit needs. Any 3-letter currency passes: a wrong one is flagged as a mismatch. */
const chargeEventDataSchema = z.object({
  id: z.number().int().positive(),
  reference: z.string().min(1).max(200),
  amount: z.number().int().positive(),
  requested_amount: z.number().int().positive().nullish(),
  currency: z.string().length(3),
  domain: z.enum(['test', 'live']),
  status: z.string(),
  channel: z.string().nullish(),
  fees: z.number().int().nonnegative().nullish(),
  paid_at: z.string().nullish(),
  // The card, when the charge was one (a saved card is kept from it, sealed, if the shopper asked); never required.
  authorization: authorizationSchema.nullish().catch(null),
  customer: z.looseObject({ email: z.string() }).nullish().catch(null),
});

const refundEventDataSchema = z.object({
  id: z.union([z.number(), z.string()]).optional(),
  status: z.string().optional(),
  transaction_reference: z.string().optional(),
  refund_reference: z.string().nullish(),
});

/** What a refund event must carry for the shop to act on it. Paystack sends amounts as integers or numeric strings. */
const refundEventFieldsSchema = z.object({
  id: z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
  status: z.enum(refundStatuses),
  transaction_reference: z.string().min(1).max(200),
  amount: z.union([z.number().int().positive(), z.string().regex(/^\d+$/).transform(Number)]),
  currency: z.string().length(3),
});

export const CHARGE_SUCCESS_EVENT = 'charge.success';

export const chargeEventKey = (gatewayTransactionId: number) => `${CHARGE_SUCCESS_EVENT}:${gatewayTransactionId}`;

export type PaystackWebhookEvent = {
  /** Unique per gateway fact: a second delivery of the same fact is a duplicate. */
  key: string;
  type: string;
  /** The body as received, without card secrets (redact.ts), kept with the event for the operator. */
  payload: unknown;
} & (
  | { kind: 'charge_succeeded'; charge: ConfirmedCharge }
  /** A charge event the commit cannot use; `reason` says why. */
  | { kind: 'charge_unusable'; reason: string }
  | { kind: 'refund'; refund: RefundEvent }
  /** A refund event the shop cannot act on; `reason` says why. */
  | { kind: 'refund_unusable'; reason: string }
  | { kind: 'dispute'; dispute: DisputeEvent }
  /** A dispute event the shop cannot act on; `reason` says why. */
  | { kind: 'dispute_unusable'; reason: string }
  | { kind: 'other' }
);

export const DISPUTE_EVENT_PREFIX = 'charge.dispute.';
const disputeEventNames = ['create', 'remind', 'resolve'] as const;

/** A `charge.dispute.create|remind|resolve` webhook: which one, and the dispute as Paystack describes it now. */
export interface DisputeEvent {
  event: (typeof disputeEventNames)[number];
  dispute: Dispute;
}

/** A `refund.*` webhook in domain terms. */
export interface RefundEvent {
  /** Paystack's refund id; absent in some of Paystack's documented payloads. */
  gatewayRefundId: number | null;
  status: RefundStatus;
  transactionReference: string;
  amount: number;
  currency: string;
}

/** Err with a short reason when the body is not a Paystack event at all (the route answers 400). */
export function readWebhookEvent(rawBody: string): Result<PaystackWebhookEvent, string> {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return err('body is not JSON');
  }
  const envelope = webhookEnvelopeSchema.safeParse(json);
  if (!envelope.success) return err('not a Paystack event envelope');
  const base = { key: eventKey(envelope.data, rawBody), type: envelope.data.event, payload: redactCardData(json) };
  return ok({ ...base, ...classify(envelope.data) });
}

function classify({ event, data }: WebhookEnvelope) {
  if (event === CHARGE_SUCCESS_EVENT) {
    const charge = chargeEventDataSchema.safeParse(data);
    if (!charge.success) {
      return { kind: 'charge_unusable' as const, reason: `charge.success without the fields a payment needs: ${charge.error.issues[0]?.path.join('.')}` };
    }
    if (charge.data.status !== 'success') return { kind: 'charge_unusable' as const, reason: `charge status ${charge.data.status}` };
    return { kind: 'charge_succeeded' as const, charge: toConfirmedCharge(charge.data) };
  }
  if (event.startsWith('refund.')) {
    // The status is the event's own (`refund.needs-attention` → needs-attention) unless the data says otherwise.
    const refund = refundEventFieldsSchema.safeParse({ status: event.slice('refund.'.length), ...data });
    if (!refund.success) {
      return { kind: 'refund_unusable' as const, reason: `${event} without the fields a refund needs: ${refund.error.issues[0]?.path.join('.')}` };
    }
    const { id, status, transaction_reference: transactionReference, amount, currency } = refund.data;
    return { kind: 'refund' as const, refund: { gatewayRefundId: id ?? null, status, transactionReference, amount, currency } };
  }
  if (event.startsWith(DISPUTE_EVENT_PREFIX)) return classifyDispute(event, data);
  return { kind: 'other' as const };
}

function classifyDispute(event: string, data: Record<string, unknown>) {
  const name = disputeEventNames.find((candidate) => `${DISPUTE_EVENT_PREFIX}${candidate}` === event);
  if (!name) return { kind: 'other' as const };
  const parsed = disputeDataSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: 'dispute_unusable' as const, reason: `${event} without the fields a dispute needs: ${issue?.path.join('.') || 'data'}` };
  }
  const dispute = toDispute(parsed.data);
  if (!dispute.transactionReference) return { kind: 'dispute_unusable' as const, reason: `${event} names no transaction reference` };
  return { kind: 'dispute' as const, dispute: { event: name, dispute } };
}

/**
 * A dispute opens once and resolves once, so those keys are the dispute's id; Paystack may remind several times, so a
 * reminder's key is its body too (an exact redelivery is a duplicate, the next day's reminder is not).
 */
function disputeEventKey(envelope: WebhookEnvelope, rawBody: string): string | undefined {
  const id = z.number().int().positive().safeParse(envelope.data.id);
  if (!id.success) return undefined;
  if (envelope.event === `${DISPUTE_EVENT_PREFIX}remind`) return `${envelope.event}:${id.data}:sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
  return `${envelope.event}:${id.data}`;
}

function eventKey(envelope: WebhookEnvelope, rawBody: string): string {
  if (envelope.event === CHARGE_SUCCESS_EVENT) {
    const id = chargeEventDataSchema.shape.id.safeParse(envelope.data.id);
    if (id.success) return chargeEventKey(id.data);
  }
  if (envelope.event.startsWith('refund.')) {
    const refund = refundEventDataSchema.safeParse(envelope.data);
    if (refund.success && refund.data.transaction_reference) {
      const { transaction_reference: reference, id, status } = refund.data;
      const state = status ?? envelope.event.slice(7);
      if (id !== undefined) return `refund:${reference}:${id}:${state}`;
      // No refund id: the body itself is the identity. Paystack redelivers the same bytes, so a retry is still a
      // duplicate; another refund of the same transaction (another amount, another bank reference) is another event.
      // A transaction-wide key (`refund:<ref>:-:<status>`) made a second partial refund a "duplicate" of the first.
      // Two bodies that are byte for byte the same carry nothing that tells their refunds apart: the apply step then
      // finds the match ambiguous and leaves both to the refund reconciliation, which asks Paystack by id.
      return `refund:${reference}:${refund.data.refund_reference ?? 'no-id'}:${state}:sha256:${sha256(rawBody)}`;
    }
  }
  if (envelope.event.startsWith(DISPUTE_EVENT_PREFIX)) {
    const key = disputeEventKey(envelope, rawBody);
    if (key) return key;
  }
  // Anything else is kept and acknowledged once per distinct body.
  return `${envelope.event}:sha256:${sha256(rawBody)}`;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
