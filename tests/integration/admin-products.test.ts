// Products made and changed in the admin console, against the real Postgres: a created product is in the catalogue
// reads the storefront uses (category listing, search, product page, live variants); a taken slug or SKU comes back as
// a field error next to that field and writes nothing; an edit is saved with its audit trail, and an edit made on a
// stale copy is refused; archiving takes the product out of every catalogue read and out of checkout. Stood in: who
// is signed in, for the actions' refusal of a customer (through the doors' own seam).
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProductAction, setProductArchivedAction, updateProductAction } from '@/app/(admin)/admin/products/actions';
import { getProductForEdit } from '@/db/queries/admin-products';
import { getProductBySlug, listProductSlugs, listProducts, listVariantOffers } from '@/db/queries/catalog';
import { searchProducts } from '@/db/queries/catalog-search';
import { auditLogs, categories, products, productVariants, users } from '@/db/schema';
import { placeOrder } from '@/lib/checkout/place-order';
import { createProduct } from '@/lib/products/create-product';
import { toEditorData } from '@/lib/products/product-editor-data';
import { type ProductFormValues, parseProductForm } from '@/lib/products/product-form';
import { setProductArchived } from '@/lib/products/set-product-archived';
import { updateProduct } from '@/lib/products/update-product';
import { withDoorDeps } from '@/lib/server/deps/door-deps';
import { createFixtureUser } from '../support/cart-fixtures';
import { testAddress } from '../support/catalog-fixtures';
import { testDatabase } from '../support/db';

const { db, sql } = testDatabase(10);
let adminId: string;
let customer: { id: string; email: string; name: string; role: 'customer' };
let homeId: string;

beforeAll(async () => {
  adminId = (await createFixtureUser(db, 'admin')).id;
  const row = await createFixtureUser(db, 'customer');
  customer = { id: row.id, email: row.email, name: row.name, role: 'customer' };
  const [home] = await db.select({ id: categories.id }).from(categories).where(eq(categories.slug, 'home'));
  homeId = home!.id;
});
afterAll(async () => {
  await db.delete(users).where(inArray(users.id, [adminId, customer.id]));
  await sql.end();
});

/** A form as an admin fills it in: a unique word in the title so search finds exactly this product. */
function form(overrides: Partial<ProductFormValues> = {}): ProductFormValues {
  const tag = randomUUID().slice(0, 8);
  return {
    title: `Okuta ${tag} Vase`,
    slug: `okuta-${tag}-vase`,
    description: 'Hand-thrown stoneware from Ilorin, glazed in deep indigo.',
    categoryId: homeId,
    status: 'active',
    featured: false,
    optionNames: ['Size'],
    variants: [
      { optionValues: ['Small'], sku: `okv-${tag}-s`, price: '12,500', compareAt: '15000', initialStock: '4', archived: false },
      { optionValues: ['Large'], sku: `okv-${tag}-l`, price: '18500.50', compareAt: '', initialStock: '0', archived: false },
    ],
    images: [{ url: '/uploads/0000000000000000000000000000000000000000000000000000000000000000.png', alt: '', width: 800, height: 600 }],
    ...overrides,
  };
}

function parsed(values: ProductFormValues) {
  const result = parseProductForm(values);
  if (!result.ok) throw new Error(`form invalid: ${JSON.stringify(result.fieldErrors)}`);
  return result.input;
}

async function created(values = form()) {
  const result = await createProduct(db, parsed(values), adminId);
  if (!result.ok) throw new Error(`not created: ${JSON.stringify(result.error)}`);
  return { ...result.value, values };
}

const productAudit = (entityId: string) =>
  db
    .select()
    .from(auditLogs)
    .where(and(eq(auditLogs.entityType, 'product'), eq(auditLogs.entityId, entityId)));

describe('createProduct', () => {
  it('creates the product, its variants with their starting stock and images, audited, and the catalogue shows it', async () => {
    const { id, slug, values } = await created();
    const variants = await db.select().from(productVariants).where(eq(productVariants.productId, id));
    expect(
      variants.map(({ sku, title, options, priceAmount, compareAtAmount, stockOnHand, reserved, version }) => ({
        sku,
        title,
        options,
        priceAmount,
        compareAtAmount,
        stockOnHand,
        reserved,
        version,
      })),
    ).toEqual(
      expect.arrayContaining([
        {
          sku: values.variants[0]!.sku.toUpperCase(),
          title: 'Small',
          options: { Size: 'Small' },
          priceAmount: 12_500_00,
          compareAtAmount: 15_000_00,
          stockOnHand: 4,
          reserved: 0,
          version: 0,
        },
        {
          sku: values.variants[1]!.sku.toUpperCase(),
          title: 'Large',
          options: { Size: 'Large' },
          priceAmount: 18_500_50,
          compareAtAmount: null,
          stockOnHand: 0,
          reserved: 0,
          version: 0,
        },
      ]),
    );
    const [entry] = await productAudit(id);
    expect(entry).toMatchObject({ action: 'product.created', actorType: 'admin', actorId: adminId, after: { slug, status: 'active' } });
    const variantEntries = await db
      .select()
      .from(auditLogs)
      .where(
        and(
          eq(auditLogs.action, 'variant.created'),
          inArray(
            auditLogs.entityId,
            variants.map((variant) => variant.id),
          ),
        ),
      );
    expect(variantEntries).toHaveLength(2);

    // The storefront's reads: the category listing, search, the product page and its live variants.
    const listing = await listProducts(db, { categorySlug: 'home', sort: 'newest', page: 1, pageSize: 100 });
    expect(listing.map((item) => item.slug)).toContain(slug);
    const hits = await searchProducts(db, { query: values.title.split(' ')[1]!, page: 1, pageSize: 10 });
    expect(hits.map((hit) => hit.slug)).toEqual([slug]);
    expect(await getProductBySlug(db, slug)).toMatchObject({ title: values.title, images: [{ url: values.images[0]!.url, alt: values.title }] });
    expect((await listVariantOffers(db, slug)).map((offer) => offer.available)).toEqual([4, 0]);
  });

  it('answers a taken slug and a taken SKU as errors on those fields, and writes nothing', async () => {
    const first = await created();
    const taken = form({ slug: first.slug });
    taken.variants[1]!.sku = first.values.variants[0]!.sku;
    const result = await createProduct(db, parsed(taken), adminId);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid',
        fieldErrors: { slug: [`“${first.values.title}” already uses this slug`], 'variants.1.sku': [`Already used by ${first.values.title} – Small`] },
      },
    });
    expect(await db.$count(products, eq(products.title, taken.title))).toBe(0);
    expect(await db.$count(productVariants, eq(productVariants.sku, taken.variants[0]!.sku.toUpperCase()))).toBe(0);
  });

  it('checks the form field by field: naira amounts, compare-at, SKUs, option values, image addresses, slug', () => {
    const values = form({ slug: 'Not A Slug', images: [{ url: 'http://example.com/a.png', alt: '', width: 10, height: 10 }] });
    values.variants[0] = { ...values.variants[0]!, price: '12.505', compareAt: '10000' };
    values.variants[1] = { ...values.variants[1]!, optionValues: [''], sku: values.variants[0]!.sku };
    const result = parseProductForm(values);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.fieldErrors).sort()).toEqual(['images.0.url', 'slug', 'variants.0.price'].sort());
    // Once each field is well-formed, the cross-field rules speak.
    const second = form();
    second.variants[0] = { ...second.variants[0]!, compareAt: '12500' };
    second.variants[1] = { ...second.variants[1]!, optionValues: [''], sku: second.variants[0]!.sku };
    const crossed = parseProductForm(second);
    expect(crossed.ok === false && crossed.fieldErrors).toEqual({
      'variants.0.compareAt': ['The compare-at price must be higher than the price'],
      'variants.1.optionValues.0': ['Enter the Size value'],
      'variants.1.sku': ['Another variant in this form has this SKU'],
    });
  });
});

describe('updateProduct', () => {
  it('saves fields, prices, a new variant and an archived one, with before and after in the audit log', async () => {
    const { id, values } = await created();
    const stored = toEditorData((await getProductForEdit(db, id))!);
    const edited: ProductFormValues = {
      ...stored.values,
      title: `${values.title} II`,
      variants: [
        { ...stored.values.variants[0]!, price: '13000' },
        { ...stored.values.variants[1]!, archived: true },
        { optionValues: ['Medium'], sku: `${values.variants[0]!.sku}-m`, price: '15000', compareAt: '', initialStock: '7', archived: false },
      ],
    };
    const result = await updateProduct(db, { productId: id, expectedUpdatedAt: stored.updatedAt, input: parsed(edited), adminId });
    expect(result).toMatchObject({ ok: true, value: { id, changed: true, slug: values.slug, previousSlug: values.slug } });

    const after = toEditorData((await getProductForEdit(db, id))!);
    expect(after.values.title).toBe(`${values.title} II`);
    expect(after.values.variants.map((variant) => [variant.optionValues[0], variant.price, variant.archived])).toEqual([
      ['Small', '13000', false],
      ['Large', '18500.50', true],
      ['Medium', '15000', false],
    ]);
    const medium = after.values.variants[2]!;
    expect(after.stock[medium.id!]).toEqual({ stockOnHand: 7, reserved: 0 });
    const [entry] = await productAudit(id).then((rows) => rows.filter((row) => row.action === 'product.updated'));
    expect(entry).toMatchObject({
      actorId: adminId,
      before: { title: values.title },
      after: { title: `${values.title} II` },
      metadata: { variants: { created: 1, updated: 1, archived: 1, restored: 0 } },
    });
    const [priceEntry] = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.action, 'variant.updated'), eq(auditLogs.entityId, stored.values.variants[0]!.id!)));
    expect(priceEntry).toMatchObject({ before: { priceAmount: 12_500_00 }, after: { priceAmount: 13_000_00 } });
    expect((await listVariantOffers(db, values.slug)).map((offer) => offer.title)).toEqual(['Small', 'Medium']);
  });

  it('refuses a save made on a stale copy and writes nothing', async () => {
    const { id } = await created();
    const stale = toEditorData((await getProductForEdit(db, id))!);
    const first = await updateProduct(db, {
      productId: id,
      expectedUpdatedAt: stale.updatedAt,
      input: parsed({ ...stale.values, description: 'First.' }),
      adminId,
    });
    expect(first.ok).toBe(true);
    const second = await updateProduct(db, { productId: id, expectedUpdatedAt: stale.updatedAt, input: parsed({ ...stale.values, title: 'Second' }), adminId });
    expect(second).toMatchObject({ ok: false, error: { code: 'changed_since_read' } });
    const now = (await getProductForEdit(db, id))!.product;
    expect(now).toMatchObject({ description: 'First.', title: stale.values.title });
  });

  it('answers a slug taken by another product as a field error', async () => {
    const [one, two] = [await created(), await created()];
    const stored = toEditorData((await getProductForEdit(db, two.id))!);
    const result = await updateProduct(db, {
      productId: two.id,
      expectedUpdatedAt: stored.updatedAt,
      input: parsed({ ...stored.values, slug: one.slug }),
      adminId,
    });
    expect(result).toEqual({ ok: false, error: { code: 'invalid', fieldErrors: { slug: [`“${one.values.title}” already uses this slug`] } } });
  });

  it('lets two variants swap SKUs', async () => {
    const { id } = await created();
    const stored = toEditorData((await getProductForEdit(db, id))!);
    const [small, large] = stored.values.variants;
    const swapped = {
      ...stored.values,
      variants: [
        { ...small!, sku: large!.sku },
        { ...large!, sku: small!.sku },
      ],
    };
    expect((await updateProduct(db, { productId: id, expectedUpdatedAt: stored.updatedAt, input: parsed(swapped), adminId })).ok).toBe(true);
    const after = toEditorData((await getProductForEdit(db, id))!);
    expect(after.values.variants.map((variant) => variant.sku)).toEqual([large!.sku, small!.sku]);
  });
});

describe('archiving', () => {
  it('takes the product out of every catalogue read and out of checkout; unarchived, it comes back as a draft', async () => {
    const { id, slug, values } = await created();
    const [variant] = await db.select({ id: productVariants.id }).from(productVariants).where(eq(productVariants.productId, id));
    expect(await listProductSlugs(db)).toContain(slug);

    expect(await setProductArchived(db, { productId: id, archived: true, adminId })).toMatchObject({ ok: true, value: { slug, status: 'archived' } });
    expect(await getProductBySlug(db, slug)).toBeNull();
    expect(await listVariantOffers(db, slug)).toEqual([]);
    expect(await listProductSlugs(db)).not.toContain(slug);
    expect((await listProducts(db, { categorySlug: 'home', sort: 'newest', page: 1, pageSize: 100 })).map((item) => item.slug)).not.toContain(slug);
    expect(await searchProducts(db, { query: values.title.split(' ')[1]!, page: 1, pageSize: 10 })).toEqual([]);
    const order = await placeOrder(
      { db },
      {
        userId: null,
        email: 'archived@example.test',
        shippingAddress: testAddress,
        deliveryOption: 'pickup',
        lines: [{ variantId: variant!.id, quantity: 1 }],
      },
    );
    expect(order).toMatchObject({ ok: false, error: { code: 'invalid_lines', problems: [{ variantId: variant!.id, problem: 'unavailable' }] } });
    expect(await setProductArchived(db, { productId: id, archived: true, adminId })).toEqual({ ok: false, error: { code: 'unchanged', status: 'archived' } });

    expect(await setProductArchived(db, { productId: id, archived: false, adminId })).toMatchObject({ ok: true, value: { status: 'draft' } });
    expect(await getProductBySlug(db, slug)).toBeNull();
    expect((await productAudit(id)).map((entry) => [entry.action, entry.before, entry.after])).toEqual(
      expect.arrayContaining([
        ['product.archived', { status: 'active' }, { status: 'archived' }],
        ['product.unarchived', { status: 'archived' }, { status: 'draft' }],
      ]),
    );
  });
});

describe('product actions', () => {
  const asCustomer = <T>(fn: () => Promise<T>) => withDoorDeps({ currentUser: async () => customer, requestHeaders: async () => new Headers() }, fn);

  it('refuse a customer before touching anything', async () => {
    const { id, values } = await created();
    const stored = toEditorData((await getProductForEdit(db, id))!);
    const create = await asCustomer(() => createProductAction({ values: { ...form() } }));
    expect(create?.serverError?.code).toBe('forbidden');
    const update = await asCustomer(() =>
      updateProductAction({ productId: id, expectedUpdatedAt: stored.updatedAt, values: { ...stored.values, title: 'Hacked' } }),
    );
    expect(update?.serverError?.code).toBe('forbidden');
    const archive = await asCustomer(() => setProductArchivedAction({ productId: id, archived: true }));
    expect(archive?.serverError?.code).toBe('forbidden');
    expect((await getProductForEdit(db, id))!.product).toMatchObject({ title: values.title, status: 'active' });
  });
});
