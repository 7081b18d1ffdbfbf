// Words for a discount code in the admin list: what it takes off and where it stands now.
import { formatMoney, money, type CurrencyCode } from '../core/money';

export type DiscountState = 'active' | 'scheduled' | 'ended' | 'used_up' | 'paused';

export function describeDiscountValue(code: { kind: 'percent' | 'fixed'; value: number; currency: CurrencyCode }): string {
  return code.kind === 'percent' ? `${code.value}% off` : `${formatMoney(money(code.value, code.currency))} off`;
}

export function discountState(
  code: { paused: boolean; startsAt: Date | null; endsAt: Date | null; usageLimit: number | null; uses: number },
  now: Date,
): DiscountState {
  if (code.paused) return 'paused';
  if (code.endsAt && code.endsAt.getTime() <= now.getTime()) return 'ended';
  if (code.usageLimit !== null && code.uses >= code.usageLimit) return 'used_up';
  if (code.startsAt && code.startsAt.getTime() > now.getTime()) return 'scheduled';
  return 'active';
}

export const discountStateLabel: Record<DiscountState, string> = {
  active: 'Active',
  scheduled: 'Scheduled',
  ended: 'Ended',
  used_up: 'Used up',
  paused: 'Paused',
};
