// A discount code as the admin JSON API answers it: money as { amount, currency } in kobo, times as ISO strings.
import { money, type CurrencyCode } from '../core/money';

export interface DiscountForJson {
  id: string;
  code: string;
  kind: 'percent' | 'fixed';
  value: number;
  currency: CurrencyCode;
  minSubtotalAmount: number;
  startsAt: Date | null;
  endsAt: Date | null;
  usageLimit: number | null;
  perCustomerLimit: number | null;
  paused: boolean;
  createdAt: Date;
  uses: number;
  paidOrders: number;
  discountGivenAmount: number;
  revenueAmount: number;
}

export function discountJson(row: DiscountForJson) {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    /** percent: whole percent; fixed: kobo. */
    value: row.value,
    minSubtotal: money(row.minSubtotalAmount, row.currency),
    startsAt: row.startsAt?.toISOString() ?? null,
    endsAt: row.endsAt?.toISOString() ?? null,
    usageLimit: row.usageLimit,
    perCustomerLimit: row.perCustomerLimit,
    paused: row.paused,
    createdAt: row.createdAt.toISOString(),
    uses: row.uses,
    paidOrders: row.paidOrders,
    discountGiven: money(row.discountGivenAmount, row.currency),
    revenue: money(row.revenueAmount, row.currency),
  };
}
