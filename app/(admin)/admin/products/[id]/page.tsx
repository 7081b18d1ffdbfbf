// GET /admin/products/:id – edit a product and its variants and images; archive or unarchive it
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { ProductForm } from '../_components/product-form';
import { ProductStatusBadge } from '@/components/admin/catalog/product-status-badge';
import { db } from '@/db';
import { categoryOptions, getProductForEdit } from '@/db/queries/admin-products';
import { formatDateTime } from '@/lib/core/format-date';
import { toEditorData } from '@/lib/products/product-editor-data';
import { userForPage } from '@/lib/server/doors/auth';

export const metadata: Metadata = { title: 'Edit product', robots: { index: false } };

export default async function AdminEditProductPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const [{ id }, { created }] = await Promise.all([params, searchParams]);
  await userForPage('admin', `/admin/products/${encodeURIComponent(id)}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const [stored, categories] = await Promise.all([getProductForEdit(db, id), categoryOptions(db)]);
  if (!stored) notFound();
  const { product, variants } = stored;
  const live = variants.some((variant) => variant.archivedAt === null);

  return (
    <div className="space-y-6">
      <Link href="/admin/products" className="text-sm font-medium text-brand-700 underline underline-offset-2">
        ← Products
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">{product.title}</h1>
        <ProductStatusBadge status={product.status} />
        <p className="w-full text-sm text-stone-600">
          Last saved {formatDateTime(product.updatedAt)}
          {product.status === 'active' && live ? (
            <>
              {' · '}
              <Link href={`/products/${product.slug}`} className="font-medium text-brand-700 underline underline-offset-2">
                View in shop
              </Link>
            </>
          ) : product.status === 'active' ? (
            ' · Not in the shop: no variant is on sale'
          ) : null}
        </p>
      </div>
      {created ? (
        <p role="status" className="rounded-lg border border-brand-600/40 bg-brand-50 px-4 py-3 text-sm text-brand-700">
          Product created.{product.status === 'active' ? ' It is in the shop now.' : ' It is a draft: choose Active and save to publish it.'}
        </p>
      ) : null}
      <ProductForm categories={categories} product={toEditorData(stored)} />
    </div>
  );
}
