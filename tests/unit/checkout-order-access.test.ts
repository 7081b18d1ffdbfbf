// Signed guest order links: a token opens exactly one order, under one secret, and nothing else gets through.
import { describe, expect, it } from 'vitest';
import { mayViewOrder, signOrderAccess, verifyOrderAccess } from '@/lib/orders/order-access';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const orderId = '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const otherId = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';

describe('order access tokens', () => {
  it('a token verifies for its order and no other, and only under the secret that signed it', () => {
    const token = signOrderAccess(secret, orderId);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(signOrderAccess(secret, orderId)).toBe(token); // stable, so links keep working
    expect(verifyOrderAccess(secret, orderId, token)).toBe(true);
    expect(verifyOrderAccess(secret, otherId, token)).toBe(false);
    expect(verifyOrderAccess(`${secret}-rotated`, orderId, token)).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['empty', ''],
    ['too short', signOrderAccess(secret, orderId).slice(0, 42)],
    ['too long', `${signOrderAccess(secret, orderId)}A`],
    ['not base64url', `${signOrderAccess(secret, orderId).slice(0, 42)}+`],
  ])('a %s token is refused without throwing', (_label, token) => {
    expect(verifyOrderAccess(secret, orderId, token)).toBe(false);
  });

  it('a token with one character changed is refused', () => {
    const token = signOrderAccess(secret, orderId);
    const flipped = `${token[0] === 'A' ? 'B' : 'A'}${token.slice(1)}`;
    expect(verifyOrderAccess(secret, orderId, flipped)).toBe(false);
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
