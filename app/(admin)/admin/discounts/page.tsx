// GET /admin/discounts – every discount code with its rules, state, uses, and the orders, discount and revenue it
// brought; create a code, pause or resume one
import type { Metadata } from 'next';
import { db } from '@/db';
import { listAdminDiscounts } from '@/db/queries/admin-discounts';
import { formatDateTime } from '@/lib/core/format-date';
import { formatMoney, money } from '@/lib/core/money';
import { describeDiscountValue, discountState, discountStateLabel } from '@/lib/discounts/discount-labels';
import { userForPage } from '@/lib/server/doors/auth';
import { CreateDiscountForm } from './_components/create-discount-form';
import { PauseButton } from './_components/pause-button';

export const metadata: Metadata = { title: 'Discounts', robots: { index: false } };

const stateTone = {
  active: 'bg-emerald-100 text-emerald-900',
  scheduled: 'bg-sky-100 text-sky-900',
  ended: 'bg-stone-200 text-stone-700',
  used_up: 'bg-stone-200 text-stone-700',
  paused: 'bg-amber-100 text-amber-900',
} as const;

export default async function AdminDiscountsPage() {
  await userForPage('admin', '/admin/discounts');
  const [codes, now] = [await listAdminDiscounts(db), new Date()];

  return (
    <section aria-labelledby="discounts-heading" className="space-y-6">
      <div className="space-y-1">
        <h1 id="discounts-heading" className="text-2xl font-semibold tracking-tight">
          Discounts
        </h1>
        <p className="text-sm text-stone-600">
          Codes shoppers type at checkout. A use counts from the moment an order is placed and is given back if that order expires or is replaced unpaid.
          Revenue is what orders paid with the code brought in, less refunds.
        </p>
      </div>

      <CreateDiscountForm />

      {codes.length === 0 ? (
        <p className="rounded-xl border border-dashed border-stone-300 bg-white px-6 py-10 text-center text-stone-600" data-testid="discounts-empty">
          No discount codes yet. Create one above.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-stone-200 bg-white">
          <table className="w-full min-w-[48rem] text-left text-sm" data-testid="discounts-table">
            <caption className="sr-only">Discount codes, newest first</caption>
            <thead className="border-b border-stone-200 bg-stone-50 text-xs uppercase tracking-wide text-stone-600">
              <tr>
                <th scope="col" className="px-4 py-3">
                  Code
                </th>
                <th scope="col" className="px-4 py-3">
                  Discount
                </th>
                <th scope="col" className="px-4 py-3">
                  Rules
                </th>
                <th scope="col" className="px-4 py-3">
                  State
                </th>
                <th scope="col" className="px-4 py-3 text-right">
                  Uses
                </th>
                <th scope="col" className="px-4 py-3 text-right">
                  Paid orders
                </th>
                <th scope="col" className="px-4 py-3 text-right">
                  Discount given
                </th>
                <th scope="col" className="px-4 py-3 text-right">
                  Revenue
                </th>
                <th scope="col" className="px-4 py-3">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {codes.map((code) => {
                const state = discountState(code, now);
                const rules = [
                  code.minSubtotalAmount > 0 ? `Items from ${formatMoney(money(code.minSubtotalAmount, code.currency))}` : null,
                  code.startsAt ? `From ${formatDateTime(code.startsAt)}` : null,
                  code.endsAt ? `Until ${formatDateTime(code.endsAt)}` : null,
                  code.perCustomerLimit ? `${code.perCustomerLimit} per customer` : null,
                ].filter(Boolean);
                return (
                  <tr key={code.id} data-testid="discount-row" data-code={code.code}>
                    <th scope="row" className="px-4 py-3 font-mono font-semibold">
                      {code.code}
                    </th>
                    <td className="px-4 py-3">{describeDiscountValue(code)}</td>
                    <td className="px-4 py-3 text-stone-600">{rules.length > 0 ? rules.join(' · ') : 'None'}</td>
                    <td className="px-4 py-3">
                      <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${stateTone[state]}`}>{discountStateLabel[state]}</span>
                    </td>
                    <td className="px-4 py-3 text-right tabular-nums" data-testid="discount-uses">
                      {code.uses}
                      {code.usageLimit !== null ? ` / ${code.usageLimit}` : ''}
                    </td>
                    <td className="px-4 py-3 text-right tabular-nums">{code.paidOrders}</td>
                    <td className="px-4 py-3 text-right tabular-nums">{formatMoney(money(code.discountGivenAmount, code.currency))}</td>
                    <td className="px-4 py-3 text-right tabular-nums" data-testid="discount-revenue">
                      {formatMoney(money(code.revenueAmount, code.currency))}
                    </td>
                    <td className="px-4 py-3">
                      <PauseButton discountCodeId={code.id} code={code.code} paused={code.paused} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
