// What disputes take from a payment: the sum of their losses (an accepted refund amount from the moment it is
// accepted, a lost dispute's cost), counted by the refund use case and the dispute acceptance alike, so refunds and
// dispute losses together can never pass what was captured. Callers hold the order's and the payment's row locks.
import { and, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { disputes } from '../../db/schema';

export async function disputeLossOnPayment(db: DbOrTx, paymentId: string, exceptDisputeId?: string): Promise<number> {
  const [row] = await db
    .select({ sum: sql<number>`coalesce(sum(${disputes.lossAmount}), 0)::int` })
    .from(disputes)
    .where(and(eq(disputes.paymentId, paymentId), exceptDisputeId ? ne(disputes.id, exceptDisputeId) : undefined));
  return row?.sum ?? 0;
}
