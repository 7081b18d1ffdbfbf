// One cart, two copies: Redis is the fast copy every request reads; for a signed-in shopper Postgres is the durable
// one, written on every change and used to rebuild Redis when its key is gone (evicted, expired or flushed).
// Guest carts live in Redis only: losing Redis loses guest carts, never money or stock.
//
// Order of writes for a signed-in cart: Redis first (the atomic step that decides the quantity), then the same
// arithmetic in Postgres. Both apply commutative adds, so they converge under concurrency. The one window left: while
// Redis has no copy, a request that rebuilds it from Postgres can miss a change whose Redis step ran just before the
// key vanished and whose Postgres step has not committed yet; the Redis copy is then one change behind Postgres until
// it is next rebuilt. Checkout prices and reserves from Postgres, so this can cost a shopper one change, never money
// or stock — and it needs Redis to lose the key in the middle of two racing writes to the same cart.
import type { Redis } from '@upstash/redis';
import type { DbOrTx } from '@/db/client';
import type { CheckoutAttempt } from '../checkout/checkout-attempt';
import { cartKey } from './cart-keys';
import { addUserCartLine, clampUserCartLines, clearUserCart, loadUserCartQuantities, removeUserCartLine, setUserCartLine } from './cart-postgres';
import { ADD_TO_LINE, CLAMP_LINES, pairsToQuantities, READ_CART, REMOVE_LINE, runScript, SET_LINE } from './cart-scripts';
import type { CartOwner, CartQuantities } from './types';
import { isVariantId } from './variant-limits';

export interface CartDeps {
  db: DbOrTx;
  redis: Redis;
  /**
   * The owner's remembered checkout, when the caller read it already under the owner's checkout lock (checkout does):
   * the cart's own-holds step uses it instead of reading the same key again (own-holds.ts).
   */
  knownCheckoutAttempt?: Promise<CheckoutAttempt | null>;
}

/** Redis did not answer (or refused): the cart cannot be read or changed right now. Mapped to `cart_unavailable`. */
export class CartStoreUnavailableError extends Error {
  override name = 'CartStoreUnavailableError';
}

export async function inRedis<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new CartStoreUnavailableError('Redis did not complete a cart command', { cause: error });
  }
}

/**
 * Writes the durable copy after Redis took the change. If that write fails, Redis now holds something Postgres does
 * not: drop the user's Redis copy (best effort) so the next request rebuilds it from Postgres, then report the failure.
 */
async function mirror(deps: CartDeps, owner: CartOwner, write: (userId: string) => Promise<unknown>): Promise<void> {
  if (owner.kind !== 'user') return;
  try {
    await write(owner.userId);
  } catch (error) {
    await deps.redis.del(cartKey(owner).key).catch(() => undefined);
    throw error;
  }
}

const MISSING = -1;

/**
 * Runs a cart script with the right mode. For a user cart whose key is missing the script answers -1 without doing
 * anything; we then load the Postgres copy and run it again in 'hydrate' mode, which writes that copy first (only if
 * the key is still missing) and applies the change in the same atomic step.
 */
async function runOnCart<T>(deps: CartDeps, owner: CartOwner, source: string, extra: (string | number)[]): Promise<T> {
  const { key, ttlSeconds } = cartKey(owner);
  const run = (mode: string, copy: CartQuantities) =>
    inRedis(() => runScript<T | typeof MISSING>(deps.redis, source, [key], [ttlSeconds, mode, JSON.stringify(copy), ...extra]));
  if (owner.kind === 'guest') return (await run('guest', {})) as T;
  const first = await run('user', {});
  if (first !== MISSING) return first;
  const copy = await loadUserCartQuantities(deps.db, owner.userId);
  return (await run('hydrate', copy)) as T;
}

export async function readCartQuantities(deps: CartDeps, owner: CartOwner): Promise<CartQuantities> {
  return pairsToQuantities(await runOnCart<unknown[]>(deps, owner, READ_CART, []));
}

/** Adds units to a line, clamped to `cap`; answers the new quantity and what it would have been without the clamp. */
export async function addToLine(deps: CartDeps, owner: CartOwner, variantId: string, delta: number, cap: number) {
  const [quantity, requested] = await runOnCart<[number, number]>(deps, owner, ADD_TO_LINE, [variantId, delta, cap]);
  await mirror(deps, owner, (userId) => addUserCartLine(deps.db, userId, variantId, delta, cap));
  return { quantity: Number(quantity), requested: Number(requested) };
}

/** Sets a line's quantity (already clamped by the caller). False when the cart has no such line. */
export async function setLine(deps: CartDeps, owner: CartOwner, variantId: string, quantity: number): Promise<boolean> {
  const found = Number(await runOnCart<number>(deps, owner, SET_LINE, [variantId, quantity])) === 1;
  if (found) await mirror(deps, owner, (userId) => setUserCartLine(deps.db, userId, variantId, quantity));
  return found;
}

export async function removeLine(deps: CartDeps, owner: CartOwner, variantId: string): Promise<void> {
  await runOnCart<number>(deps, owner, REMOVE_LINE, [variantId]);
  await mirror(deps, owner, (userId) => removeUserCartLine(deps.db, userId, variantId));
}

export async function clearLines(deps: CartDeps, owner: CartOwner): Promise<void> {
  await inRedis(() => deps.redis.del(cartKey(owner).key));
  await mirror(deps, owner, (userId) => clearUserCart(deps.db, userId));
}

/** Brings stored quantities down to what can be bought now (cap 0 removes the line) in both copies. */
export async function clampLines(deps: CartDeps, owner: CartOwner, caps: ReadonlyMap<string, number>): Promise<void> {
  if (caps.size === 0) return;
  const args = [...caps].flat();
  await inRedis(() => runScript(deps.redis, CLAMP_LINES, [cartKey(owner).key], args));
  // Postgres only ever holds real variant ids; a malformed Redis field has nothing to clean up there.
  const durable = new Map([...caps].filter(([variantId]) => isVariantId(variantId)));
  if (durable.size > 0) await mirror(deps, owner, (userId) => clampUserCartLines(deps.db, userId, durable));
}
