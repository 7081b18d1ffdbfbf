// The Paystack API client the shop uses: transactions, refunds and disputes, each call returning domain types or a
// PaystackError.
// Framework-free and configured by its caller (see ./index.ts for the env-backed default).
import type { z } from 'zod';
import { err, ok, type Result } from '../../core/result';
import type { PaystackError } from './errors';
import { callPaystack, type HttpSettings, type PaystackCall } from './http';
import { fetchTransport, type PaystackTransport, pooledTransport } from './transport';
import { toChargeAuthorizationResult, toRefund, toVerifiedTransaction } from './map';
import {
  type ChargeAuthorizationInput,
  type ChargeAuthorizationResult,
  type CreateRefundInput,
  type InitializedTransaction,
  type InitializeTransactionInput,
  type ListRefundsQuery,
  type ListTransactionsQuery,
  type Refund,
  type RefundPage,
  type TransactionPage,
  transactionStatuses,
  type TransactionStatus,
  type VerifiedTransaction,
} from './types';
import {
  chargeAuthorizationDataSchema,
  initializeDataSchema,
  listedTransactionSchema,
  refundDataSchema,
  refundListMetaSchema,
  transactionListMetaSchema,
  verifyDataSchema,
} from './wire';
import {
  type Dispute,
  type DisputeEvidenceInput,
  type DisputePage,
  type DisputeUploadTarget,
  disputeDataSchema,
  disputeListMetaSchema,
  evidenceDataSchema,
  type ListDisputesQuery,
  type ResolveDisputeInput,
  toDispute,
  uploadUrlDataSchema,
} from './disputes';

export interface PaystackClientOptions {
  secretKey: string;
  /** `https://api.paystack.co` in production; the simulator's URL locally. */
  baseUrl: string;
  /** Per attempt. Paystack normally answers in well under a second. */
  timeoutMs?: number;
  /** Total attempts for verify / fetch / list. Initialize and refund always get exactly one. */
  retries?: number;
  retryBaseDelayMs?: number;
  /** How requests travel (default: an undici Pool per origin, ./transport.ts). Tests wrap it to count attempts. */
  transport?: PaystackTransport;
  /** A fetch to send with instead of the pooled transport; ignored when `transport` is given. */
  fetch?: typeof fetch;
}

export type PaystackResult<T> = Promise<Result<T, PaystackError>>;

export interface PaystackClient {
  initializeTransaction(input: InitializeTransactionInput): PaystackResult<InitializedTransaction>;
  verifyTransaction(reference: string): PaystackResult<VerifiedTransaction>;
  /** One page of `GET /transaction`, newest first: many references' statuses in one call (the release job). */
  listTransactions(query?: ListTransactionsQuery): PaystackResult<TransactionPage>;
  /** Charge a saved card's reusable authorization. One attempt: it moves money (a timeout is an unknown outcome). */
  chargeAuthorization(input: ChargeAuthorizationInput): PaystackResult<ChargeAuthorizationResult>;
  createRefund(input: CreateRefundInput): PaystackResult<Refund>;
  fetchRefund(id: number): PaystackResult<Refund>;
  listRefunds(query?: ListRefundsQuery): PaystackResult<RefundPage>;
  listDisputes(query?: ListDisputesQuery): PaystackResult<DisputePage>;
  fetchDispute(id: number): PaystackResult<Dispute>;
  /** Evidence for the merchant's side; answers Paystack's evidence id. */
  addDisputeEvidence(id: number, input: DisputeEvidenceInput): PaystackResult<{ evidenceId: number }>;
  /** Where to upload one file of evidence (a signed URL that takes a PUT of the bytes), and the name to cite it by. */
  disputeUploadUrl(id: number): PaystackResult<DisputeUploadTarget>;
  /** PUT of the file's bytes to the signed URL disputeUploadUrl gave (no API key: the URL carries its own signature). */
  uploadDisputeFile(target: DisputeUploadTarget, file: { bytes: Uint8Array; contentType: string }): PaystackResult<{ fileName: string }>;
  /** Accept (refunding `refundAmount`) or decline a dispute. One attempt: it moves money. */
  resolveDispute(id: number, input: ResolveDisputeInput): PaystackResult<Dispute>;
}

export function createPaystackClient(options: PaystackClientOptions): PaystackClient {
  const settings: HttpSettings = {
    secretKey: options.secretKey,
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxAttempts: options.retries ?? 3,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 300,
    transport: options.transport ?? (options.fetch ? fetchTransport(options.fetch) : pooledTransport),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  };

  async function request<S extends z.ZodType, T>(call: PaystackCall, schema: S, map: (data: z.output<S>, meta: unknown) => T): PaystackResult<T> {
    const reply = await callPaystack(settings, call);
    if (!reply.ok) return reply;
    const parsed = schema.safeParse(reply.value.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join('.') || 'data'}: ${issue.message}` : 'unreadable data';
      return err<PaystackError>({ kind: 'invalid_response', status: 200, message: `${call.path} → ${where}` });
    }
    return ok(map(parsed.data, reply.value.meta));
  }

  return {
    initializeTransaction: (input) =>
      request(
        {
          method: 'POST',
          path: 'transaction/initialize',
          repeatable: false,
          body: {
            email: input.email,
            amount: input.amount,
            currency: input.currency,
            reference: input.reference,
            callback_url: input.callbackUrl,
            metadata: input.metadata,
            channels: input.channels,
          },
        },
        initializeDataSchema,
        (data) => ({ authorizationUrl: data.authorization_url, accessCode: data.access_code, reference: data.reference }),
      ),

    verifyTransaction: (reference) =>
      request({ method: 'GET', path: `transaction/verify/${encodeURIComponent(reference)}`, repeatable: true }, verifyDataSchema, toVerifiedTransaction),

    listTransactions: (query = {}) =>
      request(
        {
          method: 'GET',
          path: 'transaction',
          repeatable: true,
          query: { page: query.page, perPage: query.perPage, from: query.from?.toISOString(), to: query.to?.toISOString(), status: query.status },
        },
        listedTransactionSchema.array(),
        (wire, meta) => {
          const transactions = wire.map((row) => ({
            id: row.id,
            reference: row.reference,
            status: (transactionStatuses as readonly string[]).includes(row.status) ? (row.status as TransactionStatus) : null,
            createdAt: row.created_at,
          }));
          const paging = transactionListMetaSchema.safeParse(meta);
          return paging.success
            ? { transactions, total: paging.data.total, page: paging.data.page, pageCount: paging.data.pageCount }
            : { transactions, total: transactions.length, page: query.page ?? 1, pageCount: 1 };
        },
      ),

    chargeAuthorization: (input) =>
      request(
        {
          method: 'POST',
          path: 'transaction/charge_authorization',
          repeatable: false,
          body: {
            email: input.email,
            amount: input.amount,
            currency: input.currency,
            reference: input.reference,
            authorization_code: input.authorizationCode,
            metadata: input.metadata,
          },
        },
        chargeAuthorizationDataSchema,
        toChargeAuthorizationResult,
      ),

    createRefund: (input) =>
      request(
        {
          method: 'POST',
          path: 'refund',
          repeatable: false,
          body: {
            transaction: String(input.transaction),
            amount: input.amount,
            currency: input.currency,
            customer_note: input.customerNote,
            merchant_note: input.merchantNote,
          },
        },
        refundDataSchema,
        toRefund,
      ),

    fetchRefund: (id) => request({ method: 'GET', path: `refund/${encodeURIComponent(String(id))}`, repeatable: true }, refundDataSchema, toRefund),

    listRefunds: (query = {}) => {
      const call: PaystackCall = {
        method: 'GET',
        path: 'refund',
        repeatable: true,
        query: { page: query.page, perPage: query.perPage, from: query.from?.toISOString(), to: query.to?.toISOString() },
      };
      return request(call, refundDataSchema.array(), (wire, meta) => {
        const refunds = wire.map(toRefund);
        // Paging lives in the envelope's `meta`; if Paystack ever omits it, describe what we received.
        const paging = refundListMetaSchema.safeParse(meta);
        return paging.success
          ? { refunds, total: paging.data.total, page: paging.data.page, pageCount: paging.data.pageCount }
          : { refunds, total: refunds.length, page: query.page ?? 1, pageCount: 1 };
      });
    },

    listDisputes: (query = {}) =>
      request(
        {
          method: 'GET',
          path: 'dispute',
          repeatable: true,
          query: { page: query.page, perPage: query.perPage, status: query.status, transaction: query.transaction },
        },
        disputeDataSchema.array(),
        (wire, meta) => {
          const disputes = wire.map(toDispute);
          const paging = disputeListMetaSchema.safeParse(meta);
          return paging.success
            ? { disputes, total: paging.data.total, page: paging.data.page, pageCount: paging.data.pageCount }
            : { disputes, total: disputes.length, page: query.page ?? 1, pageCount: 1 };
        },
      ),

    fetchDispute: (id) => request({ method: 'GET', path: `dispute/${encodeURIComponent(String(id))}`, repeatable: true }, disputeDataSchema, toDispute),

    addDisputeEvidence: (id, input) =>
      request(
        {
          method: 'POST',
          path: `dispute/${encodeURIComponent(String(id))}/evidence`,
          // Evidence is additive at Paystack: a repeat after a lost answer adds a second copy, never moves money.
          repeatable: false,
          body: {
            customer_email: input.customerEmail,
            customer_name: input.customerName,
            customer_phone: input.customerPhone,
            service_details: input.serviceDetails,
            delivery_address: input.deliveryAddress,
            delivery_date: input.deliveryDate,
          },
        },
        evidenceDataSchema,
        (data) => ({ evidenceId: data.id }),
      ),

    disputeUploadUrl: (id) =>
      request({ method: 'GET', path: `dispute/${encodeURIComponent(String(id))}/upload_url`, repeatable: true }, uploadUrlDataSchema, (data) => ({
        signedUrl: data.signedUrl,
        fileName: data.fileName,
      })),

    uploadDisputeFile: async (target, file) => {
      try {
        const response = await settings.transport({
          method: 'PUT',
          url: target.signedUrl,
          headers: { 'content-type': file.contentType },
          body: new Uint8Array(file.bytes),
          timeoutMs: settings.timeoutMs,
        });
        if (response.status >= 200 && response.status < 300) return ok({ fileName: target.fileName });
        const kind = response.status >= 500 ? 'unavailable' : 'rejected';
        return err<PaystackError>({ kind, status: response.status, message: `upload answered ${response.status}` });
      } catch (error) {
        const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
        return err<PaystackError>(
          timedOut ? { kind: 'timeout', message: `no response within ${settings.timeoutMs} ms` } : { kind: 'unavailable', message: String(error) },
        );
      }
    },

    resolveDispute: (id, input) =>
      request(
        {
          method: 'PUT',
          path: `dispute/${encodeURIComponent(String(id))}/resolve`,
          repeatable: false,
          body: {
            resolution: input.resolution,
            message: input.message,
            refund_amount: input.refundAmount,
            uploaded_filename: input.uploadedFilename,
            evidence: input.evidence,
          },
        },
        disputeDataSchema,
        toDispute,
      ),
  };
}
