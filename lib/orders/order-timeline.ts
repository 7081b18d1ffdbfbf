// An order's audit entries in words an admin reads at a glance: what happened ("Refund of ₦5,000.00 requested"),
// the detail that matters (reason, reference, stock), and who did it. Pure: the page reads the entries and the
// names they refer to (SKUs, payment references) and hands both in. An action this list does not know yet is still
// shown, spelled out from its name, so a new kind of entry never disappears from the timeline.
import { formatMoney, isCurrencyCode } from '../core/money';

export interface TimelineEntryInput {
  id: number;
  actorType: 'user' | 'admin' | 'system' | 'webhook' | 'job';
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  metadata: unknown;
  createdAt: Date;
}

export interface TimelineContext {
  currency: string;
  /** variant id → "SKU (Product – Variant)" */
  variants: ReadonlyMap<string, string>;
  /** payment id → its Paystack reference */
  payments: ReadonlyMap<string, string>;
  /** refund id → its amount in minor units */
  refunds: ReadonlyMap<string, number>;
  /** order item id → "SKU (Product – Variant)", for shipments (which name lines, not variants) */
  items?: ReadonlyMap<string, string>;
}

export type TimelineTone = 'money' | 'refund' | 'stock' | 'shipping' | 'problem' | 'neutral';

export interface TimelineEntry {
  id: number;
  at: Date;
  title: string;
  detail: string | null;
  actor: string;
  tone: TimelineTone;
}

/** The console's one wording for a state: "partly refunded" (never "partially"), "started" (never "initialized"). */
const STATE_WORDS: Record<string, string> = { partially_refunded: 'partly refunded', partially_fulfilled: 'partly shipped', initialized: 'started' };
const words = (status: unknown) => (typeof status === 'string' ? (STATE_WORDS[status] ?? status.replaceAll('_', ' ')) : 'unknown');

function field(value: unknown, key: string): unknown {
  return value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

function amountOf(value: unknown, currency: string): string | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && isCurrencyCode(currency) ? formatMoney({ amount: value, currency }) : null;
}

export function describeActor(entry: Pick<TimelineEntryInput, 'actorType' | 'actorId' | 'actorName'>): string {
  switch (entry.actorType) {
    case 'admin':
      return entry.actorName ? `${entry.actorName} (admin)` : 'An admin';
    case 'user':
      return entry.actorName ?? 'The customer';
    case 'webhook':
      return 'Paystack';
    case 'job':
      return entry.actorId ? `Background job (${entry.actorId})` : 'Background job';
    case 'system':
      return 'The shop';
  }
}

export function describeEntry(entry: TimelineEntryInput, context: TimelineContext): TimelineEntry {
  const base = { id: entry.id, at: entry.createdAt, actor: describeActor(entry) };
  const [subject = '', verb = ''] = entry.action.split('.');
  const reference = context.payments.get(entry.entityId) ?? 'payment';
  const refundAmount = amountOf(context.refunds.get(entry.entityId) ?? field(entry.after, 'amount'), context.currency);
  const refundLabel = refundAmount ? `Refund of ${refundAmount}` : 'Refund';
  const variant = context.variants.get(entry.entityId) ?? 'an item';
  const from = words(field(entry.before, 'status'));
  const to = words(field(entry.after, 'status'));
  const reason = field(entry.metadata, 'reason');

  switch (entry.action) {
    case 'order.placed':
      return { ...base, title: 'Order placed', detail: `Total ${amountOf(field(entry.after, 'totalAmount'), context.currency) ?? ''}`.trim(), tone: 'neutral' };
    case 'order.paid':
      return { ...base, title: 'Order paid', detail: null, tone: 'money' };
    case 'order.paid_late':
      return { ...base, title: 'Paid after the reservation expired', detail: `Order is now ${to}`, tone: to === 'paid' ? 'money' : 'problem' };
    case 'order.note_added': {
      const note = field(entry.after, 'note');
      return { ...base, title: 'Internal note added', detail: typeof note === 'string' ? note : null, tone: 'neutral' };
    }
    case 'order.superseded':
      return { ...base, title: 'Replaced by a newer checkout', detail: 'Its held stock went back on sale', tone: 'neutral' };
    case 'order.shipped': {
      const lines = field(entry.after, 'lines');
      const items = Array.isArray(lines)
        ? lines.map((line) => `${quantityOf(line)} × ${context.items?.get(String(field(line, 'orderItemId'))) ?? 'an item'}`).join(', ')
        : null;
      const tracking = field(entry.after, 'trackingNumber');
      return {
        ...base,
        title: `Shipment ${field(entry.after, 'sequence') ?? ''} handed to ${String(field(entry.after, 'carrier') ?? 'a carrier')}`.replace('  ', ' '),
        detail: [typeof tracking === 'string' ? `Tracking ${tracking}` : null, items].filter(Boolean).join(' · ') || null,
        tone: 'shipping',
      };
    }
    case 'order.partially_fulfilled':
      return { ...base, title: 'Order partly shipped', detail: 'Some items are still to ship', tone: 'shipping' };
    case 'order.fulfilled':
      return { ...base, title: 'Order shipped in full', detail: null, tone: 'shipping' };
    case 'reservation.expired':
      return { ...base, title: 'Reservation expired unpaid', detail: 'Its held stock went back on sale', tone: 'neutral' };
    case 'order.refund_balance':
      return {
        ...base,
        title: `Order ${to}`,
        detail: `Refunded so far: ${amountOf(field(entry.after, 'refundedAmount'), context.currency) ?? '—'} (was ${from})`,
        tone: 'refund',
      };
    case 'payment.initialized':
      return { ...base, title: `Payment ${reference} started`, detail: amountOf(field(entry.after, 'amount'), context.currency), tone: 'neutral' };
    case 'payment.mismatch':
      return { ...base, title: `Payment ${reference} flagged for review`, detail: problemsOf(entry.metadata), tone: 'problem' };
    case 'payment.unexpected':
      return { ...base, title: `Payment ${reference} arrived for a closed order`, detail: 'A full refund of it was queued', tone: 'problem' };
    case 'payment.refund_balance':
      return {
        ...base,
        title: `Payment ${reference} ${to}`,
        detail: `Refunded on it: ${amountOf(field(entry.after, 'refundedAmount'), context.currency) ?? '—'}`,
        tone: 'refund',
      };
    case 'refund.requested': {
      const restock = restockOf(field(entry.after, 'restock'), context);
      const detail = [typeof reason === 'string' ? `Reason: ${reason}` : null, restock ? `Restock ${restock}` : null].filter(Boolean).join(' · ');
      return { ...base, title: `${refundLabel} requested`, detail: detail || null, tone: 'refund' };
    }
    case 'stock.committed':
      return { ...base, title: `${quantityOf(entry.after)} × ${variant} sold`, detail: 'Held stock taken off the shelf', tone: 'stock' };
    case 'stock.restocked':
      return {
        ...base,
        title: `${quantityOf(entry.metadata)} × ${variant} back in stock`,
        detail: typeof field(entry.after, 'stockOnHand') === 'number' ? `On hand now ${field(entry.after, 'stockOnHand')}` : null,
        tone: 'stock',
      };
  }
  if (subject === 'payment' && verb) {
    const failure = field(entry.after, 'failureReason') ?? field(entry.metadata, 'reason');
    const tone: TimelineTone = verb === 'paid' ? 'money' : verb === 'failed' || verb === 'needs_review' ? 'problem' : 'neutral';
    return { ...base, title: `Payment ${reference} ${words(verb)}`, detail: typeof failure === 'string' ? failure : null, tone };
  }
  if (subject === 'refund' && verb) {
    const gatewayId = field(entry.metadata, 'gatewayRefundId');
    const failure = field(entry.metadata, 'failureReason') ?? field(entry.metadata, 'message') ?? (gatewayId ? `Paystack refund ${gatewayId}` : null);
    const titles: Record<string, string> = {
      pending: `${refundLabel} accepted by Paystack`,
      processing: `${refundLabel} processing at Paystack`,
      processed: `${refundLabel} completed`,
      failed: `${refundLabel} failed`,
      needs_attention: `${refundLabel} needs attention at Paystack`,
    };
    const tone: TimelineTone = verb === 'failed' || verb === 'needs_attention' ? 'problem' : 'refund';
    return { ...base, title: titles[verb] ?? `${refundLabel}: ${words(verb)}`, detail: typeof failure === 'string' ? failure : null, tone };
  }
  return { ...base, title: `${words(subject)}: ${words(verb || entry.action)}`.replace(/^\w/, (c) => c.toUpperCase()), detail: null, tone: 'neutral' };
}

function quantityOf(value: unknown): number | string {
  const quantity = field(value, 'quantity');
  return typeof quantity === 'number' ? quantity : '?';
}

function restockOf(lines: unknown, context: TimelineContext): string | null {
  if (!Array.isArray(lines) || lines.length === 0) return null;
  return lines
    .map(
      (line) =>
        `${quantityOf(line)} × ${context.variants.get(String(field(line, 'variantId'))) ?? 'an item'}${field(line, 'returnedToStock') ? ' (came back)' : ''}`,
    )
    .join(', ');
}

function problemsOf(metadata: unknown): string | null {
  const problems = field(metadata, 'problems');
  return Array.isArray(problems) ? problems.join('; ') : null;
}
