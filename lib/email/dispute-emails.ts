// The dispute alert: one email per admin per dispute × topic (opened, each reminder), each with its own delivery key,
// so a job retried after one address failed sends only to the admins still owed it.
import { eq } from 'drizzle-orm';
import { createElement } from 'react';
import { disputes, orders } from '../../db/schema';
import { formatDateTime } from '../core/format-date';
import { money } from '../core/money';
import { timeLeft } from '../disputes/dispute-rules';
import { isFinalDispute } from '../disputes/dispute-status';
import { currentShopDetails } from '../settings/current-shop';
import { listAdmins, sendToEachAdmin } from './admin-emails';
import { absoluteUrl } from './links';
import type { OrderEmailDeps } from './order-email-deps';
import type { SendEmailOutcome } from './send-email';
import { DisputeAlertEmail } from './templates/dispute-alert';

type Outcome =
  | { status: 'sent'; deliveries: Array<{ to: string } & SendEmailOutcome> }
  | { status: 'skipped'; reason: 'no_admins' | 'dispute_not_found' | 'dispute_resolved' };

export async function sendDisputeAlert(deps: OrderEmailDeps, input: { disputeId: string; topic: string }): Promise<Outcome> {
  const [row] = await deps.db
    .select({ dispute: disputes, orderNumber: orders.number })
    .from(disputes)
    .leftJoin(orders, eq(orders.id, disputes.orderId))
    .where(eq(disputes.id, input.disputeId));
  if (!row) return { status: 'skipped', reason: 'dispute_not_found' };
  // Resolved while the job waited: nothing is left to answer.
  if (isFinalDispute(row.dispute.status)) return { status: 'skipped', reason: 'dispute_resolved' };
  const admins = await listAdmins(deps);
  if (admins.length === 0) return { status: 'skipped', reason: 'no_admins' };
  const { dispute } = row;
  const left = timeLeft(dispute.dueAt, new Date());
  const amount = money(dispute.amount, dispute.currency);
  const reminder = input.topic !== 'opened';
  const element = createElement(DisputeAlertEmail, {
    shopName: (deps.shop ?? (await currentShopDetails(deps.db))).name,
    siteUrl: deps.siteUrl,
    reminder,
    amount,
    category: dispute.category,
    reason: dispute.reason,
    orderNumber: row.orderNumber,
    reference: dispute.transactionReference,
    due: dispute.dueAt ? `${formatDateTime(dispute.dueAt)} (${left.label})` : left.label,
    disputeUrl: absoluteUrl(deps.siteUrl, `/admin/disputes/${dispute.id}`),
  });
  const what = row.orderNumber ? `order ${row.orderNumber}` : `payment ${dispute.transactionReference}`;
  const deliveries = await sendToEachAdmin(deps, admins, element, (admin) => ({
    kind: 'dispute_alert',
    dedupeKey: `dispute_alert:${dispute.id}:${input.topic}:${admin.id}`,
    orderId: dispute.orderId,
    subject: reminder ? `Reminder: answer the dispute on ${what} (${left.label})` : `Dispute opened on ${what} (${left.label})`,
  }));
  return { status: 'sent', deliveries };
}
