// POST /api/checkout – place an order from the shopper's cart and start its Paystack payment (Store API)
import { checkoutInputSchema } from '@/lib/checkout/checkout-input';
import { checkout } from '@/lib/checkout/checkout-use-case';
import { getCartOwner } from '@/lib/server/cart-session';
import { checkoutDeps, limitCheckout } from '@/lib/server/checkout';
import { apiError, checkoutReply, guardedApi, invalidInputReply, rateLimitedReply } from '@/lib/server/checkout-api';
import { checkSameOrigin } from '@/lib/server/origin-check';
import { clientIp } from '@/lib/server/request-meta';

export const dynamic = 'force-dynamic';

export function POST(request: Request) {
  return guardedApi('api/checkout', async () => {
    if (!checkSameOrigin(request).ok) return apiError(403, 'cross_site_request', 'Cross-site requests cannot check out.');
    const body: unknown = await request.json().catch(() => undefined);
    if (body === undefined) return apiError(400, 'invalid_input', 'The request body must be JSON.');
    const parsed = checkoutInputSchema.safeParse(body);
    if (!parsed.success) return invalidInputReply(parsed.error);

    // Limited before any database or cart work: every allowed call may hold stock for 15 minutes.
    const owner = await getCartOwner(request);
    const decision = await limitCheckout(owner, clientIp(Object.fromEntries(request.headers)));
    if (!decision.allowed) return rateLimitedReply(decision);

    const userId = owner?.kind === 'user' ? owner.userId : null;
    return checkoutReply(await checkout(checkoutDeps(), { owner, userId, input: parsed.data }));
  });
}
