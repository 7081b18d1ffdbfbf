// GET /admin/inventory/:variantId – one variant's stock: on hand, reserved, available; the orders holding it and when
// each hold ends; adjust stock (version-checked), low-stock threshold, and the variant's stock history
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AdjustStockForm } from '@/app/(admin)/admin/inventory/[variantId]/_components/adjust-stock-form';
import { ThresholdForm } from '@/app/(admin)/admin/inventory/[variantId]/_components/threshold-form';
import { Card } from '@/components/ui/card';
import { TableHead } from '@/components/ui/table-head';
import { formatDateTime } from '@/lib/core/format-date';
import { userForPage } from '@/lib/server/doors/auth';
import { loadVariantStock } from './load-variant-stock';

export const metadata: Metadata = { title: 'Variant stock', robots: { index: false } };

export default async function AdminVariantStockPage({ params }: { params: Promise<{ variantId: string }> }) {
  const { variantId } = await params;
  await userForPage('admin', `/admin/inventory/${encodeURIComponent(variantId)}`);
  const loaded = await loadVariantStock(variantId);
  if (!loaded) notFound();
  const { variant, forSale, holds, heldUnits, history } = loaded;
  const low = variant.low;

  return (
    <div className="space-y-6">
      <Link href="/admin/inventory" className="text-sm font-medium text-brand-700 underline underline-offset-2">
        ← Inventory
      </Link>
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">
          {variant.productTitle} – {variant.variantTitle}
        </h1>
        <p className="flex flex-wrap gap-x-3 text-sm text-stone-600">
          <span className="font-mono">{variant.sku}</span>
          <Link href={`/admin/products/${variant.productId}`} className="font-medium text-brand-700 underline underline-offset-2">
            Edit product
          </Link>
          {forSale ? (
            <Link href={`/products/${variant.productSlug}?variant=${variant.variantId}`} className="font-medium text-brand-700 underline underline-offset-2">
              View in shop
            </Link>
          ) : (
            <span>{variant.archivedAt ? 'Variant archived: not for sale' : `Product ${variant.productStatus}: not in the shop`}</span>
          )}
        </p>
      </div>

      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="stock-levels">
        {[
          { label: 'On hand', value: variant.stockOnHand, id: 'on-hand' },
          { label: 'Reserved', value: variant.reserved, id: 'reserved' },
          { label: 'Available', value: variant.available, id: 'available' },
          { label: 'Low-stock threshold', value: variant.lowStockThreshold, id: 'threshold' },
        ].map((stat) => (
          <div
            key={stat.id}
            className={`rounded-xl border bg-white px-4 py-3 ${stat.id === 'available' && low ? 'border-red-300 bg-red-50' : 'border-stone-200'}`}
          >
            <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">{stat.label}</dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums" data-testid={`stock-${stat.id}`}>
              {stat.value.toLocaleString('en-NG')}
              {stat.id === 'available' && low ? <span className="ml-2 align-middle text-xs font-medium text-red-800">Low</span> : null}
            </dd>
          </div>
        ))}
      </dl>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="">
          <AdjustStockForm variantId={variant.variantId} stockOnHand={variant.stockOnHand} reserved={variant.reserved} />
        </Card>
        <Card className="space-y-6">
          <ThresholdForm variantId={variant.variantId} threshold={variant.lowStockThreshold} />
          <section aria-labelledby="holds-heading" className="space-y-2">
            <h2 id="holds-heading" className="text-lg font-semibold">
              Active holds
            </h2>
            {holds.length === 0 ? (
              <p className="text-sm text-stone-600">No unpaid order holds this variant.</p>
            ) : (
              <>
                <p className="text-sm text-stone-600">
                  {heldUnits} {heldUnits === 1 ? 'unit' : 'units'} held by {holds.length} {holds.length === 1 ? 'order' : 'orders'} waiting for payment. A hold
                  ends at its time unless the order is paid.
                </p>
                <table className="w-full text-left text-sm" data-testid="active-holds">
                  <TableHead
                    cellClassName="py-1"
                    columns={[{ label: 'Order' }, { label: 'Units', className: 'text-right' }, { label: 'Hold ends', className: 'pl-4' }]}
                  />
                  <tbody className="divide-y divide-stone-100">
                    {holds.map((hold) => (
                      <tr key={hold.reservationId}>
                        <td className="py-2">
                          <Link href={`/admin/orders/${hold.orderId}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                            {hold.orderNumber}
                          </Link>
                          <span className="block text-xs text-stone-500">{hold.email}</span>
                        </td>
                        <td className="py-2 text-right tabular-nums">{hold.quantity}</td>
                        <td className="py-2 pl-4">
                          {formatDateTime(hold.reservedUntil)}
                          <span className="block text-xs text-stone-500">{hold.endsIn}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </section>
        </Card>
      </div>

      <Card id="history" title="Stock history" className="space-y-3">
        {history.length === 0 ? (
          <p className="text-sm text-stone-600">No stock movements recorded yet.</p>
        ) : (
          <ol className="divide-y divide-stone-100 text-sm" data-testid="stock-history">
            {history.map(({ entry, line }) => (
              <li key={entry.id} className="flex flex-wrap justify-between gap-x-4 gap-y-1 py-2">
                <span>
                  {line.summary}
                  {line.orderId ? (
                    <>
                      {' · '}
                      <Link href={`/admin/orders/${line.orderId}`} className="text-brand-700 underline underline-offset-2">
                        order
                      </Link>
                    </>
                  ) : null}
                  {line.detail ? <span className="block text-xs text-stone-500">{line.detail}</span> : null}
                </span>
                <time dateTime={entry.createdAt.toISOString()} className="whitespace-nowrap text-stone-500">
                  {formatDateTime(entry.createdAt)}
                </time>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
