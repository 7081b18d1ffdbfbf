// Server actions declare their rate limit as metadata (`.metadata({ rateLimit })`), as route() specs do; the action
// client asks it after the audience and before the input, and refuses in the error catalogue's words. Here with the
// real limiter over the test Redis: a signed-in shopper's cart writes, 60 a minute per cart.
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { addToCartAction, clearCartAction } from '@/components/cart/actions';
import { getCart } from '@/lib/cart/get-cart';
import { errorMessage } from '@/lib/errors';
import { withDoorDeps } from '@/lib/server/deps/door-deps';
import { cartDeps } from '@/lib/server/doors/cart-session';
import { createRateLimiter } from '@/lib/server/doors/rate-limit';
import { cartTestClients, createFixtureUser, deleteFixtureUsers } from '../support/cart-fixtures';
import { createTestVariants } from '../support/catalog-fixtures';

const { db, redis } = cartTestClients();
const userIds: string[] = [];
let shopper: { id: string; email: string; name: string; role: 'customer' };

beforeAll(async () => {
  const row = await createFixtureUser(db, 'customer');
  userIds.push(row.id);
  shopper = { id: row.id, email: row.email, name: row.name, role: 'customer' };
});

afterAll(async () => {
  await deleteFixtureUsers(db, redis, userIds);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('a server action rate limit declared as metadata', () => {
  it('lets a shopper make 60 cart writes a minute, then refuses with the catalogue’s words and writes nothing', async () => {
    const limiter = createRateLimiter({ redis, prefix: `test-ratelimit:${randomBytes(6).toString('hex')}` });
    const asShopper = <T>(fn: () => Promise<T>) =>
      withDoorDeps({ currentUser: async () => shopper, requestHeaders: async () => new Headers(), limiter: () => limiter }, fn);
    const [variant] = await createTestVariants(db, [{ stock: 5 }]);
    // The sliding window weighs the previous minute's writes by how much of it is left: 61 writes straddling a minute
    // boundary (30 before, 31 after) count as fewer than 60. The limiter reads the clock on this side, so the clock
    // stands still for the test and all 61 fall in one minute, as they do for a shopper clicking quickly.
    vi.useFakeTimers({ toFake: ['Date'] });

    for (let write = 1; write <= 60; write += 1) {
      const answer = await asShopper(() => clearCartAction());
      expect(answer.serverError, `write ${write} is allowed`).toBeUndefined();
    }

    const refused = await asShopper(() => addToCartAction({ variantId: variant!.id, quantity: 1 }));
    expect(refused.serverError).toEqual({ code: 'rate_limited', message: errorMessage('rate_limited') });
    expect(refused.data).toBeUndefined();
    const cart = await getCart(cartDeps(), { kind: 'user', userId: shopper.id });
    expect(cart.ok && cart.value.lines).toEqual([]);
  });
});
