// CONFIRM: ask Paystack about one reference and, when it was paid, apply the same exactly-once commit as the webhook
// (same event key), so whichever of webhook, return page or reconciliation comes first wins and the rest are duplicates.
import type { Database } from '../../../db/client';
import type { AuditActor } from '../../audit/record-audit';
import { err, ok, type Result } from '../../core/result';
import { applyOnce, type ApplyOutcome } from '../../webhooks/apply-once';
import { commitPayment, type CommitEffects } from '../commit-payment';
import type { PaystackClient } from '../paystack/client';
import type { PaystackError } from '../paystack/errors';
import type { VerifiedTransaction } from '../paystack/types';
import { CHARGE_SUCCESS_EVENT, chargeEventKey } from '../paystack/webhook-events';

export interface ConfirmDeps {
  db: Database;
  paystack: PaystackClient;
  expectedDomain: 'test' | 'live';
}

export async function confirmPayment(
  deps: ConfirmDeps,
  reference: string,
  actor: AuditActor,
): Promise<Result<{ transaction: VerifiedTransaction; applied: ApplyOutcome<CommitEffects> | null }, PaystackError>> {
  const reply = await deps.paystack.verifyTransaction(reference);
  if (!reply.ok) return err(reply.error);
  const transaction = reply.value;
  const { charge } = transaction;
  if (!charge) return ok({ transaction, applied: null });

  const applied = await applyOnce<CommitEffects>(
    deps.db,
    {
      eventKey: chargeEventKey(charge.gatewayTransactionId),
      type: CHARGE_SUCCESS_EVENT,
      // Not a delivery: the inbox shows who asked Paystack (a person's id stays in the audit log, not here).
      payload: { source: actor.type === 'admin' ? 'admin-verify' : (actor.id ?? actor.type), reference, id: charge.gatewayTransactionId },
    },
    (tx) => commitPayment(tx, charge, { expectedDomain: deps.expectedDomain, actor }),
  );
  return ok({ transaction, applied });
}
