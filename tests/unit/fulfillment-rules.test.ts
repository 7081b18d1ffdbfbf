// The shipping arithmetic: what a line may still ship, where shipments put an order, what a shipment may say, and how
// refunds treat shipped units (only those that came back go back on the shelf).
import { describe, expect, it } from 'vitest';
import {
  checkShipLines,
  fulfillmentFingerprint,
  fulfillmentInputSchema,
  type LineFacts,
  shippableOf,
  shippingStatusFor,
} from '@/lib/fulfillments/fulfillment-rules';
import { checkRestockLines } from '@/lib/refunds/refund-rules';

const a = '3f1c2a9e-0000-4000-8000-0000000000a1';
const b = '3f1c2a9e-0000-4000-8000-0000000000b2';
const line = (overrides: Partial<LineFacts> = {}): LineFacts => ({
  orderItemId: a,
  variantId: b,
  ordered: 3,
  sold: 3,
  shipped: 0,
  cancelled: 0,
  returned: 0,
  ...overrides,
});

describe('shippableOf and shippingStatusFor', () => {
  it.each([
    [line(), 3, 'paid'],
    [line({ shipped: 1 }), 2, 'partially_fulfilled'],
    [line({ shipped: 2, cancelled: 1 }), 0, 'fulfilled'],
    [line({ shipped: 3, returned: 2 }), 0, 'fulfilled'],
    // A flagged late payment whose stock was gone sold nothing: nothing ships.
    [line({ sold: 0 }), 0, 'paid'],
    [line({ cancelled: 3 }), 0, 'paid'],
  ] as const)('%o → %i shippable, %s', (facts, shippable, status) => {
    expect(shippableOf(facts)).toBe(shippable);
    expect(shippingStatusFor([facts])).toBe(status);
  });

  it('checks each asked line against the order and what is left', () => {
    expect(checkShipLines([{ orderItemId: a, quantity: 2 }], [line({ shipped: 1 })])).toBeNull();
    expect(checkShipLines([{ orderItemId: a, quantity: 3 }], [line({ shipped: 1 })])).toEqual({
      kind: 'exceeds_remaining',
      orderItemId: a,
      requested: 3,
      remaining: 2,
    });
    expect(checkShipLines([{ orderItemId: b, quantity: 1 }], [line()])).toEqual({ kind: 'unknown_line', orderItemId: b });
  });
});

describe('fulfillmentInputSchema', () => {
  const base = { lines: [{ orderItemId: a, quantity: 1 }], carrier: ' DHL ', trackingNumber: 'X1' };
  it('trims, and treats an empty tracking link as none', () => {
    expect(fulfillmentInputSchema.parse({ ...base, trackingUrl: '  ' })).toEqual({ lines: base.lines, carrier: 'DHL', trackingNumber: 'X1' });
  });
  it.each(['javascript:alert(1)', 'ftp://example.com/x', 'not a url', 'data:text/html,hi'])('refuses the tracking link %s', (trackingUrl) => {
    expect(fulfillmentInputSchema.safeParse({ ...base, trackingUrl }).success).toBe(false);
  });
  it('refuses a line twice, no lines, a zero quantity, a missing carrier', () => {
    for (const bad of [
      { ...base, lines: [base.lines[0], base.lines[0]] },
      { ...base, lines: [] },
      { ...base, lines: [{ orderItemId: a, quantity: 0 }] },
      { ...base, carrier: '  ' },
    ])
      expect(fulfillmentInputSchema.safeParse(bad).success).toBe(false);
  });
  it('fingerprints what is asked, whatever the order of its lines', () => {
    const two = { ...fulfillmentInputSchema.parse(base), lines: [base.lines[0]!, { orderItemId: b, quantity: 2 }] };
    expect(fulfillmentFingerprint(a, two)).toBe(fulfillmentFingerprint(a, { ...two, lines: [...two.lines].reverse() }));
    expect(fulfillmentFingerprint(a, two)).not.toBe(fulfillmentFingerprint(a, { ...two, trackingNumber: 'X2' }));
  });
});

describe('checkRestockLines with shipped units', () => {
  const sold = new Map([[b, 3]]);
  const shipping = (shipped: number, returned = 0) => ({ shipped: new Map([[b, shipped]]), returned: new Map([[b, returned]]) });
  it('restocks unshipped units only up to what has not shipped', () => {
    expect(checkRestockLines([{ variantId: b, quantity: 1 }], sold, new Map(), shipping(2)).ok).toBe(true);
    const refused = checkRestockLines([{ variantId: b, quantity: 2 }], sold, new Map(), shipping(2));
    expect(refused).toMatchObject({ ok: false });
    expect(!refused.ok && refused.error).toMatch(/returned to stock/);
  });
  it('takes shipped units back only when they came back, at most once each', () => {
    expect(checkRestockLines([{ variantId: b, quantity: 2, returnedToStock: true }], sold, new Map(), shipping(2)).ok).toBe(true);
    expect(checkRestockLines([{ variantId: b, quantity: 2, returnedToStock: true }], sold, new Map(), shipping(2, 1)).ok).toBe(false);
    expect(checkRestockLines([{ variantId: b, quantity: 1, returnedToStock: true }], sold, new Map(), shipping(0)).ok).toBe(false);
  });
});
