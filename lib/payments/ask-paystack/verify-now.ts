// An admin's "Verify with Paystack" on one payment: the same check reconciliation makes (confirmOrClose — a paid
// transaction is committed exactly once under the webhook's event key, a failed one is closed), for a payment an
// admin is looking at now rather than in the next sweep. Only open payments are asked about. Each verification is
// audited with the admin as actor, whatever Paystack answered, and comes back with its outcome in words.
import { eq, sql } from 'drizzle-orm';
import { orders, payments } from '../../../db/schema';
import { type AuditActor, recordAudit } from '../../audit/record-audit';
import type { CommitEffects } from '../commit-payment';
import type { ConfirmDeps } from './confirm';
import { isOpenPayment, type PaymentStatus } from '../payment-status';
import { describePaystackError } from '../paystack/errors';
import { confirmOrClose, type PaymentVerdict } from './close';

export type VerifyResult =
  | 'paid_now'
  | 'paid_flagged'
  | 'already_recorded'
  | 'paid_not_applied'
  | 'commit_failed'
  | 'still_pending'
  | 'closed'
  | 'unknown_at_paystack'
  | 'unreachable';

export interface VerifyReport {
  result: VerifyResult;
  /** One or two sentences for the admin: what Paystack said and what the shop did. */
  message: string;
  paymentStatus: PaymentStatus;
  orderId: string;
  orderNumber: string;
  /** For the caller to run after-commit effects (mirrors, relay) when a charge was committed now. */
  effects?: CommitEffects;
}

export type VerifyPaymentOutcome =
  | { ok: true; report: VerifyReport }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'not_open'; status: PaymentStatus };

const words = (status: string) => status.replaceAll('_', ' ');

export function describeVerdict(verdict: PaymentVerdict, statusAfter: PaymentStatus): { result: VerifyResult; message: string } {
  switch (verdict.kind) {
    case 'paid': {
      const applied = verdict.applied;
      if (applied?.kind === 'processed') {
        return statusAfter === 'needs_review'
          ? {
              result: 'paid_flagged',
              message: 'Paid at Paystack, but the charge does not match this payment (amount, currency or mode): it is flagged for review.',
            }
          : { result: 'paid_now', message: 'Paid at Paystack and committed now: the order is paid and its stock committed.' };
      }
      if (applied?.kind === 'ignored') return { result: 'paid_not_applied', message: `Paid at Paystack, but nothing was applied: ${applied.outcome}.` };
      if (applied?.kind === 'failed') {
        return { result: 'commit_failed', message: `Paid at Paystack, but recording it failed (${applied.error}). Nothing changed; try again.` };
      }
      return { result: 'already_recorded', message: 'Paid at Paystack and already recorded — nothing changed.' };
    }
    case 'closed':
      return {
        result: 'closed',
        message: `Paystack reports it ${verdict.status}${verdict.gatewayResponse ? ` (“${verdict.gatewayResponse}”)` : ''}. ${
          verdict.moved ? `The payment is now marked ${verdict.status}.` : `It was already settled as ${words(statusAfter)}.`
        }`,
      };
    case 'open':
      return {
        result: 'still_pending',
        message:
          verdict.status === 'abandoned'
            ? 'Not paid yet: the shopper has not completed payment and the payment link is still live. Nothing changed.'
            : `Still pending at Paystack (${verdict.status}). Nothing changed; verify again later.`,
      };
    case 'unverified':
      if (verdict.error.kind === 'rejected' && (verdict.error.status === 400 || verdict.error.status === 404)) {
        return {
          result: 'unknown_at_paystack',
          message: 'Paystack has no transaction with this reference: the shopper never reached the payment page. Nothing changed.',
        };
      }
      return { result: 'unreachable', message: `Paystack could not be asked: ${describePaystackError(verdict.error)}. Nothing changed; try again.` };
  }
}

export async function verifyPaymentNow(deps: ConfirmDeps, input: { paymentId: string; actor: AuditActor }): Promise<VerifyPaymentOutcome> {
  const read = () =>
    deps.db
      .select({
        id: payments.id,
        reference: payments.reference,
        status: payments.status,
        orderId: payments.orderId,
        orderNumber: orders.number,
        expired: sql<boolean>`${payments.expiresAt} < now()`,
      })
      .from(payments)
      .innerJoin(orders, eq(orders.id, payments.orderId))
      .where(eq(payments.id, input.paymentId));
  const [payment] = await read();
  if (!payment) return { ok: false, reason: 'not_found' };
  if (!isOpenPayment(payment.status)) return { ok: false, reason: 'not_open', status: payment.status };

  const verdict = await confirmOrClose(deps, payment, input.actor);
  const statusAfter = (await read())[0]?.status ?? payment.status;
  const { result, message } = describeVerdict(verdict, statusAfter);
  await recordAudit(deps.db, {
    actor: input.actor,
    action: 'payment.verified_with_paystack',
    entityType: 'payment',
    entityId: payment.id,
    before: { status: payment.status },
    after: { status: statusAfter },
    // `reason` is what the order timeline shows under the entry.
    metadata: { result, reason: message, reference: payment.reference },
  });
  const effects = verdict.kind === 'paid' && verdict.applied?.kind === 'processed' ? verdict.applied.effects : undefined;
  return { ok: true, report: { result, message, paymentStatus: statusAfter, orderId: payment.orderId, orderNumber: payment.orderNumber, effects } };
}
