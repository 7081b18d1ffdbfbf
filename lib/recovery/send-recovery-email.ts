// The abandoned-checkout email: at most one per order, for an order whose hold ran out unpaid, to a shopper who has
// not bought those items since and has not opted out. It lists the order's lines, links to a signed, single-use
// restore page, and carries an unsubscribe link. Run by the `order/expired-unpaid` job after its delay.
// Pass the database itself, not a transaction: sendEmailOnce commits its claim before talking to SMTP. The links are
// signed with `orderAccessSecret` (NEXTAUTH_SECRET) under their own purposes (recovery-links.ts), so they open nothing else.
import { asc, eq, sql } from 'drizzle-orm';
import { createElement } from 'react';
import { checkoutRecoveries, orderItems, orders } from '../../db/schema';
import type { OrderEmailDeps } from '../email/order-emails';
import { sendEmailOnce } from '../email/send-email';
import { AbandonedCheckoutEmail } from '../email/templates/abandoned-checkout';
import { renderEmail } from '../email/templates/render';
import { type CurrencyCode, money } from '../core/money';
import { shopOfOrder } from '../settings/order-settings-snapshot';
import { type RecoverySkipReason, recoverySkipReason } from './recovery-eligibility';
import { RESTORE_LINK_TTL_MS, restoreCartUrl, unsubscribeUrl } from './recovery-links';
import { greetingName } from '../email/greeting-name';

export interface RecoveryEmailDeps extends OrderEmailDeps {
  /** The clock the restore link's expiry counts from (tests pass their own). */
  now?: () => Date;
}

export type RecoveryEmailOutcome = { status: 'sent' | 'already_sent' } | { status: 'skipped'; reason: RecoverySkipReason };

export const recoveryEmailKey = (orderId: string) => `abandoned_checkout:${orderId}`;

export async function sendRecoveryEmail(deps: RecoveryEmailDeps, orderId: string): Promise<RecoveryEmailOutcome> {
  const [order] = await deps.db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) return { status: 'skipped', reason: 'order_not_found' };
  const reason = await recoverySkipReason(deps.db, order);
  if (reason) return { status: 'skipped', reason };

  const items = await deps.db
    .select()
    .from(orderItems)
    .where(eq(orderItems.orderId, orderId))
    .orderBy(asc(orderItems.productTitle), asc(orderItems.variantTitle));
  if (items.length === 0) return { status: 'skipped', reason: 'no_lines' };

  // The row the restore link's single use is recorded on; it exists before any link can be clicked.
  await deps.db.insert(checkoutRecoveries).values({ orderId }).onConflictDoNothing();

  const currency = order.currency as CurrencyCode;
  const shop = deps.shop ?? shopOfOrder(order);
  const expiresAt = new Date((deps.now?.() ?? new Date()).getTime() + RESTORE_LINK_TTL_MS);
  const { html, text } = await renderEmail(
    createElement(AbandonedCheckoutEmail, {
      shopName: shop.name,
      siteUrl: deps.siteUrl,
      customerName: greetingName(order.shippingAddress.fullName),
      lines: items.map((item) => ({
        title: item.productTitle,
        variantTitle: item.variantTitle,
        quantity: item.quantity,
        unitPrice: money(item.unitPriceAmount, currency),
        lineTotal: money(item.lineTotalAmount, currency),
      })),
      subtotal: money(order.subtotalAmount, currency),
      restoreUrl: restoreCartUrl(deps.siteUrl, deps.orderAccessSecret, orderId, expiresAt),
      restoreValidDays: RESTORE_LINK_TTL_MS / (24 * 60 * 60 * 1000),
      unsubscribeUrl: unsubscribeUrl(deps.siteUrl, deps.orderAccessSecret, order.email),
    }),
  );
  const outcome = await sendEmailOnce(deps, {
    kind: 'abandoned_checkout',
    dedupeKey: recoveryEmailKey(orderId),
    orderId,
    to: order.email,
    subject: `You left something in your cart – ${shop.name}`,
    html,
    text,
  });
  await deps.db
    .update(checkoutRecoveries)
    .set({ emailSentAt: sql`coalesce(${checkoutRecoveries.emailSentAt}, now())` })
    .where(eq(checkoutRecoveries.orderId, orderId));
  return { status: outcome.status };
}
