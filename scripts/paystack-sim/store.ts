// The simulator's in-memory state. Every check-and-write happens synchronously inside one call, so Node's
// single thread makes concurrent requests safe without locks (no await between a check and its write).
import { idSequence, randomCode, type Currency } from './rules';

export type TransactionStatus = 'abandoned' | 'ongoing' | 'failed' | 'success' | 'reversed';
export type RefundStatus = 'pending' | 'processing' | 'processed' | 'failed' | 'needs-attention';

export interface SimCustomer {
  id: number;
  customerCode: string;
  email: string;
}

export interface CardAuthorization {
  authorizationCode: string;
  bin: string;
  last4: string;
  expMonth: string;
  expYear: string;
  signature: string;
  /** Paystack marks a card authorization reusable when it can be charged again without the cardholder. */
  reusable: boolean;
}

export interface SimTransaction {
  id: number;
  reference: string;
  accessCode: string;
  /** What the card is charged: the requested amount, plus the fee when the customer bears it. */
  amount: number;
  /** What the merchant asked for at initialize. */
  requestedAmount: number;
  currency: Currency;
  customer: SimCustomer;
  callbackUrl: string | null;
  metadata: unknown;
  status: TransactionStatus;
  gatewayResponse: string;
  createdAt: Date;
  paidAt: Date | null;
  fees: number | null;
  authorization: CardAuthorization | null;
  /** Checkout attempts, shown in verify's `log` as Paystack does. */
  history: { type: 'action' | 'error' | 'success'; message: string; time: number }[];
}

export interface SimRefund {
  id: number;
  transactionId: number;
  transactionReference: string;
  amount: number;
  currency: Currency;
  status: RefundStatus;
  customerNote: string;
  merchantNote: string;
  createdAt: Date;
  updatedAt: Date;
  refundedAt: Date | null;
  expectedAt: Date;
  /** The bank's reference, known once the refund is processed. */
  bankReference: string | null;
}

export type DisputeStatus = 'awaiting-merchant-feedback' | 'awaiting-bank-feedback' | 'pending' | 'resolved';

export interface SimDisputeEvidence {
  id: number;
  customerEmail: string;
  customerName: string;
  customerPhone: string;
  serviceDetails: string;
  deliveryAddress: string | null;
  deliveryDate: string | null;
  createdAt: Date;
}

export interface SimDispute {
  id: number;
  transactionId: number;
  transactionReference: string;
  /** What the customer claims back; after an acceptance, what the merchant gave back. */
  refundAmount: number;
  currency: Currency;
  category: string;
  status: DisputeStatus;
  resolution: 'merchant-accepted' | 'declined' | null;
  dueAt: Date;
  resolvedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  evidence: SimDisputeEvidence | null;
  /** Files uploaded to this dispute's signed URLs, by the name Paystack gave them. */
  attachments: string[];
  history: { status: string; by: string; createdAt: Date }[];
  messages: { sender: string; body: string; createdAt: Date }[];
}

/** A signed upload URL handed out by `GET /dispute/:id/upload_url`: the file name and what arrived at it. */
export interface SimUpload {
  disputeId: number;
  fileName: string;
  signature: string;
  received: { bytes: number; contentType: string } | null;
}

export class SimStore {
  private transactions = new Map<string, SimTransaction>();
  private referenceByAccessCode = new Map<string, string>();
  private referenceById = new Map<number, string>();
  private refunds = new Map<number, SimRefund>();
  private customers = new Map<string, SimCustomer>();
  private disputes = new Map<number, SimDispute>();
  private uploads = new Map<string, SimUpload>();
  /** Every authorization a payment produced, with the customer it belongs to (charge_authorization checks both). */
  private authorizations = new Map<string, { card: CardAuthorization; customer: SimCustomer }>();
  readonly nextDisputeId = idSequence(1_800_000);
  readonly nextEvidenceId = idSequence(60_000);
  // Real Paystack transaction ids are past 2^31; refund and customer ids are smaller.
  readonly nextTransactionId = idSequence(4_200_000_000);
  readonly nextRefundId = idSequence(15_000_000);
  private readonly nextCustomerId = idSequence(250_000_000);

  hasReference(reference: string): boolean {
    return this.transactions.has(reference);
  }

  rememberAuthorization(card: CardAuthorization, customer: SimCustomer): void {
    this.authorizations.set(card.authorizationCode, { card, customer });
  }

  authorization(code: string): { card: CardAuthorization; customer: SimCustomer } | undefined {
    return this.authorizations.get(code);
  }

  addTransaction(transaction: SimTransaction): void {
    this.transactions.set(transaction.reference, transaction);
    this.referenceByAccessCode.set(transaction.accessCode, transaction.reference);
    this.referenceById.set(transaction.id, transaction.reference);
  }

  transaction(reference: string): SimTransaction | undefined {
    return this.transactions.get(reference);
  }

  /** Newest first, like Paystack's list endpoints (transactions are only ever added, in creation order). */
  allTransactions(): SimTransaction[] {
    return [...this.transactions.values()].reverse();
  }

  transactionByAccessCode(accessCode: string): SimTransaction | undefined {
    const reference = this.referenceByAccessCode.get(accessCode);
    return reference === undefined ? undefined : this.transactions.get(reference);
  }

  /** `POST /refund` takes "transaction id or reference": an all-digit value is tried as an id first. */
  transactionByIdOrReference(value: string): SimTransaction | undefined {
    const byId = /^\d+$/.test(value) ? this.referenceById.get(Number(value)) : undefined;
    return this.transactions.get(byId ?? value);
  }

  customerFor(email: string): SimCustomer {
    const key = email.trim().toLowerCase();
    let customer = this.customers.get(key);
    if (!customer) {
      customer = { id: this.nextCustomerId(), customerCode: `CUS_${randomCode(15)}`, email: email.trim() };
      this.customers.set(key, customer);
    }
    return customer;
  }

  addRefund(refund: SimRefund): void {
    this.refunds.set(refund.id, refund);
  }

  refund(id: number): SimRefund | undefined {
    return this.refunds.get(id);
  }

  /** Newest first, like Paystack's list endpoints. */
  allRefunds(): SimRefund[] {
    return [...this.refunds.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
  }

  refundsOf(transactionId: number): SimRefund[] {
    return this.allRefunds().filter((refund) => refund.transactionId === transactionId);
  }

  /** Money already promised back: every refund that has not failed, and every dispute the merchant accepted. */
  refundedAmount(transactionId: number): number {
    const refunded = this.refundsOf(transactionId)
      .filter((refund) => refund.status !== 'failed')
      .reduce((sum, refund) => sum + refund.amount, 0);
    const disputed = this.disputesOf(transactionId)
      .filter((dispute) => dispute.resolution === 'merchant-accepted')
      .reduce((sum, dispute) => sum + dispute.refundAmount, 0);
    return refunded + disputed;
  }

  addDispute(dispute: SimDispute): void {
    this.disputes.set(dispute.id, dispute);
  }

  dispute(id: number): SimDispute | undefined {
    return this.disputes.get(id);
  }

  /** Newest first, like Paystack's list endpoints. */
  allDisputes(): SimDispute[] {
    return [...this.disputes.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
  }

  disputesOf(transactionId: number): SimDispute[] {
    return this.allDisputes().filter((dispute) => dispute.transactionId === transactionId);
  }

  addUpload(upload: SimUpload): void {
    this.uploads.set(upload.fileName, upload);
  }

  upload(fileName: string): SimUpload | undefined {
    return this.uploads.get(fileName);
  }

  reset(): void {
    this.transactions.clear();
    this.referenceByAccessCode.clear();
    this.referenceById.clear();
    this.refunds.clear();
    this.customers.clear();
    this.disputes.clear();
    this.uploads.clear();
    this.authorizations.clear();
  }
}
