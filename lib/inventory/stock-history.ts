// A variant's audit entries in words for its inventory page: who moved the stock, by how much and why. Pure, so the
// wording is tested without a database; unknown actions still show, by name.

export interface StockAuditEntry {
  action: string;
  actorType: 'user' | 'admin' | 'system' | 'webhook' | 'job';
  actorName: string | null;
  before: unknown;
  after: unknown;
  metadata: unknown;
}

export interface StockHistoryLine {
  summary: string;
  detail?: string;
  /** Set when the entry names an order the admin can open. */
  orderId?: string;
}

const record = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function actor(entry: StockAuditEntry): string {
  if (entry.actorType === 'admin') return entry.actorName ?? 'an admin';
  if (entry.actorType === 'webhook') return 'Paystack webhook';
  if (entry.actorType === 'job') return 'background job';
  return entry.actorType === 'user' ? 'the customer' : 'the shop';
}

export function describeStockEntry(entry: StockAuditEntry): StockHistoryLine {
  const before = record(entry.before);
  const after = record(entry.after);
  const meta = record(entry.metadata);
  switch (entry.action) {
    case 'stock.adjusted': {
      const from = num(before.stockOnHand);
      const to = num(after.stockOnHand);
      const change = from !== undefined && to !== undefined ? ` (${signed(to - from)})` : '';
      return { summary: `On hand ${from ?? '?'} → ${to ?? '?'}${change} by ${actor(entry)}`, detail: text(meta.reason) && `Reason: ${text(meta.reason)}` };
    }
    case 'stock.committed':
      return { summary: `${num(after.quantity) ?? '?'} sold (payment confirmed by ${actor(entry)})`, orderId: text(after.orderId) };
    case 'stock.restocked':
      return {
        summary: `${num(meta.quantity) ?? '?'} back on the shelf from a refund (on hand ${num(before.stockOnHand) ?? '?'} → ${num(after.stockOnHand) ?? '?'})`,
        orderId: text(meta.orderId),
      };
    case 'stock.threshold_changed':
      return { summary: `Low-stock threshold ${num(before.lowStockThreshold) ?? '?'} → ${num(after.lowStockThreshold) ?? '?'} by ${actor(entry)}` };
    case 'variant.created':
      return { summary: `Created by ${actor(entry)} with ${num(after.stockOnHand) ?? 0} on hand` };
    case 'variant.updated':
      return { summary: `Details edited by ${actor(entry)}`, detail: Object.keys(after).join(', ') || undefined };
    case 'variant.archived':
      return { summary: `Archived by ${actor(entry)}: no longer sold` };
    case 'variant.restored':
      return { summary: `Restored by ${actor(entry)}: on sale again` };
    default:
      return { summary: `${entry.action} by ${actor(entry)}` };
  }
}
