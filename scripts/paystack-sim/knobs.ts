// Fault knobs: global defaults plus per-transaction overrides keyed by reference. Tests should prefer the
// per-transaction form so parallel test files (and the app's own flows) never see each other's faults.
import { z } from 'zod';

export const endpoints = [
  'initialize',
  'verify',
  'listTransactions',
  'chargeAuthorization',
  'refund',
  'fetchRefund',
  'listRefunds',
  'fetchDispute',
  'listDisputes',
  'disputeEvidence',
  'disputeUploadUrl',
  'resolveDispute',
] as const;
export type Endpoint = (typeof endpoints)[number];

const faultSchema = z.strictObject({
  /** error: answer `status` (default 500); timeout: never answer; malformed: 200 with a body that is not Paystack's. */
  mode: z.enum(['error', 'timeout', 'malformed']),
  status: z.number().int().min(400).max(599).default(500),
  /** How many calls fail; omitted = every call until cleared. */
  times: z.number().int().positive().nullable().default(null),
  /** after: the work is done (transaction or refund created), then the reply fails - the "unknown outcome" case. */
  phase: z.enum(['before', 'after']).default('before'),
  /** timeout mode: how long to hold the request before dropping the connection. */
  holdMs: z.number().int().nonnegative().default(30_000),
});
export type FaultInput = z.input<typeof faultSchema>;
export type Fault = z.output<typeof faultSchema> & { hits: number };

export const knobsSchema = z.strictObject({
  /** Per transaction: where its webhooks go instead of the global URL. */
  webhookUrl: z.url().optional(),
  webhookDelayMs: z.number().int().nonnegative().optional(),
  /** Deliver each event n times (each copy has its own retry chain). */
  webhookCopies: z.number().int().min(1).max(100).optional(),
  /** How many of those copies leave at the same instant; the rest follow one after another. */
  webhookConcurrentCopies: z.number().int().min(1).max(100).optional(),
  /** Never deliver: only verify (reconciliation) can discover the payment. */
  dropWebhooks: z.boolean().optional(),
  /**
   * "Pass charges to the customer": paying charges the requested amount plus Paystack's fee; `amount` is what the
   * card paid, `requested_amount` what the merchant asked for, `fees` the whole fee.
   */
  customerBearsFees: z.boolean().optional(),
  /** Never deliver this transaction's `refund.*` events (its charge.success still goes): a lost refund webhook. */
  dropRefundWebhooks: z.boolean().optional(),
  /** > 0: a transaction's events are held for this window and then delivered newest first. */
  outOfOrderWindowMs: z.number().int().nonnegative().optional(),
  /** Paystack's retry schedule for failed deliveries (see webhooks.ts); `none` = one attempt. */
  retrySchedule: z.enum(['test', 'live', 'none']).optional(),
  /** Multiplies every retry interval: 1 = real time, 0.0001 turns an hour into 360 ms. */
  timeScale: z.number().positive().max(1).optional(),
  /** Pending refunds settle by themselves after this long; null = only when told via the control API. */
  refundAutoProcessMs: z.number().int().nonnegative().nullable().optional(),
  refundOutcome: z.enum(['processed', 'failed', 'needs-attention']).optional(),
  /**
   * A bank transfer or USSD payment Paystack is still waiting for: while the transaction is not paid, failed or
   * cancelled, verify answers this status instead of `abandoned`, until `POST /__simulator/transactions/:ref/settle`.
   * null = off.
   */
  pendingStatus: z.enum(['ongoing', 'pending', 'processing', 'queued']).nullable().optional(),
  /** A card paid on the hosted page comes back with `authorization.reusable` this (default true). */
  reusableAuthorization: z.boolean().optional(),
  /**
   * How `POST /transaction/charge_authorization` ends: `success` (charged, `charge.success` signed and sent),
   * `failed` (insufficient funds, no webhook) or a paused charge waiting on the cardholder (`send_otp`, `open_url`:
   * 3-D Secure). Keyed by the charge's reference, or by `customer:<email>` for every charge of that customer.
   */
  chargeAuthorizationOutcome: z.enum(['success', 'failed', 'send_otp', 'open_url']).optional(),
  /** Per endpoint; `null` clears that endpoint's fault. */
  faults: z.partialRecord(z.enum(endpoints), faultSchema.nullable()).optional(),
});
export type KnobsInput = z.input<typeof knobsSchema>;

export interface Knobs {
  webhookUrl: string;
  webhookDelayMs: number;
  webhookCopies: number;
  webhookConcurrentCopies: number;
  dropWebhooks: boolean;
  dropRefundWebhooks: boolean;
  customerBearsFees: boolean;
  outOfOrderWindowMs: number;
  retrySchedule: 'test' | 'live' | 'none';
  timeScale: number;
  refundAutoProcessMs: number | null;
  refundOutcome: 'processed' | 'failed' | 'needs-attention';
  pendingStatus: 'ongoing' | 'pending' | 'processing' | 'queued' | null;
  reusableAuthorization: boolean;
  chargeAuthorizationOutcome: 'success' | 'failed' | 'send_otp' | 'open_url';
}
type Overrides = Partial<Knobs> & { faults: Partial<Record<Endpoint, Fault>> };

export class KnobBook {
  private global: Overrides & Knobs;
  private perReference = new Map<string, Overrides>();

  constructor(private readonly defaults: Knobs) {
    this.global = { ...defaults, faults: {} };
  }

  resolve(reference?: string): Knobs {
    const own = reference === undefined ? undefined : this.perReference.get(reference);
    const { faults: _global, ...global } = this.global;
    const { faults: _own, ...overrides } = own ?? { faults: {} };
    const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
    return { ...global, ...defined };
  }

  /** One knob as set for `key` alone (a reference or `customer:<email>`), without the global default. */
  ownValue<K extends keyof Knobs>(key: string, knob: K): Knobs[K] | undefined {
    return this.perReference.get(key)?.[knob] as Knobs[K] | undefined;
  }

  /** The fault this call must suffer, if any; counts it against `times`. The transaction's own fault wins. */
  takeFault(endpoint: Endpoint, reference?: string): Fault | undefined {
    const own = reference === undefined ? undefined : this.perReference.get(reference)?.faults[endpoint];
    const fault = own ?? this.global.faults[endpoint];
    if (!fault || (fault.times !== null && fault.hits >= fault.times)) return undefined;
    fault.hits += 1;
    return fault;
  }

  updateGlobal(input: z.output<typeof knobsSchema>): void {
    apply(this.global, input);
  }

  updateFor(reference: string, input: z.output<typeof knobsSchema>): void {
    const own = this.perReference.get(reference) ?? { faults: {} };
    apply(own, input);
    this.perReference.set(reference, own);
  }

  describe(reference?: string): { knobs: Knobs; faults: Partial<Record<Endpoint, Fault>> } {
    const faults = reference === undefined ? this.global.faults : (this.perReference.get(reference)?.faults ?? {});
    return { knobs: this.resolve(reference), faults };
  }

  reset(): void {
    this.global = { ...this.defaults, faults: {} };
    this.perReference.clear();
  }
}

function apply(target: Overrides, input: z.output<typeof knobsSchema>): void {
  const { faults, ...rest } = input;
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined) (target as Record<string, unknown>)[key] = value;
  }
  for (const [endpoint, fault] of Object.entries(faults ?? {}) as [Endpoint, z.output<typeof faultSchema> | null][]) {
    if (fault === null) delete target.faults[endpoint];
    else target.faults[endpoint] = { ...fault, hits: 0 };
  }
}
