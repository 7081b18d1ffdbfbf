// The shopper's refund emails: "your refund is on its way" once Paystack has taken it on (what was refunded, what
// remains paid, why) and "your refund is delayed" when Paystack gave up on it after that. One email per refund ×
// outcome through sendEmailOnce, so a retried job never sends twice. Pass the database itself, not a transaction.
import { eq } from 'drizzle-orm';
import { createElement } from 'react';
import { creditNotes, orders, refunds } from '../../db/schema';
import { allocateCreditNote } from '../invoices/allocate-credit-note';
import { creditNotePdf } from '../invoices/render-credit-note';
import { formatMoney, money } from '../core/money';
import { orderLedger } from '../refunds/order-ledger';
import { shopOfOrder } from '../settings/order-settings-snapshot';
import { customerOrderUrl } from './links';
import type { OrderEmailDeps } from './order-emails';
import { sendEmailOnce, type SendEmailOutcome } from './send-email';
import { RefundNoticeEmail } from './templates/refund-notice';
import { renderEmail } from './templates/render';

export type RefundOutcome = 'processed' | 'failed';

export type RefundNoticeOutcome = SendEmailOutcome | { status: 'skipped'; reason: 'refund_not_found' | 'refund_not_in_that_state' };

export const refundEmailKey = (refundId: string, outcome: RefundOutcome) => `refund_${outcome}:${refundId}`;

/** Where the refund must stand for each notice: on its way (any state Paystack accepted it in), or failed. */
const STATES: Record<RefundOutcome, readonly string[]> = {
  processed: ['pending', 'processing', 'processed', 'needs_attention'],
  failed: ['failed'],
};

export async function sendRefundNotice(deps: OrderEmailDeps, input: { refundId: string; outcome: RefundOutcome }): Promise<RefundNoticeOutcome> {
  const [row] = await deps.db
    .select({ refund: refunds, order: orders })
    .from(refunds)
    .innerJoin(orders, eq(orders.id, refunds.orderId))
    .where(eq(refunds.id, input.refundId));
  if (!row) return { status: 'skipped', reason: 'refund_not_found' };
  const { refund, order } = row;
  // A notice that no longer fits (the refund failed before its "on its way" email went) would mislead: the failed one goes instead.
  if (!STATES[input.outcome].includes(refund.status)) return { status: 'skipped', reason: 'refund_not_in_that_state' };
  const ledger = await orderLedger(deps.db, order.id);
  // An invoiced order's accepted refund gets its credit note here, attached to the good news: allocateCreditNote is
  // idempotent (one per refund), so a retried job finds the same one; a refund that paid no invoice gets none.
  if (input.outcome === 'processed') await allocateCreditNote(deps.db, refund.id);
  const [noteRow] =
    input.outcome === 'processed' ? await deps.db.select({ id: creditNotes.id }).from(creditNotes).where(eq(creditNotes.refundId, refund.id)) : [];
  const note = noteRow ? await creditNotePdf(deps.db, noteRow.id) : null;
  const refunded = money(refund.amount, refund.currency);
  const shop = deps.shop ?? shopOfOrder(order);
  const { html, text } = await renderEmail(
    createElement(RefundNoticeEmail, {
      shopName: shop.name,
      siteUrl: deps.siteUrl,
      orderNumber: order.number,
      outcome: input.outcome,
      refunded,
      remaining: money(Math.max(0, ledger?.net.amount ?? 0), order.currency),
      reason: refund.reason,
      orderUrl: customerOrderUrl(deps.siteUrl, deps.orderAccessSecret, order),
      creditNoteNumber: note?.number ?? null,
    }),
  );
  return sendEmailOnce(deps, {
    kind: input.outcome === 'processed' ? 'refund_processed' : 'refund_failed',
    dedupeKey: refundEmailKey(refund.id, input.outcome),
    orderId: order.id,
    refundId: refund.id,
    to: order.email,
    subject:
      input.outcome === 'processed'
        ? `Refund of ${formatMoney(refunded)} on order ${order.number} – ${shop.name}`
        : `Your refund on order ${order.number} is delayed – ${shop.name}`,
    html,
    text,
    attachments: note ? [{ filename: note.filename, content: note.pdf, contentType: 'application/pdf' }] : undefined,
  });
}
