// Request body caps in the route door, with real Requests against the real Postgres and Redis: a Store API JSON body
// over 64 KB and a webhook body over 1 MB are answered 413 payload_too_large — refused by Content-Length before a byte
// is read, or, with no length declared, as soon as the bytes that arrived pass the cap (the rest is never pulled from
// the stream) — and nothing is written: the cart keeps its lines, a correctly signed payment event pays nothing.
import { eq, sql as drizzleSql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orders, webhookEvents } from '@/db/schema';
import { signWebhookBody } from '@/lib/payments/paystack/signature';
import { DEFAULT_JSON_BODY_BYTES, DEFAULT_RAW_BODY_BYTES } from '@/lib/server/doors/route';
import { cartTestClients, createFixtureCatalogue } from '../support/cart-fixtures';
import { orderAwaitingPayment, payAndCaptureWebhook } from '../support/checkout-fixtures';
import { closeCheckoutApiClients, type ErrorReply, guestWithCart, request, site } from '../support/checkout-api-fixtures';
import { signedInAs, through } from '../support/doors';
import { paystackEnv } from '../support/paystack-sim';

const { db, sql, redis } = cartTestClients();
// Nobody is signed in: the doors' seam says so, as there is no live Next request to ask (tests/support/doors.ts).
const guest = () => signedInAs(null);
const addRoute = through((await import('@/app/api/cart/items/route')).POST, guest);
const cartRoute = through((await import('@/app/api/cart/route')).GET, guest);
const { POST: webhookRoute } = await import('@/app/api/webhooks/paystack/route');
const { eventKeyOf, settledEvent } = await import('../support/webhook-inbox');
const { secretKey } = paystackEnv();
const CHUNK = 16 * 1024;

let variantId = '';
beforeAll(async () => {
  const catalogue = await createFixtureCatalogue(db, 'body-limits', [{ stock: 20 }]);
  variantId = catalogue.variants[0]!.id;
});
afterAll(() => closeCheckoutApiClients({ db, sql, redis }, []));

/** A body that arrives chunk by chunk only when read (no buffering ahead), counting how many chunks were pulled. */
function streamedBody(bytes: Uint8Array) {
  const pulled = { chunks: 0 };
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        pulled.chunks += 1;
        controller.enqueue(bytes.subarray(offset, offset + CHUNK));
        offset += CHUNK;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled };
}

/** A JSON add-to-cart body padded to `size` bytes (the padding is an unknown key the schema would strip). */
const paddedAdd = (size: number) => {
  const head = JSON.stringify({ variantId, quantity: 5, padding: '' });
  return new TextEncoder().encode(head.replace('"padding":""', `"padding":"${'x'.repeat(size - head.length)}"`));
};

function post(path: string, stream: ReadableStream<Uint8Array>, headers: Record<string, string>) {
  return new Request(new URL(path, site()), {
    method: 'POST',
    headers: { origin: site(), 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.77', ...headers },
    body: stream,
    duplex: 'half',
  } as RequestInit);
}

async function cartUnits(cookie: string): Promise<number[]> {
  const cart = (await (await cartRoute(request('GET', '/api/cart', { cookie }))).json()) as { lines: Array<{ quantity: number }> };
  return cart.lines.map((line) => line.quantity);
}

async function expect413(response: Response, maxBytes: number) {
  expect(response.status).toBe(413);
  expect((await response.json()) as ErrorReply).toEqual({ error: { code: 'payload_too_large', message: 'The request body is too large.', maxBytes } });
}

describe('Store API JSON routes (64 KB)', () => {
  it('refuses a declared Content-Length over the cap before reading any of it, and changes nothing', async () => {
    const cookie = await guestWithCart(addRoute, [{ variantId, quantity: 1 }]);
    const { stream, pulled } = streamedBody(paddedAdd(DEFAULT_JSON_BODY_BYTES + 1));
    const response = await addRoute(post('/api/cart/items', stream, { cookie, 'content-length': String(DEFAULT_JSON_BODY_BYTES + 1) }));
    await expect413(response, DEFAULT_JSON_BODY_BYTES);
    expect(pulled.chunks).toBe(0);
    expect(await cartUnits(cookie)).toEqual([1]);
  });

  it('stops reading a chunked body with no length as soon as it passes the cap, and changes nothing', async () => {
    const cookie = await guestWithCart(addRoute, [{ variantId, quantity: 1 }]);
    // 10 MB on offer; the door may take only what fits in 64 KB plus the one chunk that crossed the line.
    const { stream, pulled } = streamedBody(paddedAdd(10 * 1024 * 1024));
    const response = await addRoute(post('/api/cart/items', stream, { cookie }));
    await expect413(response, DEFAULT_JSON_BODY_BYTES);
    expect(pulled.chunks).toBe(DEFAULT_JSON_BODY_BYTES / CHUNK + 1);
    expect(await cartUnits(cookie)).toEqual([1]);
  });

  it('still reads a body under the cap in full, however it arrives', async () => {
    const cookie = await guestWithCart(addRoute, [{ variantId, quantity: 1 }]);
    const { stream } = streamedBody(paddedAdd(DEFAULT_JSON_BODY_BYTES - 100));
    const response = await addRoute(post('/api/cart/items', stream, { cookie }));
    expect(response.status).toBe(200);
    expect(await cartUnits(cookie)).toEqual([6]);
  });
});

describe('POST /api/webhooks/paystack (1 MB)', () => {
  // A real, correctly signed charge.success for an order awaiting payment, padded past the cap and signed again:
  // the size is refused before the signature is even looked at, and the order stays unpaid.
  async function oversizedPayment(size: number) {
    const { order, reference } = await orderAwaitingPayment(db, { stock: 3, quantity: 1 });
    const { body } = await payAndCaptureWebhook(reference);
    const event = JSON.parse(body) as Record<string, unknown>;
    const padded = JSON.stringify({ ...event, padding: '' });
    const oversized = padded.replace('"padding":""', `"padding":"${'x'.repeat(size - padded.length)}"`);
    return { orderId: order.id, reference, body, oversized, signature: signWebhookBody(oversized, secretKey) };
  }

  async function nothingWritten(orderId: string, reference: string) {
    expect((await db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)))[0]?.status).toBe('pending_payment');
    const events = await db
      .select({ id: webhookEvents.id })
      .from(webhookEvents)
      .where(drizzleSql`${webhookEvents.payload} -> 'data' ->> 'reference' = ${reference}`);
    expect(events).toEqual([]);
  }

  it('refuses a declared Content-Length over 1 MB before reading it, then applies the same event sent at its real size', async () => {
    const payment = await oversizedPayment(DEFAULT_RAW_BODY_BYTES + 1);
    const { stream, pulled } = streamedBody(new TextEncoder().encode(payment.oversized));
    const response = await webhookRoute(
      post('/api/webhooks/paystack', stream, { 'x-paystack-signature': payment.signature, 'content-length': String(DEFAULT_RAW_BODY_BYTES + 1) }),
    );
    await expect413(response, DEFAULT_RAW_BODY_BYTES);
    expect(pulled.chunks).toBe(0);
    await nothingWritten(payment.orderId, payment.reference);

    const { stream: normal } = streamedBody(new TextEncoder().encode(payment.body));
    const applied = await webhookRoute(post('/api/webhooks/paystack', normal, { 'x-paystack-signature': signWebhookBody(payment.body, secretKey) }));
    expect(applied.status).toBe(200);
    await settledEvent(db, eventKeyOf(payment.body));
    expect((await db.select({ status: orders.status }).from(orders).where(eq(orders.id, payment.orderId)))[0]?.status).toBe('paid');
  });

  it('stops reading a chunked webhook with no length once it passes 1 MB, and pays nothing', async () => {
    const payment = await oversizedPayment(3 * DEFAULT_RAW_BODY_BYTES);
    const { stream, pulled } = streamedBody(new TextEncoder().encode(payment.oversized));
    const response = await webhookRoute(post('/api/webhooks/paystack', stream, { 'x-paystack-signature': payment.signature }));
    await expect413(response, DEFAULT_RAW_BODY_BYTES);
    expect(pulled.chunks).toBe(DEFAULT_RAW_BODY_BYTES / CHUNK + 1);
    await nothingWritten(payment.orderId, payment.reference);
  });

  it('takes a webhook body larger than the Store API cap (its own cap is 1 MB)', async () => {
    const payment = await oversizedPayment(200 * 1024);
    const { stream } = streamedBody(new TextEncoder().encode(payment.oversized));
    const response = await webhookRoute(post('/api/webhooks/paystack', stream, { 'x-paystack-signature': payment.signature }));
    expect(response.status).not.toBe(413);
    expect(response.status).toBeLessThan(500);
  });
});
