// Step 3 of a refund: Paystack's answer, applied in ONE transaction. Accepted (pending, processing, processed, or
// needs-attention): the gateway id is recorded and the refund's effects follow (moveRefund). Refused: the refund fails
// with Paystack's words. Only a refund still `requested` takes an answer, so a second answer for it changes nothing.
import type { Database } from '../../db/client';
import type { AuditActor } from '../audit/record-audit';
import type { Refund as GatewayRefund } from '../payments/paystack/types';
import { lockRefund } from './lock-refund';
import { moveRefund } from './move-refund';
import { fromGatewayStatus } from './refund-status';

export async function recordGatewayRefund(db: Database, refundId: string, gateway: GatewayRefund, actor: AuditActor): Promise<void> {
  await db.transaction(async (tx) => {
    const refund = await lockRefund(tx, refundId);
    if (refund?.status !== 'requested') return;
    const to = fromGatewayStatus(gateway.status);
    await moveRefund(tx, refund, to, {
      actor,
      onlyFrom: ['requested'],
      extra: { gatewayRefundId: String(gateway.id), submitLeaseUntil: null, lastSubmitError: null },
      failureReason: to === 'failed' ? 'Paystack reports the refund as failed' : undefined,
      metadata: { gatewayRefundId: gateway.id, gatewayStatus: gateway.status, gatewayAmount: gateway.amount },
    });
  });
}

export async function recordRefundRejected(db: Database, refundId: string, message: string, actor: AuditActor): Promise<void> {
  await db.transaction(async (tx) => {
    const refund = await lockRefund(tx, refundId);
    if (refund?.status !== 'requested') return;
    await moveRefund(tx, refund, 'failed', { actor, onlyFrom: ['requested'], extra: { submitLeaseUntil: null }, failureReason: message });
  });
}
