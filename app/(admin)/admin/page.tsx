// GET /admin – admin dashboard: orders by status, products, variants low on stock
import { and, asc, count, eq, isNull, lte, sql, sum } from 'drizzle-orm';
import type { Metadata } from 'next';
import Link from 'next/link';
import { db } from '@/db';
import { orders, products, productVariants } from '@/db/schema';
import { formatMoney } from '@/lib/money';
import { userForPage } from '@/lib/server/auth';

export const metadata: Metadata = { title: 'Admin' };

const LOW_STOCK_THRESHOLD = 5;

async function dashboardNumbers() {
  const available = sql<number>`${productVariants.stockOnHand} - ${productVariants.reserved}`;
  const [byStatus, productCounts, lowStock] = await Promise.all([
    db
      .select({ status: orders.status, orders: count(), total: sum(orders.totalAmount).mapWith(Number) })
      .from(orders)
      .groupBy(orders.status)
      .orderBy(orders.status),
    db.select({ status: products.status, products: count() }).from(products).groupBy(products.status).orderBy(products.status),
    db
      .select({ sku: productVariants.sku, title: productVariants.title, product: products.title, available: available.mapWith(Number) })
      .from(productVariants)
      .innerJoin(products, eq(products.id, productVariants.productId))
      .where(and(isNull(productVariants.archivedAt), lte(available, LOW_STOCK_THRESHOLD)))
      .orderBy(asc(available), asc(productVariants.sku))
      .limit(10),
  ]);
  return { byStatus, productCounts, lowStock };
}

export default async function AdminDashboardPage() {
  await userForPage('admin', '/admin');
  const { byStatus, productCounts, lowStock } = await dashboardNumbers();

  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold tracking-tight">Dashboard</h1>

      <section aria-labelledby="orders-status-heading">
        <h2 id="orders-status-heading" className="text-lg font-semibold">
          Orders by status
        </h2>
        {byStatus.length === 0 ? (
          <p className="mt-2 text-stone-600">No orders yet.</p>
        ) : (
          <table className="mt-2 w-full max-w-lg text-sm">
            <thead className="text-left text-stone-500">
              <tr>
                <th className="py-1 font-medium">Status</th>
                <th className="py-1 font-medium">Orders</th>
                <th className="py-1 font-medium">Value</th>
              </tr>
            </thead>
            <tbody>
              {byStatus.map((row) => (
                <tr key={row.status} className="border-t border-stone-200">
                  <td className="py-1">{row.status.replaceAll('_', ' ')}</td>
                  <td className="py-1">{row.orders}</td>
                  {/* Every order is NGN today; a second currency would need a per-currency split here. */}
                  <td className="py-1">{formatMoney({ amount: row.total ?? 0, currency: 'NGN' })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="products-heading">
        <h2 id="products-heading" className="text-lg font-semibold">
          Products
        </h2>
        <ul className="mt-2 flex flex-wrap gap-3 text-sm">
          {productCounts.map((row) => (
            <li key={row.status} className="rounded-lg border border-stone-200 bg-white px-4 py-2">
              <span className="font-semibold">{row.products}</span> {row.status}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="low-stock-heading">
        <h2 id="low-stock-heading" className="text-lg font-semibold">
          Low on stock (≤ {LOW_STOCK_THRESHOLD} available)
        </h2>
        {lowStock.length === 0 ? (
          <p className="mt-2 text-stone-600">Every variant has more than {LOW_STOCK_THRESHOLD} units available.</p>
        ) : (
          <ul className="mt-2 divide-y divide-stone-200 rounded-xl border border-stone-200 bg-white text-sm">
            {lowStock.map((row) => (
              <li key={row.sku} className="flex justify-between gap-3 px-4 py-2">
                <span>
                  {row.product} – {row.title} <span className="text-stone-500">({row.sku})</span>
                </span>
                <span className="font-medium">{row.available} left</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <p className="text-sm text-stone-500">
        Find an order and refund it under{' '}
        <Link href="/admin/orders" className="underline">
          Orders
        </Link>
        ; inventory and payment tools arrive next.{' '}
        <Link href="/" className="underline">
          Back to the shop
        </Link>
      </p>
    </div>
  );
}
