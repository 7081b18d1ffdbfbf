// GET /admin?range=7|30|90 – admin dashboard: what needs a person now (tiles linking to the filtered lists), today's
// paid orders and revenue, and paid orders and revenue per day as a chart
import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { SalesChart } from '@/components/admin/sales-chart';
import { placeholderKeys } from '@/components/ui/placeholders';
import { db } from '@/db';
import { type AttentionCounts, attentionCounts, SALES_RANGES, type SalesRange, type SalesSeries, salesByDay } from '@/db/queries/admin-dashboard';
import { formatDate } from '@/lib/core/format-date';
import { formatMoney } from '@/lib/core/money';
import { userForPage } from '@/lib/server/doors/auth';

export const metadata: Metadata = { title: 'Admin', robots: { index: false } };

const DEFAULT_RANGE: SalesRange = 30;

interface Tile {
  count: keyof AttentionCounts;
  label: string;
  href: string;
  /** What a non-zero count means and what to do about it. */
  todo: string;
  /** What zero means, said calmly. */
  calm: string;
}

const TILES: Tile[] = [
  {
    count: 'disputesDueSoon',
    label: 'Disputes due within 48 h',
    href: '/admin/disputes?due=48h',
    todo: 'Customers disputed these payments. Answer with evidence before the deadline, or Paystack decides for them.',
    calm: 'No dispute is due in the next 48 hours.',
  },
  {
    count: 'paymentsNeedingReview',
    label: 'Payments needing review',
    href: '/admin/payments?status=needs_review',
    todo: 'Money arrived that did not match its order. Check each one.',
    calm: 'No payment is waiting for review.',
  },
  {
    count: 'ordersNeedingAttention',
    label: 'Orders needing attention',
    href: '/admin/orders?status=paid_needs_attention',
    todo: 'Paid, but the order could not be honoured as placed.',
    calm: 'Every paid order was honoured.',
  },
  {
    count: 'refundsNeedingAttention',
    label: 'Refunds needing attention',
    href: '/admin/orders?refund=attention',
    todo: 'A refund failed or Paystack flagged it. Refund again or follow up.',
    calm: 'No refund needs a person.',
  },
  {
    count: 'failedWebhookEvents',
    label: 'Failed webhook events',
    href: '/admin/webhooks?status=failed',
    todo: 'Paystack events that could not be applied. Replay them once fixed.',
    calm: 'Every Paystack event was applied.',
  },
  {
    count: 'deadJobs',
    label: 'Dead jobs',
    href: '/admin/jobs?status=dead',
    todo: 'Background jobs that gave up after every retry. Retry them once fixed.',
    calm: 'No background job has given up.',
  },
  {
    count: 'lowStockVariants',
    label: 'Low on stock',
    href: '/admin/inventory?filter=low-stock',
    todo: 'Variants at or below their low-stock threshold.',
    calm: 'Every variant is above its threshold.',
  },
];

const rangeOf = (value: string | string[] | undefined): SalesRange => SALES_RANGES.find((range) => String(range) === value) ?? DEFAULT_RANGE;

export default async function AdminDashboardPage({ searchParams }: { searchParams: Promise<{ range?: string | string[] }> }) {
  const range = rangeOf((await searchParams).range);
  await userForPage('admin', range === DEFAULT_RANGE ? '/admin' : `/admin?range=${range}`);

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold tracking-tight">Dashboard</h1>

      <section aria-labelledby="attention-heading" className="space-y-3">
        <h2 id="attention-heading" className="text-lg font-semibold">
          Needs attention
        </h2>
        <Suspense fallback={<TilesPlaceholder />}>
          <AttentionTiles />
        </Suspense>
      </section>

      <Suspense key={range} fallback={<SalesPlaceholder range={range} />}>
        <Sales range={range} />
      </Suspense>
    </div>
  );
}

async function AttentionTiles() {
  const counts = await attentionCounts(db);
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" data-testid="attention-tiles">
      {TILES.map((tile) => {
        const count = counts[tile.count];
        const busy = count > 0;
        return (
          <li key={tile.count}>
            <Link
              href={tile.href}
              className={`flex h-full flex-col rounded-xl border bg-white p-4 transition-colors hover:border-stone-400 ${
                busy ? 'border-amber-300 ring-1 ring-amber-200' : 'border-stone-200'
              }`}
            >
              <span className="flex items-baseline justify-between gap-3">
                <span className="font-medium text-stone-900">{tile.label}</span>
                <span className={`text-2xl font-semibold tabular-nums ${busy ? 'text-amber-800' : 'text-stone-400'}`} data-testid="tile-count">
                  {count.toLocaleString('en-NG')}
                </span>
              </span>
              <span className={`mt-1 text-sm ${busy ? 'text-stone-700' : 'text-stone-500'}`}>{busy ? tile.todo : tile.calm}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

function TilesPlaceholder() {
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-busy="true" aria-label="Loading what needs attention">
      {placeholderKeys(TILES.length).map((key) => (
        <li key={key} className="h-24 animate-pulse rounded-xl bg-stone-100" />
      ))}
    </ul>
  );
}

function RangeSwitch({ range }: { range: SalesRange }) {
  return (
    <nav aria-label="Chart range" className="flex rounded-lg border border-stone-300 bg-white p-0.5 text-sm">
      {SALES_RANGES.map((option) => (
        <Link
          key={option}
          href={option === DEFAULT_RANGE ? '/admin' : `/admin?range=${option}`}
          scroll={false}
          aria-current={option === range ? 'page' : undefined}
          className={`rounded-md px-3 py-1.5 font-medium ${option === range ? 'bg-stone-900 text-white' : 'text-stone-700 hover:bg-stone-100'}`}
        >
          {option} days
        </Link>
      ))}
    </nav>
  );
}

function SalesHeader({ range }: { range: SalesRange }) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <h2 id="sales-heading" className="text-lg font-semibold">
        Sales
      </h2>
      <RangeSwitch range={range} />
    </div>
  );
}

async function Sales({ range }: { range: SalesRange }) {
  const series = await salesByDay(db, range);
  // The database's today (the series ends on it), not the web server's.
  const today = series[0]?.days.at(-1)?.day;
  return (
    <>
      <section aria-labelledby="today-heading" className="space-y-3">
        <h2 id="today-heading" className="text-lg font-semibold">
          Today {today ? <span className="text-sm font-normal text-stone-500">({formatDate(new Date(`${today}T12:00:00Z`))}, Lagos time)</span> : null}
        </h2>
        {series.map((one) => (
          <TodayNumbers key={one.currency} series={one} showCurrency={series.length > 1} />
        ))}
      </section>
      <section aria-labelledby="sales-heading" className="space-y-3">
        <SalesHeader range={range} />
        {series.map((one) => (
          <div key={one.currency} className="rounded-xl border border-stone-200 bg-white p-4">
            <SalesChart currency={one.currency} days={one.days} />
          </div>
        ))}
      </section>
    </>
  );
}

function TodayNumbers({ series, showCurrency }: { series: SalesSeries; showCurrency: boolean }) {
  const today = series.days.at(-1) ?? { orders: 0, revenue: 0 };
  const money = (amount: number) => formatMoney({ amount, currency: series.currency });
  const stats = [
    { label: 'Paid orders', value: today.orders.toLocaleString('en-NG') },
    { label: 'Revenue', value: money(today.revenue) },
    { label: 'Average order', value: today.orders > 0 ? money(Math.round(today.revenue / today.orders)) : '—' },
  ];
  return (
    <div className="space-y-2">
      <dl className="grid gap-3 sm:grid-cols-3" data-testid="today-numbers">
        {stats.map((stat) => (
          <div key={stat.label} className="rounded-xl border border-stone-200 bg-white p-4">
            <dt className="text-sm text-stone-600">
              {stat.label}
              {showCurrency ? ` (${series.currency})` : ''}
            </dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{stat.value}</dd>
          </div>
        ))}
      </dl>
      {today.orders === 0 ? <p className="text-sm text-stone-500">No paid orders yet today.</p> : null}
    </div>
  );
}

function SalesPlaceholder({ range }: { range: SalesRange }) {
  return (
    <>
      <section className="space-y-3" aria-busy="true" aria-label="Loading today's numbers">
        <div className="h-7 w-40 animate-pulse rounded bg-stone-200" />
        <div className="grid gap-3 sm:grid-cols-3">
          {placeholderKeys(3).map((key) => (
            <div key={key} className="h-20 animate-pulse rounded-xl bg-stone-100" />
          ))}
        </div>
      </section>
      <section aria-labelledby="sales-heading" aria-busy="true" className="space-y-3">
        <SalesHeader range={range} />
        <div className="h-96 animate-pulse rounded-xl bg-stone-100" />
      </section>
    </>
  );
}
