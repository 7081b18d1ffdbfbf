// An audit entry's before/after in words an operator reads at a glance: one line per field that changed, named in
// words ("Refunded amount: ₦0.00 → ₦5,000.00", "Status: Paid → Partly refunded"), fields only after shown as set,
// removed ones as removed. Amounts (integer minor units in the stored JSON) are formatted in the entry's currency,
// statuses in the console's words, times in Lagos time, ids of things the console has a page for become links. Pure:
// the audit log's rows show this and keep the full stored JSON one click away.
import { formatDateTime } from '../core/format-date';
import { formatMoney, isCurrencyCode } from '../core/money';
import { orderStatusLabels } from '../orders/shopper-order-state';
import { paymentStatusLabels } from './payment-list-query';

export interface ChangeValue {
  text: string;
  /** The console page of the thing this value names (an order, a variant, an account…). */
  href?: string;
}

export interface ChangeLine {
  /** The stored key (`refundedAmount`). */
  field: string;
  /** The key in words (`Refunded amount`). */
  label: string;
  before?: ChangeValue;
  after?: ChangeValue;
}

export interface ChangeContext {
  /** What the entry is about (`order`, `payment`…): statuses read in that entity's words. */
  entityType?: string;
  /** Used when the entry does not carry its own `currency`. */
  currency?: string;
}

const MAX_TEXT = 80;
const SHOP_CURRENCY = 'NGN';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Where an id field points in the console, by its key. */
const ID_PAGES: Record<string, { noun: string; href: (id: string) => string }> = {
  orderId: { noun: 'order', href: (id) => `/admin/orders/${id}` },
  variantId: { noun: 'variant', href: (id) => `/admin/inventory/${id}` },
  productId: { noun: 'product', href: (id) => `/admin/products/${id}` },
  disputeId: { noun: 'dispute', href: (id) => `/admin/disputes/${id}` },
  userId: { noun: 'account', href: (id) => `/admin/customers/${id}` },
  adminId: { noun: 'admin', href: (id) => `/admin/customers/${id}` },
  authorId: { noun: 'admin', href: (id) => `/admin/customers/${id}` },
  requestedBy: { noun: 'admin', href: (id) => `/admin/customers/${id}` },
  webhookEventId: { noun: 'webhook event', href: (id) => `/admin/webhooks/${id}` },
};

/** The same wording the console uses elsewhere ("Partly refunded", never "Partially Refunded"). */
const STATUS_WORDS: Record<string, Record<string, string>> = {
  order: orderStatusLabels,
  payment: paymentStatusLabels,
};

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** `refundedAmount` → `Refunded amount`, `stock_on_hand` → `Stock on hand`, `orderId` → `Order`. */
export function fieldWords(key: string): string {
  const spaced = key
    .replace(/Id$/, '')
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return sentence(spaced || key);
}

const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

function statusWords(value: string, entityType: string | undefined): string {
  const known = (entityType && STATUS_WORDS[entityType]?.[value]) ?? orderStatusLabels[value as keyof typeof orderStatusLabels];
  return known ?? sentence(value.replaceAll('_', ' ').replace('partially refunded', 'partly refunded'));
}

const isAmountKey = (key: string) => /(^amount$|Amount$|^fees?$|Fees?$|^price$|Price$)/.test(key);

/** One value in words, knowing the key it was stored under. */
export function valueWords(key: string, value: unknown, context: Required<Pick<ChangeContext, 'currency'>> & ChangeContext): ChangeValue {
  if (value === null || value === undefined) return { text: 'none' };
  if (typeof value === 'boolean') return { text: value ? 'yes' : 'no' };
  if (typeof value === 'number') {
    if (isAmountKey(key) && Number.isSafeInteger(value) && isCurrencyCode(context.currency)) {
      return { text: formatMoney({ amount: value, currency: context.currency }) };
    }
    return { text: value.toLocaleString('en-NG') };
  }
  if (typeof value === 'string') {
    const page = ID_PAGES[key];
    if (page && UUID.test(value)) return { text: `${page.noun} ${value.slice(0, 8)}`, href: page.href(value) };
    if (key === 'status' || key.endsWith('Status')) return { text: statusWords(value, context.entityType) };
    if (ISO_TIME.test(value) && !Number.isNaN(Date.parse(value))) return { text: formatDateTime(new Date(value)) };
    return { text: clip(value) };
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return { text: 'none' };
    return { text: clip(value.map((item) => itemWords(item, context)).join(', ')) };
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, inner]) => inner !== null && inner !== undefined);
    return { text: clip(entries.map(([inner, innerValue]) => `${fieldWords(inner).toLowerCase()} ${valueWords(inner, innerValue, context).text}`).join(', ')) };
  }
  return { text: clip(String(value)) };
}

/** A list item: a line with a quantity reads "2 × variant 1a2b3c4d"; anything else in words. */
function itemWords(item: unknown, context: Required<Pick<ChangeContext, 'currency'>> & ChangeContext): string {
  if (item && typeof item === 'object' && !Array.isArray(item)) {
    const record = item as Record<string, unknown>;
    if (typeof record.quantity === 'number') {
      const what = Object.entries(record).find(([key, inner]) => key !== 'quantity' && typeof inner === 'string' && ID_PAGES[key]);
      const name = what ? valueWords(what[0], what[1], context).text : 'item';
      return `${record.quantity} × ${name}${record.returnedToStock ? ' (came back)' : ''}`;
    }
  }
  return valueWords('', item, context).text;
}

const asRecord = (value: unknown): Record<string, unknown> | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

export function changeLines(before: unknown, after: unknown, context: ChangeContext = {}): ChangeLine[] {
  const from = asRecord(before);
  const to = asRecord(after);
  const currency = [to?.currency, from?.currency, context.currency].find((value): value is string => typeof value === 'string') ?? SHOP_CURRENCY;
  const words = { ...context, currency };
  if (!from && !to) {
    if ((before === null || before === undefined) && (after === null || after === undefined)) return [];
    return [
      {
        field: 'value',
        label: 'Value',
        before: before === null || before === undefined ? undefined : valueWords('value', before, words),
        after: after === null || after === undefined ? undefined : valueWords('value', after, words),
      },
    ];
  }
  const keys = [...new Set([...Object.keys(from ?? {}), ...Object.keys(to ?? {})])];
  const lines: ChangeLine[] = [];
  for (const key of keys) {
    const had = from !== null && key in from;
    const has = to !== null && key in to;
    if (had && has && JSON.stringify(from[key]) === JSON.stringify(to[key])) continue;
    lines.push({
      field: key,
      label: fieldWords(key),
      before: had ? valueWords(key, from[key], words) : undefined,
      after: has ? valueWords(key, to?.[key], words) : undefined,
    });
  }
  return lines;
}

/** "Status: Pending → Paid", "Amount: ₦5,000.00", "Last error: timeout → removed". */
export function describeChange(line: ChangeLine): string {
  if (line.before !== undefined && line.after !== undefined) return `${line.label}: ${line.before.text} → ${line.after.text}`;
  if (line.after !== undefined) return `${line.label}: ${line.after.text}`;
  return `${line.label}: ${line.before?.text ?? 'none'} → removed`;
}

/** An action's name in words: `order.note_added` → `Order: note added`. */
export function actionWords(action: string): string {
  const [subject = '', ...rest] = action.split('.');
  const verb = rest.join(' ').replaceAll('_', ' ');
  return verb ? `${sentence(subject.replaceAll('_', ' '))}: ${verb}` : sentence(subject.replaceAll('_', ' '));
}
