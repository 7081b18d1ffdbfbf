import { sql, type SQL } from 'drizzle-orm';
import { boolean, check, customType, index, integer, jsonb, pgEnum, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, currency, id, minor, tstz, updatedAt } from './_columns';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const productStatus = pgEnum('product_status', ['active', 'draft', 'archived']);

export const categories = pgTable('categories', {
  id: id(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  position: integer('position').notNull().default(0),
  createdAt: createdAt(),
});

export const products = pgTable(
  'products',
  {
    id: id(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id, { onDelete: 'restrict' }),
    status: productStatus('status').notNull().default('active'),
    featured: boolean('featured').notNull().default(false),
    /** Option names in display order, e.g. ["Size", "Colour"]; each variant has a value for each. */
    optionNames: jsonb('option_names').$type<string[]>().notNull().default([]),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL => sql`setweight(to_tsvector('english', ${products.title}), 'A') || setweight(to_tsvector('english', ${products.description}), 'B')`,
    ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('products_category_idx').on(t.categoryId, t.status),
    index('products_search_idx').using('gin', t.searchVector),
    index('products_created_idx').on(t.createdAt),
  ],
);

export const productImages = pgTable(
  'product_images',
  {
    id: id(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    alt: text('alt').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('product_images_product_idx').on(t.productId, t.position)],
);

export const productVariants = pgTable(
  'product_variants',
  {
    id: id(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'restrict' }),
    sku: text('sku').notNull().unique(),
    title: text('title').notNull(),
    /** Option name → value, e.g. { Size: "M", Colour: "Black" }. */
    options: jsonb('options').$type<Record<string, string>>().notNull().default({}),
    priceAmount: minor('price_amount').notNull(),
    compareAtAmount: minor('compare_at_amount'),
    currency: currency(),
    stockOnHand: integer('stock_on_hand').notNull().default(0),
    /** Units held by active reservations; available = stock_on_hand - reserved. */
    reserved: integer('reserved').notNull().default(0),
    /** Increments on every stock change: the optimistic-lock token of the commit path. */
    version: integer('version').notNull().default(0),
    maxPerOrder: integer('max_per_order').notNull().default(10),
    /** Admins hear about it (one digest) when a sale takes availability to this many units or fewer. */
    lowStockThreshold: integer('low_stock_threshold').notNull().default(3),
    position: integer('position').notNull().default(0),
    archivedAt: tstz('archived_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('product_variants_product_idx').on(t.productId, t.position),
    check('product_variants_stock_non_negative', sql`${t.stockOnHand} >= 0`),
    check('product_variants_reserved_non_negative', sql`${t.reserved} >= 0`),
    check('product_variants_reserved_within_stock', sql`${t.reserved} <= ${t.stockOnHand}`),
    check('product_variants_price_positive', sql`${t.priceAmount} > 0`),
    check('product_variants_compare_at_positive', sql`${t.compareAtAmount} IS NULL OR ${t.compareAtAmount} > 0`),
    check('product_variants_max_per_order_positive', sql`${t.maxPerOrder} > 0`),
    check('product_variants_low_stock_threshold_non_negative', sql`${t.lowStockThreshold} >= 0`),
  ],
);
