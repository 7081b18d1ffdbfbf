// The durable copy of a signed-in shopper's cart (`carts` + `cart_items`). Every statement that changes it first
// upserts the user's `carts` row, which row-locks it until the statement (or the merge's transaction) ends, so
// writes to one user's cart serialise behind a merge instead of interleaving with it.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import type { CartQuantities } from './types';

const lockedCart = (userId: string) => sql`
  INSERT INTO carts (user_id) VALUES (${userId})
  ON CONFLICT (user_id) DO UPDATE SET updated_at = now()
  RETURNING id`;

export async function loadUserCartQuantities(db: DbOrTx, userId: string): Promise<CartQuantities> {
  const rows = await db.execute<{ variant_id: string; quantity: number }>(sql`
    SELECT ci.variant_id, ci.quantity FROM cart_items ci JOIN carts c ON c.id = ci.cart_id WHERE c.user_id = ${userId}`);
  return Object.fromEntries(rows.map((row) => [row.variant_id, Number(row.quantity)]));
}

/** The user's cart id, row-locked until the surrounding transaction ends (the merge's serialisation point). */
export async function lockUserCart(db: DbOrTx, userId: string): Promise<string> {
  const [row] = await db.execute<{ id: string }>(lockedCart(userId));
  if (!row) throw new Error('carts upsert returned no row');
  return row.id;
}

/** Adds `delta` units, never above `cap`: the same arithmetic as the Redis script, so both copies converge. */
export async function addUserCartLine(db: DbOrTx, userId: string, variantId: string, delta: number, cap: number) {
  await db.execute(sql`
    WITH cart AS (${lockedCart(userId)})
    INSERT INTO cart_items (cart_id, variant_id, quantity) SELECT id, ${variantId}, LEAST(${delta}::int, ${cap}::int) FROM cart
    ON CONFLICT (cart_id, variant_id) DO UPDATE SET quantity = LEAST(cart_items.quantity + ${delta}::int, ${cap}::int)`);
}

export async function setUserCartLine(db: DbOrTx, userId: string, variantId: string, quantity: number) {
  await db.execute(sql`
    WITH cart AS (${lockedCart(userId)})
    INSERT INTO cart_items (cart_id, variant_id, quantity) SELECT id, ${variantId}, ${quantity}::int FROM cart
    ON CONFLICT (cart_id, variant_id) DO UPDATE SET quantity = EXCLUDED.quantity`);
}

export async function removeUserCartLine(db: DbOrTx, userId: string, variantId: string) {
  await db.execute(sql`
    WITH cart AS (${lockedCart(userId)})
    DELETE FROM cart_items WHERE cart_id = (SELECT id FROM cart) AND variant_id = ${variantId}`);
}

export async function clearUserCart(db: DbOrTx, userId: string) {
  await db.execute(sql`
    WITH cart AS (${lockedCart(userId)})
    DELETE FROM cart_items WHERE cart_id = (SELECT id FROM cart)`);
}

/** Lowers lines above their cap and removes lines whose cap is 0 (unavailable); never raises a quantity. */
export async function clampUserCartLines(db: DbOrTx, userId: string, caps: ReadonlyMap<string, number>) {
  for (const [variantId, cap] of caps) {
    await (cap <= 0
      ? db.execute(sql`
          DELETE FROM cart_items USING carts
          WHERE carts.id = cart_items.cart_id AND carts.user_id = ${userId} AND cart_items.variant_id = ${variantId}`)
      : db.execute(sql`
          UPDATE cart_items SET quantity = ${cap}::int FROM carts
          WHERE carts.id = cart_items.cart_id AND carts.user_id = ${userId}
            AND cart_items.variant_id = ${variantId} AND cart_items.quantity > ${cap}::int`));
  }
}

/**
 * Makes the cart hold exactly `quantities` (inside the merge's transaction, with the row lock held). Lines are updated
 * in place rather than deleted and re-inserted, so a concurrent single-line write waiting on a row still finds it.
 */
export async function replaceUserCartLines(tx: DbOrTx, cartId: string, quantities: CartQuantities) {
  const variantIds = Object.keys(quantities);
  await tx.execute(
    variantIds.length === 0
      ? sql`DELETE FROM cart_items WHERE cart_id = ${cartId}`
      : sql`DELETE FROM cart_items WHERE cart_id = ${cartId} AND variant_id NOT IN ${variantIds}`,
  );
  for (const [variantId, quantity] of Object.entries(quantities)) {
    await tx.execute(sql`
      INSERT INTO cart_items (cart_id, variant_id, quantity) VALUES (${cartId}, ${variantId}, ${quantity}::int)
      ON CONFLICT (cart_id, variant_id) DO UPDATE SET quantity = EXCLUDED.quantity`);
  }
}

/**
 * Takes bought units out of a signed-in shopper's cart, inside the payment commit's transaction: the cart is right the
 * moment the order is paid. The caller then drops the Redis copy, which the next read rebuilds from here.
 */
export async function subtractUserCartLines(db: DbOrTx, userId: string, lines: ReadonlyArray<{ variantId: string; quantity: number }>) {
  for (const line of lines) {
    await db.execute(sql`
      WITH cart AS (${lockedCart(userId)})
      DELETE FROM cart_items WHERE cart_id = (SELECT id FROM cart) AND variant_id = ${line.variantId} AND quantity <= ${line.quantity}::int`);
    await db.execute(sql`
      UPDATE cart_items SET quantity = quantity - ${line.quantity}::int
      WHERE cart_id = (SELECT id FROM carts WHERE user_id = ${userId}) AND variant_id = ${line.variantId}`);
  }
}
