// The return page's use case (completeReturn) against the real Postgres, Redis (through the bridge) and the Paystack
// simulator: what the page is given to render, who may see the order, and a guest's cart giving up what was bought, once.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { getOrderDetail } from '@/db/queries/orders';
import { addToLine, readCartQuantities } from '@/lib/cart/cart-store';
import type { CartOwner } from '@/lib/cart/types';
import { recordCheckoutAttempt } from '@/lib/checkout/checkout-attempt';
import { type CompleteReturnDeps, completeReturn } from '@/lib/payments/ask-paystack';
import type { CommitEffects } from '@/lib/payments/commit-payment';
import { createTestVariants } from '../support/catalog-fixtures';
import { cartTestClients } from '../support/cart-fixtures';
import { expireHolds, orderAwaitingPayment, testPaystack } from '../support/checkout-fixtures';
import { simulator, uniqueReference } from '../support/paystack-sim';

const { db, sql, redis } = cartTestClients();
afterAll(() => sql.end());
const paystack = testPaystack();

/** Stand-ins for the page's request glue: who is looking, and whether they may see the order. */
function returnDeps(viewer: { mayView: boolean; owner?: CartOwner | null }) {
  const committed: CommitEffects[] = [];
  const viewed: string[] = [];
  const deps: CompleteReturnDeps = {
    db,
    redis,
    paystack,
    expectedDomain: 'test',
    siteUrl: 'https://shop.example.test',
    viewOrder: async (orderId) => {
      viewed.push(orderId);
      const order = viewer.mayView ? await getOrderDetail(db, orderId) : null;
      return order ? { order, accessToken: 'guest-token', viewer: 'guest' } : null;
    },
    cartOwner: async () => viewer.owner ?? null,
    afterPaymentCommitted: async (effects) => {
      committed.push(effects);
    },
  };
  return { deps, committed, viewed };
}

describe('completeReturn', () => {
  it('shows nothing for a missing, malformed or unknown reference, and looks no order up', async () => {
    const { deps, viewed } = returnDeps({ mayView: true });
    for (const reference of [undefined, 'TXN_bad reference!', uniqueReference('never-issued')]) {
      expect(await completeReturn(deps, reference)).toEqual({ kind: 'not_found' });
    }
    expect(viewed).toEqual([]);
  });

  it('commits a paid order once, empties the guest cart of what was bought, and a reload changes nothing', async () => {
    const { order, variant, reference } = await orderAwaitingPayment(db, { stock: 5, quantity: 2 });
    const [other] = await createTestVariants(db, [{ stock: 5 }]);
    const owner: CartOwner = { kind: 'guest', sessionId: randomBytes(24).toString('base64url') };
    const cart = { db, redis };
    await addToLine(cart, owner, variant.id, 3, 10);
    await addToLine(cart, owner, other!.id, 1, 10);
    await recordCheckoutAttempt({ redis }, owner, { orderId: order.id, fingerprint: 'checkout-return-test' });
    expect((await simulator.act(reference, 'pay')).status).toBe(200);

    const { deps, committed } = returnDeps({ mayView: true, owner });
    const view = await completeReturn(deps, reference);
    expect(view).toMatchObject({
      kind: 'order',
      state: 'paid',
      viewer: 'guest',
      accessToken: 'guest-token',
      cartCleared: true,
      refreshCart: true,
      link: `https://shop.example.test/orders/${order.id}?token=guest-token`,
    });
    expect(committed).toEqual([expect.objectContaining({ orderId: order.id, reference, userId: null })]);
    expect(await readCartQuantities(cart, owner)).toEqual({ [variant.id]: 1, [other!.id]: 1 });

    const reload = await completeReturn(deps, reference);
    expect(reload).toMatchObject({ kind: 'order', state: 'paid', cartCleared: false, refreshCart: false });
    expect(committed).toHaveLength(1);
    expect(await readCartQuantities(cart, owner)).toEqual({ [variant.id]: 1, [other!.id]: 1 });
  });

  it('still records a cancelled payment for a visitor who may not see the order, and tells them only thank you', async () => {
    const { order, reference } = await orderAwaitingPayment(db);
    expect((await simulator.act(reference, 'abandon')).status).toBe(200);

    const { deps, committed, viewed } = returnDeps({ mayView: false });
    expect(await completeReturn(deps, reference)).toEqual({ kind: 'thank_you_private' });
    expect(viewed).toEqual([order.id]);
    expect(committed).toEqual([]);
    const detail = await getOrderDetail(db, order.id);
    expect(detail?.payments.map((payment) => payment.status)).toEqual(['abandoned']);
  });

  it('keeps the private link while a failed order can be retried, and drops it once its hold is gone', async () => {
    const { order, reference } = await orderAwaitingPayment(db);
    expect((await simulator.act(reference, 'abandon')).status).toBe(200);
    const { deps } = returnDeps({ mayView: true });
    expect(await completeReturn(deps, reference)).toMatchObject({
      kind: 'order',
      state: 'payment_failed',
      refreshCart: false,
      link: `https://shop.example.test/orders/${order.id}?token=guest-token`,
    });

    await expireHolds(db, order.id);
    expect(await completeReturn(deps, reference)).toMatchObject({ kind: 'order', state: 'expired', link: null });
  });
});
