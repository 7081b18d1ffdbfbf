'use client';
// Paid orders and revenue per day as a chart (Recharts draws in the browser only: the server sends a placeholder of
// the same size, so nothing jumps when it appears). Revenue bars on the left axis in the series' currency, orders as
// a line on the right. The same numbers are available as a table for screen readers and for reading exact values.
import { useSyncExternalStore } from 'react';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { type CurrencyCode, formatMoney, toDecimalString } from '@/lib/core/money';
import { TableHead } from '@/components/ui/table-head';

export interface SalesChartDay {
  day: string;
  orders: number;
  revenue: number;
}

interface SalesChartProps {
  currency: CurrencyCode;
  days: SalesChartDay[];
}

const BRAND = '#0b7a43';
const ORDERS_LINE = '#b45309';

const dayLabel = new Intl.DateTimeFormat('en-NG', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const longDayLabel = new Intl.DateTimeFormat('en-NG', { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** Days are Lagos calendar days already; reading them at UTC midnight keeps them the same day whatever the browser's zone. */
const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

const compactFormatters = new Map<string, Intl.NumberFormat>();
/** "₦1.2M" on the axis (whole amounts read better there); the tooltip and table use formatMoney. */
function compactMoney(minor: number, currency: CurrencyCode): string {
  let formatter = compactFormatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-NG', { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
    compactFormatters.set(currency, formatter);
  }
  return formatter.format(Number(toDecimalString({ amount: minor, currency })));
}

const subscribeNothing = () => () => {};
/** True in the browser after hydration, false on the server and during hydration. */
const useInBrowser = () =>
  useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );

interface TooltipBodyProps {
  active?: boolean;
  label?: string | number;
  payload?: ReadonlyArray<{ payload?: SalesChartDay }>;
  currency: CurrencyCode;
}

function TooltipBody({ active, payload, currency }: TooltipBodyProps) {
  const point = payload?.[0]?.payload;
  if (!active || !point) return null;
  return (
    <div className="rounded-lg border border-stone-200 bg-white px-3 py-2 text-sm shadow-md">
      <p className="font-medium">{longDayLabel.format(asDate(point.day))}</p>
      <p className="tabular-nums text-brand-700">Revenue {formatMoney({ amount: point.revenue, currency })}</p>
      <p className="tabular-nums text-amber-800">
        {point.orders} paid {point.orders === 1 ? 'order' : 'orders'}
      </p>
    </div>
  );
}

export function SalesChart({ currency, days }: SalesChartProps) {
  const inBrowser = useInBrowser();
  const total = days.reduce((sum, day) => sum + day.revenue, 0);
  const orders = days.reduce((sum, day) => sum + day.orders, 0);

  return (
    <figure className="space-y-3">
      <figcaption className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm text-stone-600">
        <span>
          <span className="text-lg font-semibold text-stone-900 tabular-nums">{formatMoney({ amount: total, currency })}</span> revenue
        </span>
        <span>
          <span className="text-lg font-semibold text-stone-900 tabular-nums">{orders.toLocaleString('en-NG')}</span> paid {orders === 1 ? 'order' : 'orders'}
        </span>
        <span>
          in the last {days.length} days ({currency})
        </span>
      </figcaption>
      <div className="relative h-72 w-full" data-testid="sales-chart">
        {total === 0 && orders === 0 ? (
          <p className="pointer-events-none absolute inset-x-0 top-1/3 z-10 text-center text-sm text-stone-500">No paid orders in these {days.length} days.</p>
        ) : null}
        {inBrowser ? (
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
              <CartesianGrid stroke="#e7e5e4" vertical={false} />
              <XAxis
                dataKey="day"
                tickFormatter={(day: string) => dayLabel.format(asDate(day))}
                tick={{ fontSize: 12, fill: '#57534e' }}
                tickLine={false}
                axisLine={{ stroke: '#d6d3d1' }}
                minTickGap={16}
              />
              <YAxis
                yAxisId="revenue"
                // With no sales every tick would read ₦0: give the empty chart a scale.
                domain={total > 0 ? [0, 'auto'] : [0, 10_000_00]}
                tickFormatter={(value: number) => compactMoney(value, currency)}
                tick={{ fontSize: 12, fill: '#57534e' }}
                tickLine={false}
                axisLine={false}
                width={64}
              />
              <YAxis
                yAxisId="orders"
                orientation="right"
                allowDecimals={false}
                tick={{ fontSize: 12, fill: '#57534e' }}
                tickLine={false}
                axisLine={false}
                width={32}
              />
              <Tooltip cursor={{ fill: '#f5f5f4' }} content={<TooltipBody currency={currency} />} />
              <Legend verticalAlign="top" height={28} iconSize={10} wrapperStyle={{ fontSize: 12 }} />
              <Bar yAxisId="revenue" dataKey="revenue" name={`Revenue (${currency})`} fill={BRAND} radius={[3, 3, 0, 0]} maxBarSize={28} />
              <Line
                yAxisId="orders"
                dataKey="orders"
                name="Paid orders"
                stroke={ORDERS_LINE}
                strokeWidth={days.length <= 31 ? 2 : 1.5}
                dot={days.length <= 31}
                type="linear"
              />
            </ComposedChart>
          </ResponsiveContainer>
        ) : (
          <div className="h-full w-full animate-pulse rounded-lg bg-stone-100" aria-hidden="true" />
        )}
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium text-brand-700">Show as a table</summary>
        <div className="mt-2 max-h-72 overflow-y-auto rounded-lg border border-stone-200">
          <table className="w-full text-left">
            <caption className="sr-only">Paid orders and revenue per day</caption>
            <TableHead
              className="sticky top-0 bg-stone-50"
              cellClassName="px-3 py-2"
              columns={[{ label: 'Day' }, { label: 'Paid orders', className: 'text-right' }, { label: 'Revenue', className: 'text-right' }]}
            />
            <tbody className="divide-y divide-stone-100">
              {[...days].reverse().map((day) => (
                <tr key={day.day}>
                  <td className="px-3 py-1.5">{longDayLabel.format(asDate(day.day))}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{day.orders}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{formatMoney({ amount: day.revenue, currency })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
