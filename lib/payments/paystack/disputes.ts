// Paystack's disputes at the boundary: the wire shape of a dispute (as `GET /dispute/:id`, `PUT /dispute/:id/resolve`
// and the `charge.dispute.*` webhooks carry it), its domain type and the one mapping between them, plus the calls'
// inputs and answers. Field names follow Paystack's OpenAPI description (DisputeFetchResponse, DisputeResolve,
// DisputeEvidence, DisputeUploadURLResponse); nothing outside lib/payments/paystack sees the wire names.
import { z } from 'zod';

/** Every dispute status Paystack documents (`GET /dispute?status=`). */
export const gatewayDisputeStatuses = ['awaiting-merchant-feedback', 'awaiting-bank-feedback', 'pending', 'resolved'] as const;
export type GatewayDisputeStatus = (typeof gatewayDisputeStatuses)[number];

/** What `PUT /dispute/:id/resolve` accepts as a resolution. */
export type DisputeResolution = 'merchant-accepted' | 'declined';

const minorUnits = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]);
const when = z
  .string()
  .transform((value) => new Date(value))
  .refine((date) => !Number.isNaN(date.getTime()), 'not a timestamp')
  .nullish();

export const disputeDataSchema = z.looseObject({
  id: z.number().int().positive(),
  refund_amount: minorUnits.nullish(),
  currency: z.string().length(3).nullish(),
  status: z.enum(gatewayDisputeStatuses),
  resolution: z.string().nullish(),
  domain: z.enum(['test', 'live']).nullish(),
  /** An object in fetch and webhooks; the bare transaction id in resolve's answer. */
  transaction: z.union([z.number().int(), z.looseObject({ id: z.number().int(), reference: z.string().min(1), amount: minorUnits.optional() })]).nullish(),
  transaction_reference: z.string().nullish(),
  merchant_transaction_reference: z.string().nullish(),
  category: z.string().nullish(),
  note: z.string().nullish(),
  messages: z.array(z.looseObject({ body: z.string().nullish() })).nullish(),
  dueAt: when,
  resolvedAt: when,
  createdAt: when,
  updatedAt: when,
});
export type WireDispute = z.infer<typeof disputeDataSchema>;

/** A dispute in domain terms. */
export interface Dispute {
  id: number;
  /** The disputed transaction's reference (the shop's payment reference); null if Paystack left it out. */
  transactionReference: string | null;
  /** What the customer claims back, minor units; null when Paystack did not say. */
  refundAmount: number | null;
  currency: string | null;
  status: GatewayDisputeStatus;
  resolution: string | null;
  domain: 'test' | 'live' | null;
  category: string | null;
  /** The first message on the dispute, or its note: the customer's or bank's words. */
  reason: string | null;
  dueAt: Date | null;
  resolvedAt: Date | null;
  updatedAt: Date | null;
}

export function toDispute(wire: WireDispute): Dispute {
  const transaction = typeof wire.transaction === 'object' && wire.transaction !== null ? wire.transaction : null;
  const firstMessage = wire.messages?.find((message) => message.body)?.body ?? null;
  return {
    id: wire.id,
    transactionReference: transaction?.reference ?? wire.transaction_reference ?? wire.merchant_transaction_reference ?? null,
    refundAmount: wire.refund_amount ?? null,
    currency: wire.currency ?? null,
    status: wire.status,
    resolution: wire.resolution ?? null,
    domain: wire.domain ?? null,
    category: wire.category ?? null,
    reason: firstMessage ?? wire.note ?? null,
    dueAt: wire.dueAt ?? null,
    resolvedAt: wire.resolvedAt ?? null,
    updatedAt: wire.updatedAt ?? null,
  };
}

export interface ListDisputesQuery {
  page?: number;
  perPage?: number;
  status?: GatewayDisputeStatus;
  /** Paystack's transaction id. */
  transaction?: number;
}

export interface DisputePage {
  disputes: Dispute[];
  total: number;
  page: number;
  pageCount: number;
}

/** `POST /dispute/:id/evidence` (DisputeEvidence): the first four are required by Paystack. */
export interface DisputeEvidenceInput {
  customerEmail: string;
  customerName: string;
  customerPhone: string;
  serviceDetails: string;
  deliveryAddress?: string | undefined;
  /** YYYY-MM-DD. */
  deliveryDate?: string | undefined;
}

export const evidenceDataSchema = z.looseObject({ id: z.number().int().positive(), dispute: z.number().int().optional() });

export const uploadUrlDataSchema = z.looseObject({ signedUrl: z.string().url(), fileName: z.string().min(1) });

export interface DisputeUploadTarget {
  signedUrl: string;
  /** What `uploaded_filename` names when resolving. */
  fileName: string;
}

export interface ResolveDisputeInput {
  resolution: DisputeResolution;
  message: string;
  /** Minor units given back to the customer; 0 when declining. */
  refundAmount: number;
  /** A file uploaded to this dispute (its upload URL's `fileName`): Paystack requires one with every answer. */
  uploadedFilename: string;
  /** Paystack's evidence id (asked for on fraud claims). */
  evidence?: number | undefined;
}

export const disputeListMetaSchema = z.looseObject({
  total: z.coerce.number().int(),
  page: z.coerce.number().int(),
  pageCount: z.coerce.number().int(),
});
