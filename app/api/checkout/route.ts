// POST /api/checkout – place an order from the shopper's cart and start its Paystack payment (Store API)
import { checkoutInputSchema } from '@/lib/checkout/checkout-input';
import { checkout } from '@/lib/checkout/checkout-use-case';
import { checkoutDeps, limitCheckoutWithCard } from '@/lib/server/deps/checkout';
import { checkoutReply } from '@/lib/server/doors/replies';
import { route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

export const POST = route(
  {
    name: 'api/checkout',
    audience: 'shopper',
    sameOrigin: true,
    body: checkoutInputSchema,
    // Limited before any database or cart work: every allowed call may hold stock for up to 15 minutes.
    // Paying with a saved card also spends one of the account's card uses.
    rateLimit: ({ owner, ip, deps, body }) => limitCheckoutWithCard(deps.limiter(), owner, ip, Boolean(body?.savedCardId)),
  },
  async ({ owner, body, ip }) => {
    const userId = owner?.kind === 'user' ? owner.userId : null;
    return checkoutReply(await checkout(checkoutDeps(), { owner, userId, input: body, clientAddress: ip }));
  },
);
