// The admin's product form: what it holds as typed (ProductFormValues) and the zod schema that turns that into a
// product to save — prices typed in naira become kobo, option values become each variant's options and title, image
// URLs must be https (or an image this shop stored). Shared by the browser, to show errors before sending, and by the
// server actions, which check again. Errors carry paths such as `variants.2.sku`, so each lands next to its field.
// Whether a slug or SKU is free is the save use case's question: only the database can answer it.
import { z } from 'zod';
import { parseMoneyInput } from '../core/money';
import { MAX_STOCK_ON_HAND } from '../inventory/stock-rules';

export const MAX_OPTIONS = 3;
export const MAX_VARIANTS = 100;
export const MAX_IMAGES = 10;
/** ₦10,000,000 in kobo: a typo guard that keeps every amount far inside the integer columns. */
export const MAX_PRICE_KOBO = 1_000_000_000;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface VariantFormValues {
  /** Set for a variant that exists already. */
  id?: string;
  /** One value per option name, in the product's option order. */
  optionValues: string[];
  sku: string;
  /** Naira as typed ("28,500" or "28500.50"). */
  price: string;
  compareAt: string;
  /** Units on the shelf when a new variant is created; existing stock changes under Inventory. */
  initialStock: string;
  archived: boolean;
}

export interface ImageFormValues {
  url: string;
  alt: string;
  width: number;
  height: number;
}

export interface ProductFormValues {
  title: string;
  slug: string;
  description: string;
  categoryId: string;
  status: 'active' | 'draft';
  featured: boolean;
  optionNames: string[];
  variants: VariantFormValues[];
  images: ImageFormValues[];
}

/** "Adire Indigo Shirt!" → "adire-indigo-shirt". */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
    .replace(/-+$/, '');
}

const naira = (options: { required: boolean; label: string }) =>
  z
    .string()
    .max(32)
    .transform((text, ctx): number | null => {
      const trimmed = text.trim();
      if (trimmed === '') {
        if (options.required) ctx.addIssue({ code: 'custom', message: `Enter the ${options.label} in naira` });
        return null;
      }
      const kobo = parseMoneyInput(trimmed, 'NGN');
      if (kobo === null || kobo <= 0) ctx.addIssue({ code: 'custom', message: `Enter the ${options.label} in naira, e.g. 28500 or 28,500.50` });
      else if (kobo > MAX_PRICE_KOBO) ctx.addIssue({ code: 'custom', message: 'That is more than ₦10,000,000: check the amount' });
      return kobo;
    });

const units = z
  .string()
  .max(16)
  .transform((text, ctx) => {
    const trimmed = text.trim().replace(/,/g, '');
    if (trimmed === '') return 0;
    if (!/^\d+$/.test(trimmed) || Number(trimmed) > MAX_STOCK_ON_HAND) {
      ctx.addIssue({ code: 'custom', message: `Enter a whole number from 0 to ${MAX_STOCK_ON_HAND.toLocaleString('en-NG')}` });
      return 0;
    }
    return Number(trimmed);
  });

/** https://… anywhere, or a path to an image this shop serves itself (uploads, the seed's pictures). */
export function isAllowedImageUrl(url: string): boolean {
  if (/^\/(uploads|products)\/[A-Za-z0-9][A-Za-z0-9._-]*$/.test(url) && !url.includes('..')) return true;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.hostname.includes('.');
  } catch {
    return false;
  }
}

const imageSchema = z.object({
  url: z.string().trim().max(2000, 'Keep the address under 2,000 characters').refine(isAllowedImageUrl, 'Use an https:// address (or upload the file)'),
  alt: z.string().trim().max(200, 'Keep the description under 200 characters'),
  width: z.number().int().min(1).max(10_000),
  height: z.number().int().min(1).max(10_000),
});

const variantSchema = z.object({
  id: z.uuid().optional(),
  optionValues: z.array(z.string().trim().max(40, 'Keep option values under 40 characters')).max(MAX_OPTIONS),
  sku: z
    .string()
    .trim()
    .toUpperCase()
    .min(1, 'Enter a SKU')
    .max(64, 'Keep the SKU under 64 characters')
    .regex(/^[A-Z0-9][A-Z0-9._-]*$/, 'Use letters, digits, dots, dashes and underscores'),
  price: naira({ required: true, label: 'price' }),
  compareAt: naira({ required: false, label: 'compare-at price' }),
  initialStock: units,
  archived: z.boolean(),
});

export const productFormSchema = z
  .object({
    title: z.string().trim().min(1, 'Enter a title').max(120, 'Keep the title under 120 characters'),
    slug: z
      .string()
      .trim()
      .min(1, 'Enter a slug (the product’s address in the shop)')
      .max(120, 'Keep the slug under 120 characters')
      .regex(SLUG_PATTERN, 'Use lowercase letters, digits and single hyphens, e.g. adire-indigo-shirt'),
    description: z.string().trim().max(5000, 'Keep the description under 5,000 characters'),
    categoryId: z.uuid({ error: 'Choose a category' }),
    status: z.enum(['active', 'draft']),
    featured: z.boolean(),
    optionNames: z
      .array(z.string().trim().min(1, 'Name the option (e.g. Size) or remove it').max(30, 'Keep option names under 30 characters'))
      .max(MAX_OPTIONS),
    variants: z.array(variantSchema).min(1, 'Add at least one variant').max(MAX_VARIANTS),
    images: z.array(imageSchema).max(MAX_IMAGES, `At most ${MAX_IMAGES} images`),
  })
  .superRefine((form, ctx) => {
    const names = form.optionNames.map((name) => name.toLowerCase());
    names.forEach((name, index) => {
      if (name && names.indexOf(name) !== index) ctx.addIssue({ code: 'custom', path: ['optionNames', index], message: 'Each option needs its own name' });
    });
    if (form.optionNames.length === 0 && form.variants.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['optionNames'], message: 'Add an option (e.g. Size) to sell more than one variant' });
    }
    const combos = new Map<string, number>();
    const skus = new Map<string, number>();
    form.variants.forEach((variant, index) => {
      form.optionNames.forEach((name, position) => {
        if (!variant.optionValues[position]) {
          ctx.addIssue({ code: 'custom', path: ['variants', index, 'optionValues', position], message: `Enter the ${name || 'option'} value` });
        }
      });
      const combo = variant.optionValues
        .slice(0, form.optionNames.length)
        .map((value) => value.toLowerCase())
        .join('\u0000');
      if (combos.has(combo)) ctx.addIssue({ code: 'custom', path: ['variants', index, 'optionValues'], message: 'Another variant has the same options' });
      else combos.set(combo, index);
      if (skus.has(variant.sku)) ctx.addIssue({ code: 'custom', path: ['variants', index, 'sku'], message: 'Another variant in this form has this SKU' });
      else skus.set(variant.sku, index);
      if (variant.compareAt !== null && variant.price !== null && variant.compareAt <= variant.price) {
        ctx.addIssue({ code: 'custom', path: ['variants', index, 'compareAt'], message: 'The compare-at price must be higher than the price' });
      }
    });
    if (form.status === 'active' && form.variants.every((variant) => variant.archived)) {
      ctx.addIssue({ code: 'custom', path: ['variants'], message: 'Keep at least one variant on sale, or save the product as a draft' });
    }
    const urls = form.images.map((image) => image.url);
    urls.forEach((url, index) => {
      if (urls.indexOf(url) !== index) ctx.addIssue({ code: 'custom', path: ['images', index, 'url'], message: 'This image is already in the list' });
    });
  })
  .transform((form) => ({
    title: form.title,
    slug: form.slug,
    description: form.description,
    categoryId: form.categoryId,
    status: form.status,
    featured: form.featured,
    optionNames: form.optionNames,
    variants: form.variants.map((variant, position) => {
      const values = form.optionNames.map((_, index) => variant.optionValues[index] ?? '');
      return {
        id: variant.id,
        options: Object.fromEntries(form.optionNames.map((name, index) => [name, values[index] ?? ''])),
        // The seed's convention: "M / Indigo", or "Default" for a product without options.
        title: values.length > 0 ? values.join(' / ') : 'Default',
        sku: variant.sku,
        priceAmount: variant.price ?? 0,
        compareAtAmount: variant.compareAt,
        initialStock: variant.initialStock,
        archived: variant.archived,
        position,
      };
    }),
    images: form.images.map((image, position) => ({ ...image, alt: image.alt || form.title, position })),
  }));

export type ProductInput = z.output<typeof productFormSchema>;
export type ProductVariantInput = ProductInput['variants'][number];

/** Field errors by path ("slug", "variants.2.sku"), as the form shows them. */
export type ProductFieldErrors = Record<string, string[]>;

export function parseProductForm(values: unknown): { ok: true; input: ProductInput } | { ok: false; fieldErrors: ProductFieldErrors } {
  const parsed = productFormSchema.safeParse(values);
  if (parsed.success) return { ok: true, input: parsed.data };
  const fieldErrors: ProductFieldErrors = {};
  // One message per field, the first: an empty slug needs "Enter a slug", not also a lesson in its pattern.
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.') || 'form';
    fieldErrors[key] ??= [issue.message];
  }
  return { ok: false, fieldErrors };
}
