// The database-only anchor, measured on the same machine: N concurrent single-statement conditional reservations
// (`UPDATE … SET reserved = reserved + 1 WHERE id = ? AND stock_on_hand - reserved >= 1`) on one hot row, with no
// HTTP, Next, Redis or Paystack in the way. It uses the app's own reserveStock, outside a transaction.
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { productVariants } from '../../db/schema';
import { reserveStock } from '../../lib/inventory/stock';
import { pool } from '../support/bench-stack';

export async function measureDbReservations(db: Database, variantId: string, attempts: number, concurrency: number) {
  const started = performance.now();
  const outcomes = await pool(
    Array.from({ length: attempts }, () => () => reserveStock(db, variantId, 1)),
    concurrency,
  );
  const seconds = (performance.now() - started) / 1000;
  const reserved = outcomes.filter(Boolean).length;
  const [row] = await db.select({ reserved: productVariants.reserved }).from(productVariants).where(eq(productVariants.id, variantId));
  return { attempts, reserved, rowReserved: row!.reserved, seconds, perSecond: reserved / seconds };
}
