// What one shopper does over HTTP, exactly like a headless client of the Store API: fill a cart, then check out.

export interface Shopper {
  ip: string;
  cookie: string;
}

export interface Outcome {
  status: number;
  code: string;
  latencyMs: number;
}

/** Distinct client addresses: one shopper per address, as in a real sale (the per-IP limit is 60 checkouts a minute). */
export const shopperIp = (index: number) => `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;

const checkoutBody = (index: number) =>
  JSON.stringify({
    email: `shopper-${index}@bench.test`,
    shippingAddress: { fullName: `Shopper ${index}`, phone: '08031234567', line1: '1 Marina', city: 'Lagos Island', state: 'Lagos' },
    deliveryOption: 'pickup',
  });

/** POST /api/cart/items with no cookie: the reply issues the shopper's own guest cart cookie. */
export async function fillCart(baseUrl: string, variantId: string, ip: string): Promise<Shopper> {
  const response = await fetch(`${baseUrl}/api/cart/items`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ variantId, quantity: 1 }),
  });
  if (!response.ok) throw new Error(`add to cart: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('cart_session='));
  if (!cookie) throw new Error('add to cart issued no cart_session cookie');
  return { ip, cookie: cookie.split(';')[0]! };
}

export async function checkout(baseUrl: string, shopper: Shopper, index: number): Promise<Outcome> {
  const sent = performance.now();
  try {
    const response = await fetch(`${baseUrl}/api/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: shopper.cookie, 'x-forwarded-for': shopper.ip },
      body: checkoutBody(index),
    });
    const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
    return { status: response.status, code: body?.error?.code ?? 'ok', latencyMs: performance.now() - sent };
  } catch (error) {
    return { status: 0, code: `network: ${(error as Error).message}`, latencyMs: performance.now() - sent };
  }
}
