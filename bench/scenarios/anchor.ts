// The database-only anchor: 3,000 single-statement conditional reservations (`UPDATE … SET reserved = reserved + 1
// WHERE id = ? AND stock_on_hand - reserved >= 1`) on one hot row from 20 connections — the app's own reserveStock,
// with no HTTP, Next, Redis or Paystack in the way. What the hot row allows on this machine in this minute.
import { eq } from 'drizzle-orm';
import { productVariants } from '../../db/schema';
import { reserveStock } from '../../lib/inventory/stock';
import { benchProduct, fmt, type Scenario } from '../support/context';
import { pool } from '../support/load';

const ATTEMPTS = 3_000;

export const anchor: Scenario = {
  name: 'anchor',
  title: 'Database anchor: conditional reservations on one row, 20 connections, no HTTP',
  async run({ db }) {
    const { variants, archive } = await benchProduct(db, 'anchor', [{ title: 'Anchor', stock: ATTEMPTS }]);
    const variantId = variants[0]!.id;
    const started = performance.now();
    const outcomes = await pool(
      Array.from({ length: ATTEMPTS }, () => () => reserveStock(db, variantId, 1)),
      20,
    );
    const seconds = (performance.now() - started) / 1000;
    const reserved = outcomes.filter(Boolean).length;
    const [row] = await db.select({ reserved: productVariants.reserved }).from(productVariants).where(eq(productVariants.id, variantId));
    await archive();
    return {
      figures: [{ figure: 'reservations/s', value: fmt.n(reserved / seconds) }],
      verdicts: [
        {
          name: 'every attempt reserved once',
          ok: reserved === ATTEMPTS && row!.reserved === ATTEMPTS,
          detail: `${reserved} answers, row says ${row!.reserved}`,
        },
      ],
      data: { attempts: ATTEMPTS, reserved, perSecond: reserved / seconds },
    };
  },
};
