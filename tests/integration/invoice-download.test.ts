// GET /api/orders/:id/invoice, the real route handler against the real Postgres and the Paystack simulator: the
// owner and a guest with the order's token download a PDF that reads as the invoice (number, total); anyone else
// gets the same 404 as for an order that does not exist; a paid order whose invoice job has not run yet is invoiced
// on the spot, once. Who is signed in is stood in through the doors' seam (there is no browser session in a test).
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { invoices, users } from '@/db/schema';
import { allocateInvoice } from '@/lib/invoices/allocate-invoice';
import { formatMoney, money } from '@/lib/core/money';
import { signOrderAccess } from '@/lib/orders/order-access';
import type { SessionUser } from '@/lib/server/deps/door-deps';
import { createTestVariants } from '../support/catalog-fixtures';
import { request } from '../support/checkout-api-fixtures';
import { testDatabase } from '../support/db';
import { signedInAs, through } from '../support/doors';
import { paidOrder, uniqueEmail } from '../support/paid-order-fixtures';
import { placeOrderFor } from '../support/recovery-fixtures';

const session = { user: null as SessionUser | null };
const invoiceRoute = through((await import('@/app/api/orders/[id]/invoice/route')).GET, () => signedInAs(session.user));

const { db, sql: client } = testDatabase(5);
afterAll(async () => {
  await client.end();
  // The route handler opened the app's own pool.
  await (globalThis as { __shopDb?: { sql: { end: () => Promise<void> } } }).__shopDb?.sql.end();
});

const secret = process.env.NEXTAUTH_SECRET!;

function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('pdftotext', ['-layout', '-', '-'], { encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    child.stdin?.end(pdf);
  });
}

async function download(orderId: string, options: { as?: SessionUser | null; token?: string } = {}) {
  session.user = options.as ?? null;
  const query = options.token === undefined ? '' : `?${new URLSearchParams({ token: options.token })}`;
  return invoiceRoute(request('GET', `/api/orders/${orderId}/invoice${query}`), { params: Promise.resolve({ id: orderId }) });
}

async function customer(): Promise<SessionUser> {
  const [row] = await db
    .insert(users)
    .values({ email: uniqueEmail('invoice-owner'), name: 'Invoice Owner', passwordHash: 'not-a-real-hash' })
    .returning();
  return { id: row!.id, email: row!.email, name: row!.name, role: 'customer' };
}

const invoiceRows = (orderId: string) => db.select().from(invoices).where(eq(invoices.orderId, orderId));

describe('GET /api/orders/:id/invoice', () => {
  it('gives the owner the PDF of their paid order, invoicing it on the spot if the job has not run yet, and only once', async () => {
    const owner = await customer();
    const { order } = await paidOrder(db, { email: owner.email, userId: owner.id, quantity: 2, priceAmount: 18_500_00 });
    expect(await invoiceRows(order.id)).toEqual([]); // the paid-order job has not run in this test

    const response = await download(order.id, { as: owner });
    expect(response.status).toBe(200);
    const [invoice] = await invoiceRows(order.id);
    expect(invoice?.number).toMatch(/^INV-\d{4}-\d{6}$/);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${invoice!.number}.pdf"`);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain(invoice!.number);
    expect(text).toContain(order.number);
    expect(formatMoney(money(order.totalAmount, 'NGN'))).toBe('₦39,500.00'); // 2 × ₦18,500 + ₦2,500 delivery
    expect(text).toContain('₦39,500.00');

    // Downloading again (or the job running later) keeps the same invoice.
    const again = await download(order.id, { as: owner });
    expect(again.headers.get('content-disposition')).toBe(`attachment; filename="${invoice!.number}.pdf"`);
    expect(await allocateInvoice(db, order.id)).toMatchObject({ ok: true, value: { number: invoice!.number, created: false } });
    expect(await invoiceRows(order.id)).toHaveLength(1);
  });

  it('gives a guest with the order token the PDF', async () => {
    const { order } = await paidOrder(db, { quantity: 1, priceAmount: 7_250_00, deliveryOption: 'pickup' });
    const allocated = await allocateInvoice(db, order.id);
    if (!allocated.ok) throw new Error(allocated.error);

    const response = await download(order.id, { token: signOrderAccess(secret, order.id) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${allocated.value.number}.pdf"`);
    const text = await pdfText(Buffer.from(await response.arrayBuffer()));
    expect(text).toContain(allocated.value.number);
    expect(text).toContain(formatMoney(money(order.totalAmount, 'NGN')));
  });

  it('answers everyone else exactly as for an order that does not exist', async () => {
    const owner = await customer();
    const stranger = await customer();
    const { order: accountOrder } = await paidOrder(db, { email: owner.email, userId: owner.id });
    const { order: guestOrder } = await paidOrder(db);
    const missing = await download(randomUUID(), { as: owner });
    expect(missing.status).toBe(404);
    const notFound = await missing.json();
    expect(notFound).toEqual({ error: { code: 'order_not_found', message: 'Order not found.' } });

    const refusals = [
      await download(accountOrder.id, { as: stranger }),
      await download(accountOrder.id),
      // An account order never opens with a token, even a correctly signed one.
      await download(accountOrder.id, { token: signOrderAccess(secret, accountOrder.id) }),
      await download(guestOrder.id),
      await download(guestOrder.id, { as: stranger }),
      await download(guestOrder.id, { token: signOrderAccess(secret, accountOrder.id) }),
      await download(guestOrder.id, { token: 'not-a-token' }),
      await download('not-an-order-id', { as: owner }),
    ];
    for (const response of refusals) {
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(await response.json()).toEqual(notFound);
    }
    expect(await invoiceRows(accountOrder.id)).toEqual([]);
    expect(await invoiceRows(guestOrder.id)).toEqual([]);
  });

  it('tells the owner of an unpaid order there is no invoice, and issues none', async () => {
    const owner = await customer();
    const [variant] = await createTestVariants(db, [{ stock: 3 }]);
    const order = await placeOrderFor(db, owner.email, [{ variantId: variant!.id, quantity: 1 }], owner.id);
    const response = await download(order.id, { as: owner });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'invoice_not_available', message: 'This order has no invoice because it has not been paid.' } });
    expect(await invoiceRows(order.id)).toEqual([]);
  });
});
