// GET /admin/products/new – create a product: details, images (upload or https address), options and variants with
// their starting stock
import type { Metadata } from 'next';
import Link from 'next/link';
import { ProductForm } from '../_components/product-form';
import { db } from '@/db';
import { categoryOptions } from '@/db/queries/admin-products';
import { userForPage } from '@/lib/server/doors/auth';

export const metadata: Metadata = { title: 'New product', robots: { index: false } };

export default async function AdminNewProductPage() {
  await userForPage('admin', '/admin/products/new');
  const categories = await categoryOptions(db);
  return (
    <div className="space-y-6">
      <Link href="/admin/products" className="text-sm font-medium text-brand-700 underline underline-offset-2">
        ← Products
      </Link>
      <h1 className="text-2xl font-semibold tracking-tight">New product</h1>
      <ProductForm categories={categories} />
    </div>
  );
}
