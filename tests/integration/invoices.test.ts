// Invoice numbers (gapless, unique, one per order under concurrency) and the invoice PDF, against the real Postgres.
import { execFile } from 'node:child_process';
import { and, between, eq, notInArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoices, invoiceSequences } from '@/db/schema';
import { allocateInvoice, type Invoice } from '@/lib/invoices/allocate-invoice';
import { invoiceForOrder } from '@/lib/invoices/invoice-for-order';
import { formatMoney, money } from '@/lib/core/money';
import { placeOrder } from '@/lib/checkout/place-order';
import { createTestVariants, testAddress } from '../support/catalog-fixtures';
import { testDatabase } from '../support/db';
import { paidOrder, paidOrders } from '../support/paid-order-fixtures';

const { db, sql: client } = testDatabase(25);
afterAll(() => client.end());

function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('pdftotext', ['-layout', '-', '-'], { encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    child.stdin?.end(pdf);
  });
}

/** Every invoice of the year, in order: numbers 1..N with none missing, and the counter standing at N (one snapshot). */
async function yearIsGapless(year: number) {
  const [row] = await db.execute<{ sequences: number[] | null; last_number: number | null }>(sql`
    SELECT (SELECT array_agg(sequence ORDER BY sequence) FROM ${invoices} WHERE year = ${year}) AS sequences,
           (SELECT last_number FROM ${invoiceSequences} WHERE year = ${year}) AS last_number`);
  const sequences = row?.sequences ?? [];
  expect(sequences).toEqual(Array.from({ length: sequences.length }, (_, index) => index + 1));
  expect(row?.last_number).toBe(sequences.length);
}

const unwrap = (result: Awaited<ReturnType<typeof allocateInvoice>>): Invoice & { created: boolean } => {
  if (!result.ok) throw new Error(`allocation failed: ${result.error}`);
  return result.value;
};

let lagosYear: number;
beforeAll(async () => {
  const [row] = await db.execute<{ year: number }>(sql`SELECT extract(year FROM now() AT TIME ZONE 'Africa/Lagos')::int AS year`);
  lagosYear = row!.year;
});

describe('allocateInvoice', () => {
  it('gives 20 paid orders allocated concurrently 20 distinct, consecutive numbers with no gaps', async () => {
    const paid = await paidOrders(db, 20);
    const allocated = (await Promise.all(paid.map(({ order }) => allocateInvoice(db, order.id)))).map(unwrap);

    // One invoice per order. Most are created by these calls; an app process another test file runs at the same moment
    // (its in-process job runner handles these orders' `order/paid`) may have allocated one first: it is then returned,
    // not created again, and the numbering below still has to be exact.
    const byOrder = new Map(allocated.map((invoice) => [invoice.orderId, invoice]));
    expect([...byOrder.keys()].sort()).toEqual(paid.map(({ order }) => order.id).sort());
    expect(new Set(allocated.map((invoice) => invoice.number)).size).toBe(20);
    for (const invoice of allocated) {
      expect(invoice.number).toBe(`INV-${lagosYear}-${String(invoice.sequence).padStart(6, '0')}`);
      expect(invoice.year).toBe(lagosYear);
    }
    const sequences = allocated.map((invoice) => invoice.sequence).sort((a, b) => a - b);
    const [first, last] = [sequences[0]!, sequences.at(-1)!];
    // Consecutive: every number between the first and the last is one of these 20, or went to an order another test
    // file invoiced at the same moment (files run in parallel) - never skipped. Run alone, `meanwhile` is empty.
    const meanwhile = await db
      .select({ sequence: invoices.sequence })
      .from(invoices)
      .where(and(eq(invoices.year, lagosYear), between(invoices.sequence, first, last), notInArray(invoices.orderId, [...byOrder.keys()])));
    expect(sequences.length + meanwhile.length).toBe(last - first + 1);
    await yearIsGapless(lagosYear);

    // The invoice carries the order's total, in its currency.
    for (const { order } of paid) expect(byOrder.get(order.id)).toMatchObject({ totalAmount: order.totalAmount, currency: order.currency });
  });

  it('allocates one invoice when the same order is invoiced twice at once, and returns it again later', async () => {
    const { order } = await paidOrder(db);
    const [a, b] = (await Promise.all([allocateInvoice(db, order.id), allocateInvoice(db, order.id)])).map(unwrap);
    expect(a!.id).toBe(b!.id);
    expect(a!.number).toBe(b!.number);
    expect([a!.created, b!.created].sort()).toEqual([false, true]);
    expect(await db.$count(invoices, eq(invoices.orderId, order.id))).toBe(1);

    const again = unwrap(await allocateInvoice(db, order.id));
    expect(again).toMatchObject({ id: a!.id, number: a!.number, created: false });
    await yearIsGapless(lagosYear);
  });

  it('refuses an unpaid or unknown order without using up a number', async () => {
    const [variant] = await createTestVariants(db, [{ stock: 3 }]);
    const placed = await placeOrder(
      { db },
      { userId: null, email: 'unpaid@example.test', shippingAddress: testAddress, deliveryOption: 'pickup', lines: [{ variantId: variant!.id, quantity: 1 }] },
    );
    if (!placed.ok) throw new Error('order not placed');
    expect(await allocateInvoice(db, placed.value.id)).toEqual({ ok: false, error: 'order_not_paid' });
    expect(await allocateInvoice(db, '00000000-0000-4000-8000-000000000000')).toEqual({ ok: false, error: 'order_not_found' });
    expect(await db.$count(invoices, eq(invoices.orderId, placed.value.id))).toBe(0);
    await yearIsGapless(lagosYear);
  });
});

describe('invoiceForOrder', () => {
  it('renders a PDF with the invoice number, order number, ₦ amounts and the VAT contained in the total', async () => {
    const { order, payment } = await paidOrder(db, { quantity: 3, priceAmount: 18_500_00, deliveryOption: 'standard' });
    expect(await invoiceForOrder(db, order.id)).toBeNull();

    const invoice = unwrap(await allocateInvoice(db, order.id));
    const rendered = await invoiceForOrder(db, order.id);
    expect(rendered?.number).toBe(invoice.number);
    expect(rendered!.pdf.subarray(0, 5).toString()).toBe('%PDF-');

    const text = await pdfText(rendered!.pdf);
    const total = formatMoney(money(order.totalAmount, 'NGN'));
    expect(total).toBe('₦58,000.00'); // 3 × ₦18,500 + ₦2,500 standard delivery
    expect(text).toContain(invoice.number);
    expect(text).toContain(order.number);
    expect(text).toContain('₦');
    expect(text).toContain(total);
    expect(text).toContain('₦55,500.00'); // subtotal
    expect(text).toContain('Includes VAT at 7.5%');
    expect(text).toContain('₦4,046.51'); // 58,000 × 7.5 / 107.5
    expect(text).toContain(payment.reference);
    expect(text).toContain(order.email);
    expect(text).toContain(testAddress.line1);
  });
});
