// Shared by the Store API checkout tests: Requests as a browser or headless client sends them, guest carts filled
// through the real cart route, and a distinct client address per shopper so per-IP limits never couple tests.
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { inventoryReservations, orders, payments } from '@/db/schema';
import type { Database } from '@/db/client';
import { type cartTestClients, deleteFixtureUsers } from './cart-fixtures';

export const site = () => process.env.NEXTAUTH_URL!;

/**
 * A checkout as a guest sends it. Each call is a new buyer's email unless one is given: the shop caps unpaid orders
 * per email, so tests that are not about that cap must not pile their orders onto one address.
 */
export const checkoutBody = (overrides: Record<string, unknown> = {}) => ({
  email: `Ada.Guest.${randomBytes(4).toString('hex')}@Example.test`,
  shippingAddress: { fullName: 'Ada Guest', phone: '0803 123 4567', line1: '4 Broad Street', city: 'Lagos Island', state: 'Lagos' },
  deliveryOption: 'standard',
  ...overrides,
});

/** One stable email per guest cart (same cookie → same buyer), so a resubmitted checkout is recognised as the same one. */
export const guestEmail = (cookie: string | undefined) =>
  cookie ? `ada.guest.${createHash('sha256').update(cookie).digest('hex').slice(0, 10)}@example.test` : 'ada.guest@example.test';

/** A made-up client address (TEST-NET-3 range plus a random suffix, so no two shoppers share a window). */
export const newIp = () => `203.0.113.${randomInt(1, 254)}.${randomInt(1, 1_000_000)}`;

export function request(
  method: string,
  path: string,
  options: { body?: unknown; rawBody?: string; cookie?: string; ip?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { origin: site(), 'sec-fetch-site': 'same-origin', 'x-forwarded-for': options.ip ?? newIp(), ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] = 'application/json';
  return new Request(new URL(path, site()), {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
}

type AddRoute = (request: Request) => Promise<Response>;

/** A guest with `quantity` of each variant in a fresh cart; returns the Cookie header that names the cart. */
export async function guestWithCart(addRoute: AddRoute, lines: Array<{ variantId: string; quantity: number }>): Promise<string> {
  let cookie: string | undefined;
  for (const line of lines) {
    const response = await addRoute(request('POST', '/api/cart/items', { body: line, cookie }));
    if (response.status !== 200) throw new Error(`add to cart failed: ${response.status} ${await response.text()}`);
    const issued = response.headers.getSetCookie().find((header) => header.startsWith('cart_session='));
    cookie ??= issued?.split(';')[0];
  }
  if (!cookie) throw new Error('no cart cookie issued');
  return cookie;
}

export async function orderRows(db: Database, orderId: string) {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  const paymentRows = await db.select().from(payments).where(eq(payments.orderId, orderId));
  const holds = await db.select().from(inventoryReservations).where(eq(inventoryReservations.orderId, orderId));
  return { order: order!, payments: paymentRows, holds };
}

export interface CheckoutReply {
  orderId: string;
  number: string;
  status: string;
  totals: {
    subtotal: { amount: number; currency: string };
    discount: { amount: number; currency: string };
    shipping: { amount: number; currency: string };
    /** VAT the total contains, and the part of it added on top (prices without VAT). */
    tax: { amount: number; currency: string };
    taxAdded: { amount: number; currency: string };
    total: { amount: number; currency: string };
  };
  discountCode: string | null;
  reference: string;
  authorizationUrl: string;
  accessToken: string | null;
  continued: boolean;
}

export interface ErrorReply {
  error: {
    code: string;
    message: string;
    fieldErrors?: Record<string, string[]>;
    lines?: Array<{ variantId: string; title: string; requested?: number; available: number }>;
    orderId?: string;
    number?: string;
    accessToken?: string | null;
    /** A refused discount code: why (unknown, paused, not_started, expired, below_minimum, used_up, already_used). */
    reason?: string;
    field?: string;
    /** too_many_open_orders: which cap was reached. */
    limit?: 'email' | 'address';
  };
}

/** Deletes the test's users and closes its clients and the app's own pool (the route handlers opened it). */
export async function closeCheckoutApiClients(clients: ReturnType<typeof cartTestClients>, userIds: string[]): Promise<void> {
  await deleteFixtureUsers(clients.db, clients.redis, userIds).catch(() => undefined);
  await clients.sql.end();
  await (globalThis as { __shopDb?: { sql: { end: () => Promise<void> } } }).__shopDb?.sql.end();
}
