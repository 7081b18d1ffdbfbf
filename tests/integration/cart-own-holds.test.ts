// After checkout the cart still lists what the shopper is paying for: their own hold must not count against them,
// while everybody else's does.
import { afterAll, describe, expect, it } from 'vitest';
import { addToCart } from '@/lib/cart/add-to-cart';
import { getCart } from '@/lib/cart/get-cart';
import { newCartSessionId } from '@/lib/server/cart-session';
import { checkout } from '@/lib/checkout/checkout-use-case';
import { createTestVariants, testAddress, variantStock } from '../support/catalog-fixtures';
import { testPaystack } from '../support/checkout-fixtures';
import { cartTestClients } from './cart-fixtures';

const { db, sql, redis } = cartTestClients();
afterAll(() => sql.end());
const deps = { db, redis };

describe('a shopper’s own hold', () => {
  it('keeps the cart whole after checkout and lets the same cart continue the same order', async () => {
    const [variant] = await createTestVariants(db, [{ stock: 2 }]);
    const owner = { kind: 'guest' as const, sessionId: newCartSessionId() };
    const rival = { kind: 'guest' as const, sessionId: newCartSessionId() };
    expect((await addToCart(deps, owner, { variantId: variant!.id, quantity: 2 })).ok).toBe(true);
    expect((await addToCart(deps, rival, { variantId: variant!.id, quantity: 1 })).ok).toBe(true);

    const input = { email: 'own-hold@example.test', shippingAddress: testAddress, deliveryOption: 'pickup' as const };
    const checkoutDeps = { db, redis, paystack: testPaystack(), callbackUrl: 'http://127.0.0.1:3100/checkout/return' };
    const first = await checkout(checkoutDeps, { owner, userId: null, input });
    expect(first.ok).toBe(true);
    expect(await variantStock(db, variant!.id)).toMatchObject({ stockOnHand: 2, reserved: 2 });

    const mine = await getCart(deps, owner);
    expect(mine.ok && mine.value.lines.map((line) => line.quantity)).toEqual([2]);
    expect(mine.ok && mine.value.notices).toEqual([]);

    const theirs = await getCart(deps, rival);
    expect(theirs.ok && theirs.value.lines).toEqual([]);
    expect(theirs.ok && theirs.value.notices.map((notice) => notice.kind)).toEqual(['removed_unavailable']);

    const again = await checkout(checkoutDeps, { owner, userId: null, input });
    expect(again.ok && again.value.continued).toBe(true);
    expect(again.ok && first.ok && again.value.order.id).toBe(first.ok ? first.value.order.id : undefined);
    expect(await variantStock(db, variant!.id)).toMatchObject({ stockOnHand: 2, reserved: 2 });
  });
});
