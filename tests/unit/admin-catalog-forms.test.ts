// The admin catalogue's pure rules: a stock correction's target, the stock form (whole units, a reason), the stock
// history in words, and the product form's conversions (naira → kobo, slugs, image addresses, stored product → form
// and back).
import { describe, expect, it } from 'vitest';
import { describeStockEntry } from '@/lib/inventory/stock-history';
import { adjustStockFormSchema, thresholdFormSchema } from '@/lib/inventory/stock-forms';
import { targetOnHand } from '@/lib/inventory/stock-rules';
import { nairaText, toEditorData } from '@/lib/products/product-editor-data';
import { isAllowedImageUrl, parseProductForm, slugify } from '@/lib/products/product-form';

const variantId = '00000000-0000-4000-8000-000000000001';

describe('stock corrections', () => {
  it.each([
    [10, 'set', 4, 4],
    [10, 'add', 5, 15],
    [10, 'remove', 3, 7],
  ] as const)('%i on hand, %s %i → %i', (current, mode, quantity, target) => {
    expect(targetOnHand(current, mode, quantity)).toBe(target);
  });

  it('reads whole units and wants a reason', () => {
    const form = { variantId, expectedOnHand: 3, mode: 'add', quantity: '1,200', reason: 'Delivery from Aba' };
    expect(adjustStockFormSchema.parse(form)).toEqual({ ...form, quantity: 1200 });
    const refused = adjustStockFormSchema.safeParse({ ...form, quantity: '2.5', reason: ' ' });
    expect(refused.success === false && refused.error.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['quantity', 'Enter a whole number from 0 to 1,000,000'],
      ['reason', 'Say why the stock changes (e.g. "stocktake" or "delivery from supplier")'],
    ]);
    const nothing = adjustStockFormSchema.safeParse({ ...form, quantity: '0' });
    expect(nothing.success === false && nothing.error.issues[0]?.message).toBe('Enter at least 1 unit');
    expect(adjustStockFormSchema.safeParse({ ...form, mode: 'set', quantity: '0' }).success).toBe(true);
    expect(thresholdFormSchema.parse({ variantId, threshold: ' 5 ' })).toEqual({ variantId, threshold: 5 });
    expect(thresholdFormSchema.safeParse({ variantId, threshold: '-1' }).success).toBe(false);
  });

  it('tells the stock history in words', () => {
    const admin = { actorType: 'admin' as const, actorName: 'Adaeze', metadata: null, before: null, after: null };
    expect(
      describeStockEntry({ ...admin, action: 'stock.adjusted', before: { stockOnHand: 10 }, after: { stockOnHand: 17 }, metadata: { reason: 'Delivery' } }),
    ).toEqual({ summary: 'On hand 10 → 17 (+7) by Adaeze', detail: 'Reason: Delivery' });
    expect(describeStockEntry({ ...admin, actorType: 'webhook', actorName: null, action: 'stock.committed', after: { quantity: 2, orderId: 'o1' } })).toEqual({
      summary: '2 sold (payment confirmed by Paystack webhook)',
      orderId: 'o1',
    });
    expect(describeStockEntry({ ...admin, action: 'stock.threshold_changed', before: { lowStockThreshold: 3 }, after: { lowStockThreshold: 8 } }).summary).toBe(
      'Low-stock threshold 3 → 8 by Adaeze',
    );
    expect(describeStockEntry({ ...admin, action: 'something.new' }).summary).toBe('something.new by Adaeze');
  });
});

describe('product form', () => {
  it('makes slugs from titles', () => {
    expect(slugify('Adire Indigo Shirt!')).toBe('adire-indigo-shirt');
    expect(slugify('  Ọjà Crème — 2 pack ')).toBe('oja-creme-2-pack');
  });

  it('accepts https addresses and the shop’s own images only', () => {
    expect(isAllowedImageUrl('https://images.example.com/a.png')).toBe(true);
    expect(isAllowedImageUrl(`/uploads/${'a'.repeat(64)}.png`)).toBe(true);
    expect(isAllowedImageUrl('/products/adire-indigo-shirt.svg')).toBe(true);
    for (const bad of [
      'http://example.com/a.png',
      'javascript:alert(1)',
      'data:image/png;base64,AAAA',
      '//evil.example/a.png',
      '/uploads/../secret',
      'https://user:pw@example.com/a.png',
      'https://localhost/a.png',
    ]) {
      expect(isAllowedImageUrl(bad), bad).toBe(false);
    }
  });

  it('turns a stored product into the form and back without changing an amount', () => {
    const stored = {
      product: {
        id: variantId,
        title: 'Adire Shirt',
        slug: 'adire-shirt',
        description: '',
        categoryId: '00000000-0000-4000-8000-000000000002',
        status: 'active' as const,
        featured: true,
        optionNames: ['Size', 'Colour'],
        updatedAt: new Date('2026-03-01T10:00:00.123Z'),
      },
      variants: [
        {
          id: '00000000-0000-4000-8000-000000000003',
          sku: 'ADR-S-IND',
          options: { Size: 'S', Colour: 'Indigo' },
          priceAmount: 2_850_050,
          compareAtAmount: 3_000_000,
          stockOnHand: 4,
          reserved: 1,
          archivedAt: null,
        },
      ],
      images: [{ url: '/products/adire-shirt.svg', alt: 'Adire Shirt', width: 800, height: 800 }],
    };
    const data = toEditorData(stored);
    expect(data.updatedAt).toBe('2026-03-01T10:00:00.123Z');
    expect(data.values.variants[0]).toMatchObject({ optionValues: ['S', 'Indigo'], price: '28500.50', compareAt: '30000' });
    const parsed = parseProductForm(data.values);
    expect(parsed.ok && parsed.input.variants[0]).toMatchObject({
      id: stored.variants[0]!.id,
      title: 'S / Indigo',
      options: { Size: 'S', Colour: 'Indigo' },
      priceAmount: 2_850_050,
      compareAtAmount: 3_000_000,
    });
    expect(nairaText(100)).toBe('1');
  });

  it('wants an option to sell more than one variant, and one variant on sale to be active', () => {
    const base = {
      title: 'Mug',
      slug: 'mug',
      description: '',
      categoryId: '00000000-0000-4000-8000-000000000002',
      status: 'active' as const,
      featured: false,
      optionNames: [],
      images: [],
    };
    const variant = { optionValues: [], sku: 'MUG-1', price: '5000', compareAt: '', initialStock: '3', archived: false };
    expect(parseProductForm({ ...base, variants: [variant, { ...variant, sku: 'MUG-2' }] })).toMatchObject({
      ok: false,
      fieldErrors: { optionNames: ['Add an option (e.g. Size) to sell more than one variant'] },
    });
    expect(parseProductForm({ ...base, variants: [{ ...variant, archived: true }] })).toMatchObject({
      ok: false,
      fieldErrors: { variants: ['Keep at least one variant on sale, or save the product as a draft'] },
    });
    const single = parseProductForm({ ...base, variants: [variant] });
    expect(single.ok && single.input.variants[0]).toMatchObject({ title: 'Default', options: {}, sku: 'MUG-1', priceAmount: 500_000, initialStock: 3 });
  });
});
