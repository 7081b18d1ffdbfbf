// The Paystack API client the shop uses: five calls, each returning domain types or a PaystackError.
// Framework-free and configured by its caller (see ./index.ts for the env-backed default).
import type { z } from 'zod';
import { err, ok, type Result } from '../../core/result';
import type { PaystackError } from './errors';
import { callPaystack, type HttpSettings, type PaystackCall } from './http';
import { toRefund, toVerifiedTransaction } from './map';
import type { CreateRefundInput, InitializedTransaction, InitializeTransactionInput, ListRefundsQuery, Refund, RefundPage, VerifiedTransaction } from './types';
import { initializeDataSchema, refundDataSchema, refundListMetaSchema, verifyDataSchema } from './wire';

export interface PaystackClientOptions {
  secretKey: string;
  /** `https://api.paystack.co` in production; the simulator's URL locally. */
  baseUrl: string;
  /** Per attempt. Paystack normally answers in well under a second. */
  timeoutMs?: number;
  /** Total attempts for verify / fetch / list. Initialize and refund always get exactly one. */
  retries?: number;
  retryBaseDelayMs?: number;
  fetch?: typeof fetch;
}

export type PaystackResult<T> = Promise<Result<T, PaystackError>>;

export interface PaystackClient {
  initializeTransaction(input: InitializeTransactionInput): PaystackResult<InitializedTransaction>;
  verifyTransaction(reference: string): PaystackResult<VerifiedTransaction>;
  createRefund(input: CreateRefundInput): PaystackResult<Refund>;
  fetchRefund(id: number): PaystackResult<Refund>;
  listRefunds(query?: ListRefundsQuery): PaystackResult<RefundPage>;
}

export function createPaystackClient(options: PaystackClientOptions): PaystackClient {
  const settings: HttpSettings = {
    secretKey: options.secretKey,
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs ?? 15_000,
    maxAttempts: options.retries ?? 3,
    retryBaseDelayMs: options.retryBaseDelayMs ?? 300,
    fetch: options.fetch ?? globalThis.fetch,
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
  };
}
