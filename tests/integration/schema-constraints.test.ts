// The database itself refuses rows that would break the shop's invariants, whatever code writes them.
import { eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import type { Tx } from '@/db/client';
import { categories, invoices, orders, payments, products, productVariants, refunds, users, webhookEvents } from '@/db/schema';
import { testDatabase } from '../support/db';

const { db, sql: client } = testDatabase();
afterAll(() => client.end());

class Rollback extends Error {}

/** Runs `write` in a transaction that is always rolled back, and returns the violated constraint's name. */
async function violatedConstraint(write: (tx: Tx) => Promise<unknown>): Promise<string | undefined> {
  try {
    await db.transaction(async (tx) => {
      await write(tx);
      throw new Rollback();
    });
  } catch (error) {
    if (error instanceof Rollback) return undefined;
    const cause = (error as { cause?: { constraint_name?: string } }).cause;
    return cause?.constraint_name ?? (error as { constraint_name?: string }).constraint_name;
  }
  return undefined;
}

async function someVariant(tx: Tx) {
  const [variant] = await tx.select().from(productVariants).where(sql`${productVariants.stockOnHand} >= 5`).limit(1);
  if (!variant) throw new Error('seeded variant missing');
  return variant;
}

async function newOrder(tx: Tx, overrides: Partial<typeof orders.$inferInsert> = {}) {
  const [order] = await tx
    .insert(orders)
    .values({
      number: `SO-T${Math.random().toString(36).slice(2, 10)}`,
      email: 'buyer@example.test',
      subtotalAmount: 10_000,
      shippingAmount: 1_500,
      totalAmount: 11_500,
      deliveryOption: 'standard',
      shippingAddress: { fullName: 'Test Buyer', phone: '08000000000', line1: '1 Marina', city: 'Lagos', state: 'Lagos', country: 'NG' },
      ...overrides,
    })
    .returning();
  return order!;
}

describe('stock invariants on product_variants', () => {
  it('refuses negative stock on hand', async () => {
    // With reserved >= 0, a negative stock also breaks reserved <= stock; Postgres reports whichever it checks first.
    expect(['product_variants_stock_non_negative', 'product_variants_reserved_within_stock']).toContain(
      await violatedConstraint(async (tx) => {
        const variant = await someVariant(tx);
        await tx.update(productVariants).set({ stockOnHand: -1, reserved: 0 }).where(eq(productVariants.id, variant.id));
      }),
    );
  });

  it('refuses negative reserved', async () => {
    expect(
      await violatedConstraint(async (tx) => {
        const variant = await someVariant(tx);
        await tx.update(productVariants).set({ reserved: -1 }).where(eq(productVariants.id, variant.id));
      }),
    ).toBe('product_variants_reserved_non_negative');
  });

  it('refuses reserving more than is on hand (the oversell guard)', async () => {
    expect(
      await violatedConstraint(async (tx) => {
        const variant = await someVariant(tx);
        await tx
          .update(productVariants)
          .set({ reserved: sql`${productVariants.stockOnHand} + 1` })
          .where(eq(productVariants.id, variant.id));
      }),
    ).toBe('product_variants_reserved_within_stock');
  });

  it('refuses a zero price and a duplicate SKU', async () => {
    expect(
      await violatedConstraint(async (tx) => {
        const variant = await someVariant(tx);
        await tx.update(productVariants).set({ priceAmount: 0 }).where(eq(productVariants.id, variant.id));
      }),
    ).toBe('product_variants_price_positive');
    expect(
      await violatedConstraint(async (tx) => {
        const variant = await someVariant(tx);
        await tx.insert(productVariants).values({ productId: variant.productId, sku: variant.sku, title: 'Copy', priceAmount: 100 });
      }),
    ).toBe('product_variants_sku_unique');
  });

  it('accepts a valid reservation of exactly the stock on hand', async () => {
    expect(
      await violatedConstraint(async (tx) => {
        const variant = await someVariant(tx);
        await tx.update(productVariants).set({ reserved: variant.stockOnHand }).where(eq(productVariants.id, variant.id));
      }),
    ).toBeUndefined();
  });
});

describe('money and identity invariants', () => {
  it('refuses an order whose total does not add up', async () => {
    expect(await violatedConstraint((tx) => newOrder(tx, { totalAmount: 99 }))).toBe('orders_total_adds_up');
  });

  it('refuses a non-positive payment amount and a reference outside Paystack’s charset', async () => {
    expect(
      await violatedConstraint(async (tx) => {
        const order = await newOrder(tx);
        await tx.insert(payments).values({ orderId: order.id, reference: 'TXN-ok', amount: 0, expiresAt: new Date() });
      }),
    ).toBe('payments_amount_positive');
    expect(
      await violatedConstraint(async (tx) => {
        const order = await newOrder(tx);
        await tx.insert(payments).values({ orderId: order.id, reference: 'TXN_bad ref', amount: 11_500, expiresAt: new Date() });
      }),
    ).toBe('payments_reference_charset');
  });

  it('refuses a duplicate payment reference', async () => {
    expect(
      await violatedConstraint(async (tx) => {
        const order = await newOrder(tx);
        const row = { orderId: order.id, reference: 'TXN-dup-1', amount: 11_500, expiresAt: new Date() };
        await tx.insert(payments).values(row);
        await tx.insert(payments).values(row);
      }),
    ).toBe('payments_reference_unique');
  });

  it('refuses refunding more than the payment captured', async () => {
    expect(
      await violatedConstraint(async (tx) => {
        const order = await newOrder(tx);
        const [payment] = await tx.insert(payments).values({ orderId: order.id, reference: 'TXN-refund-1', amount: 11_500, expiresAt: new Date() }).returning();
        await tx.update(payments).set({ refundedAmount: 11_501 }).where(eq(payments.id, payment!.id));
      }),
    ).toBe('payments_refunded_within_amount');
    expect(
      await violatedConstraint(async (tx) => {
        const order = await newOrder(tx);
        const [payment] = await tx.insert(payments).values({ orderId: order.id, reference: 'TXN-refund-2', amount: 11_500, expiresAt: new Date() }).returning();
        await tx.insert(refunds).values({ paymentId: payment!.id, orderId: order.id, amount: -5, reason: 'test', origin: 'external' });
      }),
    ).toBe('refunds_amount_positive');
  });

  it('refuses a second webhook event with the same key and a duplicate invoice number', async () => {
    expect(
      await violatedConstraint(async (tx) => {
        const row = { eventKey: 'charge.success:1', type: 'charge.success', payload: {}, status: 'processed' as const };
        await tx.insert(webhookEvents).values(row);
        await tx.insert(webhookEvents).values(row);
      }),
    ).toBe('webhook_events_event_key_unique');
    expect(
      await violatedConstraint(async (tx) => {
        const first = await newOrder(tx);
        const second = await newOrder(tx);
        const invoice = { number: 'INV-2026-000001', year: 2026, sequence: 1, totalAmount: 11_500 };
        await tx.insert(invoices).values({ ...invoice, orderId: first.id });
        await tx.insert(invoices).values({ ...invoice, orderId: second.id, sequence: 2 });
      }),
    ).toBe('invoices_number_unique');
  });

  it('refuses a second account with the same email in another case', async () => {
    expect(
      await violatedConstraint(async (tx) => {
        await tx.insert(users).values({ email: 'Customer@Shop.test', name: 'x', passwordHash: 'x' });
      }),
    ).toBe('users_email_lowercase');
    expect(
      await violatedConstraint(async (tx) => {
        await tx.insert(users).values({ email: 'customer@shop.test', name: 'x', passwordHash: 'x' });
      }),
    ).toBe('users_email_unique');
  });

  it('refuses a category slug twice and a product in no category', async () => {
    expect(
      await violatedConstraint(async (tx) => {
        await tx.insert(categories).values({ slug: 'clothing', name: 'Again' });
      }),
    ).toBe('categories_slug_unique');
    expect(
      await violatedConstraint(async (tx) => {
        await tx.insert(products).values({ slug: 'orphan', title: 'Orphan', categoryId: '00000000-0000-0000-0000-000000000000' });
      }),
    ).toBe('products_category_id_categories_id_fk');
  });
});
