// What a shopper does over HTTP, exactly like a headless client of the Store API: fill a cart, then check out.

export interface Shopper {
  ip: string;
  cookie: string;
}

export interface Outcome {
  status: number;
  code: string;
  latencyMs: number;
}

/**
 * Distinct client addresses, one per shopper as in a real sale (the per-address limits are 60 checkouts a minute and
 * 20 new carts per 10 minutes). The bench stack trusts two proxy hops: the load tool plays a CDN in front of nginx. `block`
 * separates scenarios so no two ever share an address.
 */
export const shopperIp = (index: number, block = 0) => `10.${block * 16 + ((index >> 16) & 15)}.${(index >> 8) & 255}.${index & 255}`;

/** A buyer's own email: unique per run and scenario, as each is a different person (5 unpaid orders per email). */
const runTag = Date.now().toString(36);
export const checkoutBody = (index: number, label: string) =>
  JSON.stringify({
    email: `shopper-${label}-${index}-${runTag}@bench.test`,
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

export async function checkout(baseUrl: string, shopper: Shopper, index: number, label: string): Promise<Outcome> {
  const sent = performance.now();
  try {
    const response = await fetch(`${baseUrl}/api/checkout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: shopper.cookie, 'x-forwarded-for': shopper.ip },
      body: checkoutBody(index, label),
    });
    const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
    return { status: response.status, code: body?.error?.code ?? 'ok', latencyMs: performance.now() - sent };
  } catch (error) {
    return { status: 0, code: `network: ${(error as Error).message}`, latencyMs: performance.now() - sent };
  }
}
