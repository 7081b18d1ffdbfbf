// A discount code at checkout, against the database. `claimDiscount` runs inside the order-placement transaction: it
// locks the code's row (FOR UPDATE) and counts the uses that still count under that lock, so concurrent checkouts
// take the last use one at a time — of 50 simultaneous checkouts for a code with 1 use left, exactly one gets it.
// Lock order: the open-order advisory locks, then the code row, then the variant rows (ascending): nothing else locks
// a code row while holding a variant or order row, so checkouts never deadlock. `recordRedemption` writes the use
// once the order exists, in the same transaction. `previewDiscount` answers the checkout form's Apply button
// with the same rules and no lock; the placement decides.
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/client';
import { discountCodes, discountRedemptions } from '../../db/schema';
import type { CurrencyCode } from '../core/money';
import { err, ok, type Result } from '../core/result';
import { customerKeyOf, type DiscountCodeRule, type DiscountRefusal, evaluateDiscount } from './discount-rules';

export interface DiscountClaim {
  discountCodeId: string;
  /** As stored (the admin's spelling), kept on the order. */
  code: string;
  amount: number;
  currency: CurrencyCode;
  userId: string | null;
  email: string;
}

export interface DiscountRequest {
  code: string;
  subtotal: number;
  shipping: number;
  currency: CurrencyCode;
  userId: string | null;
  email: string;
}

const ruleColumns = {
  id: discountCodes.id,
  code: discountCodes.code,
  kind: discountCodes.kind,
  value: discountCodes.value,
  currency: discountCodes.currency,
  minSubtotalAmount: discountCodes.minSubtotalAmount,
  startsAt: discountCodes.startsAt,
  endsAt: discountCodes.endsAt,
  usageLimit: discountCodes.usageLimit,
  perCustomerLimit: discountCodes.perCustomerLimit,
  paused: discountCodes.paused,
  // The database's clock decides the validity window, never an app server's.
  nowMs: sql<number>`(extract(epoch from now()) * 1000)::float8`.mapWith(Number),
};

const byCode = (code: string) => sql`lower(${discountCodes.code}) = lower(${code})`;

async function countUses(db: DbOrTx, discountCodeId: string, customerKey: string, email: string) {
  const [row] = await db
    .select({
      total: sql<number>`count(*)::int`.mapWith(Number),
      // The same customer whether they come back signed in or as a guest with the same email.
      byCustomer:
        sql<number>`count(*) FILTER (WHERE ${or(eq(discountRedemptions.customerKey, customerKey), eq(discountRedemptions.email, email))})::int`.mapWith(Number),
    })
    .from(discountRedemptions)
    .where(and(eq(discountRedemptions.discountCodeId, discountCodeId), isNull(discountRedemptions.releasedAt)));
  return { total: row?.total ?? 0, byCustomer: row?.byCustomer ?? 0 };
}

async function decide(
  db: DbOrTx,
  found: (DiscountCodeRule & { nowMs: number }) | undefined,
  request: DiscountRequest,
): Promise<Result<DiscountClaim, DiscountRefusal>> {
  const email = request.email.toLowerCase();
  const order = { subtotal: request.subtotal, shipping: request.shipping, currency: request.currency };
  if (!found) return err({ reason: 'unknown', code: request.code });
  const uses = await countUses(db, found.id, customerKeyOf(request.userId, email), email);
  const decided = evaluateDiscount(found, request.code, order, uses, new Date(found.nowMs));
  if (!decided.ok) return decided;
  return ok({ discountCodeId: found.id, code: found.code, amount: decided.value.amount, currency: found.currency, userId: request.userId, email });
}

/** Inside the placement transaction: locks the code's row and decides under that lock. */
export async function claimDiscount(tx: Tx, request: DiscountRequest): Promise<Result<DiscountClaim, DiscountRefusal>> {
  const [found] = await tx.select(ruleColumns).from(discountCodes).where(byCode(request.code)).for('update');
  return decide(tx, found, request);
}

/** The checkout form's Apply button: the same answer the placement would give now, without taking anything. */
export async function previewDiscount(db: DbOrTx, request: DiscountRequest): Promise<Result<DiscountClaim, DiscountRefusal>> {
  const [found] = await db.select(ruleColumns).from(discountCodes).where(byCode(request.code));
  return decide(db, found, request);
}

/** The use, written once the order exists, in the transaction that holds the code's lock. */
export async function recordRedemption(tx: Tx, claim: DiscountClaim, orderId: string): Promise<void> {
  await tx.insert(discountRedemptions).values({
    discountCodeId: claim.discountCodeId,
    orderId,
    userId: claim.userId,
    email: claim.email,
    customerKey: customerKeyOf(claim.userId, claim.email),
    amount: claim.amount,
    currency: claim.currency,
  });
}
