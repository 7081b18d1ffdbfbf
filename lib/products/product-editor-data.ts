// A stored product as the edit form shows it: amounts back to naira text, option values in option order, and the
// `updatedAt` the next save must still find (so a colleague's save in between is reported, not overwritten). Pure.
import { toDecimalString } from '../core/money';
import type { ProductFormValues } from './product-form';

export interface StoredProduct {
  product: {
    id: string;
    title: string;
    slug: string;
    description: string;
    categoryId: string;
    status: 'active' | 'draft' | 'archived';
    featured: boolean;
    optionNames: string[];
    updatedAt: Date;
  };
  variants: Array<{
    id: string;
    sku: string;
    options: Record<string, string>;
    priceAmount: number;
    compareAtAmount: number | null;
    stockOnHand: number;
    reserved: number;
    archivedAt: Date | null;
  }>;
  images: Array<{ url: string; alt: string; width: number; height: number }>;
}

export interface ProductEditorData {
  id: string;
  slug: string;
  status: 'active' | 'draft' | 'archived';
  /** ISO time of the version the form shows. */
  updatedAt: string;
  values: ProductFormValues;
  /** Stock of the existing variants by id, shown beside each row (changed under Inventory). */
  stock: Record<string, { stockOnHand: number; reserved: number }>;
}

/** "28500" for ₦28,500.00, "28500.50" when there are kobo: what an admin would type. */
export const nairaText = (kobo: number) => toDecimalString({ amount: kobo, currency: 'NGN' }).replace(/\.00$/, '');

export function toEditorData({ product, variants, images }: StoredProduct): ProductEditorData {
  return {
    id: product.id,
    slug: product.slug,
    status: product.status,
    updatedAt: product.updatedAt.toISOString(),
    values: {
      title: product.title,
      slug: product.slug,
      description: product.description,
      categoryId: product.categoryId,
      status: product.status === 'draft' ? 'draft' : 'active',
      featured: product.featured,
      optionNames: [...product.optionNames],
      variants: variants.map((variant) => ({
        id: variant.id,
        optionValues: product.optionNames.map((name) => variant.options[name] ?? ''),
        sku: variant.sku,
        price: nairaText(variant.priceAmount),
        compareAt: variant.compareAtAmount === null ? '' : nairaText(variant.compareAtAmount),
        initialStock: '',
        archived: variant.archivedAt !== null,
      })),
      images: images.map((image) => ({ ...image })),
    },
    stock: Object.fromEntries(variants.map((variant) => [variant.id, { stockOnHand: variant.stockOnHand, reserved: variant.reserved }])),
  };
}
