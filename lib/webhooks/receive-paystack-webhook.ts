// Applies one verified Paystack webhook exactly once. The route handler has already checked the signature;
// this decides the event key, records the event and runs its effects in one transaction.
import type { Database } from '../../db/client';
import { commitPayment, type CommitContext, type CommitEffects } from '../payments/commit-payment';
import { applyOnce, type ApplyOutcome } from './apply-once';
import { chargeDataSchema, envelopeSchema, eventKey } from './paystack-events';

export type WebhookResult = ApplyOutcome<CommitEffects> | { kind: 'invalid'; error: string };

export async function receivePaystackWebhook(
  deps: { db: Database },
  input: { rawBody: string; headers: Record<string, string> },
  ctx: Omit<CommitContext, 'actor'>,
): Promise<WebhookResult> {
  let json: unknown;
  try {
    json = JSON.parse(input.rawBody);
  } catch {
    return { kind: 'invalid', error: 'body is not JSON' };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { kind: 'invalid', error: 'not a Paystack event envelope' };
  const { event, data } = envelope.data;

  return applyOnce<CommitEffects>(
    deps.db,
    { eventKey: eventKey(envelope.data, input.rawBody), type: event, payload: json, headers: input.headers },
    async (tx) => {
      if (event !== 'charge.success') {
        return { status: 'ignored', outcome: event.startsWith('refund.') ? 'refund events are not applied yet' : `unhandled event type ${event}` };
      }
      const charge = chargeDataSchema.safeParse(data);
      if (!charge.success)
        return { status: 'ignored', outcome: `charge.success without the fields a payment needs: ${charge.error.issues[0]?.path.join('.')}` };
      if (charge.data.status !== 'success') return { status: 'ignored', outcome: `charge status ${charge.data.status}` };
      return commitPayment(
        tx,
        {
          gatewayTransactionId: charge.data.id,
          reference: charge.data.reference,
          amount: charge.data.amount,
          currency: charge.data.currency,
          domain: charge.data.domain,
          channel: charge.data.channel ?? null,
          feesAmount: charge.data.fees ?? null,
          paidAt: charge.data.paid_at ? new Date(charge.data.paid_at) : null,
        },
        { ...ctx, actor: { type: 'webhook', id: 'paystack' } },
      );
    },
  );
}
