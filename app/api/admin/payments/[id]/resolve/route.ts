// POST /api/admin/payments/:id/resolve – settle a payment flagged for review: `accept` (the money stands; the order
// follows the late-payment rules for its stock) or `refund` (all of it goes back). Admin only; a reason is required and
// audited. 200 with the outcome (202 when Paystack has not confirmed the refund yet); 404 no such payment; 409 not
// flagged (any more: settled meanwhile, e.g. by a racing accept or refund); 422 cannot be settled that way (another
// currency or mode, an order that no longer needs the money); 502 Paystack unreachable or refused the refund.
import { z } from 'zod';
import { paystackMode } from '@/lib/core/env';
import type { AppError } from '@/lib/errors';
import { isUuid } from '@/lib/is-uuid';
import { paystackClient } from '@/lib/payments/paystack';
import { resolveActions, resolveFlaggedPayment } from '@/lib/payments/resolve-flagged-payment';
import { resolveFailure, afterPaymentResolved } from '@/lib/server/deps/resolve-payment';
import { apiError, apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

const params = z.object({ id: z.string() });
const body = z.object({ action: z.enum(resolveActions), reason: z.string().trim().min(1, 'Give a reason').max(500) });

export const POST = route(
  { name: 'api/admin/payments/:id/resolve', audience: 'admin', sameOrigin: true, params, body },
  async ({ params, body, user, deps }) => {
    if (!isUuid(params.id)) return apiError('payment_not_found');
    const result = await resolveFlaggedPayment(
      { db: deps.db, paystack: paystackClient(), expectedDomain: paystackMode() },
      { paymentId: params.id, action: body.action, reason: body.reason, adminId: user.id },
    );
    if (!result.ok) {
      const failure: AppError = resolveFailure(result.error);
      return apiError(failure.code, { message: failure.message, details: failure.details });
    }
    await afterPaymentResolved(result.value);
    if (result.value.action === 'accept') {
      const { effects: _effects, ...outcome } = result.value;
      return apiJson({ resolution: outcome });
    }
    return apiJson({ resolution: result.value }, { status: result.value.confirmedByPaystack ? 200 : 202 });
  },
);
