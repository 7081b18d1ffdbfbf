// Signed guest order links: a token opens exactly one order, under one secret, and nothing else gets through.
import { describe, expect, it } from 'vitest';
import { checkOrderAccess, mayViewOrder, ORDER_LINK_TTL_MS, signOrderAccess, verifyOrderAccess } from '@/lib/orders/order-access';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const orderId = '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const otherId = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';

describe('order access tokens', () => {
  it('a token verifies for its order and no other, and only under the secret that signed it', () => {
    const now = new Date('2026-11-29T12:00:00Z');
    const token = signOrderAccess(secret, orderId, now);
    expect(token).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
    expect(signOrderAccess(secret, orderId, now)).toBe(token); // the same link for the same moment
    expect(verifyOrderAccess(secret, orderId, token)).toBe(true);
    expect(verifyOrderAccess(secret, otherId, token)).toBe(false);
    expect(verifyOrderAccess(`${secret}-rotated`, orderId, token)).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['empty', ''],
    ['too short', signOrderAccess(secret, orderId).slice(0, -1)],
    ['too long', `${signOrderAccess(secret, orderId)}A`],
    ['not base64url', `${signOrderAccess(secret, orderId).slice(0, -1)}+`],
    ['without its expiry', signOrderAccess(secret, orderId).split('.')[1]],
    ['with its expiry pushed out', signOrderAccess(secret, orderId).replace(/^\d+/, (seconds) => String(Number(seconds) + 86_400))],
  ])('a %s token is refused without throwing', (_label, token) => {
    expect(verifyOrderAccess(secret, orderId, token)).toBe(false);
  });

  it('a token with one character changed is refused', () => {
    const token = signOrderAccess(secret, orderId);
    // The MAC's first character: the last one of a 32-byte MAC carries bits the decoder drops.
    const [expiry, macText = ''] = token.split('.');
    const flipped = `${expiry}.${macText[0] === 'A' ? 'B' : 'A'}${macText.slice(1)}`;
    expect(verifyOrderAccess(secret, orderId, flipped)).toBe(false);
  });

  it('expires 30 days after it was issued, and only a genuine token is told apart as expired', () => {
    const issued = new Date('2026-01-01T00:00:00Z');
    const token = signOrderAccess(secret, orderId, issued);
    const justBefore = new Date(issued.getTime() + ORDER_LINK_TTL_MS - 1_000);
    const justAfter = new Date(issued.getTime() + ORDER_LINK_TTL_MS + 1_000);
    expect(checkOrderAccess(secret, orderId, token, justBefore)).toBe('valid');
    expect(checkOrderAccess(secret, orderId, token, justAfter)).toBe('expired');
    expect(verifyOrderAccess(secret, orderId, token, justAfter)).toBe(false);
    expect(checkOrderAccess(secret, otherId, token, justBefore)).toBe('invalid');
  });

  it('refuses a secret too short to be safe', () => {
    expect(() => signOrderAccess('short', orderId)).toThrow(/at least 32/);
  });
});

describe('mayViewOrder', () => {
  const token = signOrderAccess(secret, orderId);
  it('an account order is visible to its owner only — a guest token never opens it', () => {
    const order = { id: orderId, userId: 'user-1' };
    expect(mayViewOrder(order, { userId: 'user-1', secret })).toBe(true);
    expect(mayViewOrder(order, { userId: 'user-2', token, secret })).toBe(false);
    expect(mayViewOrder(order, { userId: null, token, secret })).toBe(false);
  });

  it('a guest order is visible with its token only, signed in or not', () => {
    const order = { id: orderId, userId: null };
    expect(mayViewOrder(order, { userId: null, token, secret })).toBe(true);
    expect(mayViewOrder(order, { userId: 'user-1', token, secret })).toBe(true);
    expect(mayViewOrder(order, { userId: 'user-1', secret })).toBe(false);
    expect(mayViewOrder(order, { userId: null, token: signOrderAccess(secret, otherId), secret })).toBe(false);
  });
});
