// POST /api/checkout – place an order from the shopper's cart and start its Paystack payment (Store API)
import { checkoutInputSchema } from '@/lib/checkout/checkout-input';
import { checkout } from '@/lib/checkout/checkout-use-case';
import { checkoutDeps, limitCheckout } from '@/lib/server/deps/checkout';
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
    rateLimit: ({ owner, ip, deps }) => limitCheckout(deps.limiter(), owner, ip),
  },
  async ({ owner, body, ip }) => {
    const userId = owner?.kind === 'user' ? owner.userId : null;
    return checkoutReply(await checkout(checkoutDeps(), { owner, userId, input: body, clientAddress: ip }));
  },
);
