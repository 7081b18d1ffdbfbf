'use server';
// Settle a payment flagged for review (accept or refund in full), from the admin payments list and the admin order page
// (both use it, so it sits beside its form rather than under one route). Through the admin door: the role is re-read
// from the database before the input is parsed; the use case re-checks it, the payment's state and Paystack's record.
import { z } from 'zod';
import { paystackMode } from '@/lib/core/env';
import { paystackClient } from '@/lib/payments/paystack';
import { resolveActions, resolveFlaggedPayment } from '@/lib/payments/resolve-flagged-payment';
import { adminAction } from '@/lib/server/doors/actions';
import { resolveFailure, afterPaymentResolved } from '@/lib/server/deps/resolve-payment';

const resolvePaymentSchema = z.object({
  paymentId: z.uuid(),
  action: z.enum(resolveActions),
  reason: z.string().trim().min(1, 'Give a reason').max(500),
});

export type ResolvePaymentActionData = { action: 'accept' | 'refund'; message: string };

export const resolvePaymentAction = adminAction.inputSchema(resolvePaymentSchema).action(async ({ parsedInput, ctx }): Promise<ResolvePaymentActionData> => {
  const result = await resolveFlaggedPayment(
    { db: ctx.deps.db, paystack: paystackClient(), expectedDomain: paystackMode() },
    { ...parsedInput, adminId: ctx.admin.id },
  );
  if (!result.ok) throw resolveFailure(result.error);
  await afterPaymentResolved(result.value);
  const outcome = result.value;
  if (outcome.action === 'refund') {
    return {
      action: 'refund',
      message: outcome.confirmedByPaystack
        ? 'Refund accepted by Paystack; the held stock is back on sale.'
        : 'Refund recorded; Paystack has not confirmed it yet (it is retried automatically).',
    };
  }
  const words = {
    committed: 'Accepted: the order is paid and its held stock is sold.',
    resold: 'Accepted: the hold had run out, and the stock was sold again from what is available; the order is paid.',
    gone: 'Accepted, but the stock was sold meanwhile: the order stays flagged and a full refund is queued.',
  } as const;
  return { action: 'accept', message: words[outcome.stock] };
});
