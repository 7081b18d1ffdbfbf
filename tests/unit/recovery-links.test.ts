// The recovery email's signed links: a restore token opens one order until it expires and cannot be stretched or
// moved to another order; an unsubscribe token names one address; neither passes for the other or for an order link.
import { describe, expect, it } from 'vitest';
import { signOrderAccess } from '@/lib/orders/order-access';
import {
  RESTORE_LINK_TTL_MS,
  restoreCartUrl,
  signOptOutToken,
  signRestoreToken,
  unsubscribeUrl,
  verifyOptOutToken,
  verifyRestoreToken,
} from '@/lib/recovery/recovery-links';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const orderId = '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const otherId = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
const now = new Date('2026-06-01T12:00:00Z');
const inAWeek = new Date(now.getTime() + RESTORE_LINK_TTL_MS);

describe('restore tokens', () => {
  const token = signRestoreToken(secret, orderId, inAWeek);

  it('open their order until the expiry, and say "expired" from then on', () => {
    expect(verifyRestoreToken(secret, token, now)).toEqual({ ok: true, orderId, expiresAt: new Date(Math.floor(inAWeek.getTime() / 1000) * 1000) });
    expect(verifyRestoreToken(secret, token, new Date(inAWeek.getTime() - 1_000))).toMatchObject({ ok: true });
    expect(verifyRestoreToken(secret, token, inAWeek)).toEqual({ ok: false, reason: 'expired' });
  });

  const [id, expires, mac] = token.split('.') as [string, string, string];
  it.each([
    ['a stretched expiry', `${id}.${Number(expires) + 86_400}.${mac}`],
    ['another order', `${otherId}.${expires}.${mac}`],
    ['a changed signature', `${id}.${expires}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`],
    ['a missing signature', `${id}.${expires}`],
    ['an extra part', `${token}.x`],
    ['an order access token', signOrderAccess(secret, orderId)],
    ['an unsubscribe token', signOptOutToken(secret, 'ngozi@example.test')],
    ['nothing', undefined],
    ['an empty string', ''],
  ])('refuse %s as invalid (not "expired"), without throwing', (_label, candidate) => {
    expect(verifyRestoreToken(secret, candidate, now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('are refused under another secret', () => {
    expect(verifyRestoreToken(`${secret}-rotated`, token, now)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('travel in an absolute link to the restore page', () => {
    const url = new URL(restoreCartUrl('https://shop.example.test/', secret, orderId, inAWeek));
    expect(`${url.origin}${url.pathname}`).toBe('https://shop.example.test/cart/restore');
    expect(verifyRestoreToken(secret, url.searchParams.get('token'), now)).toMatchObject({ ok: true, orderId });
  });
});

describe('unsubscribe tokens', () => {
  it('name one address, whatever its letter case was', () => {
    const token = signOptOutToken(secret, ' Ngozi.Buyer@Example.TEST ');
    expect(token).toBe(signOptOutToken(secret, 'ngozi.buyer@example.test'));
    expect(verifyOptOutToken(secret, token)).toEqual({ ok: true, email: 'ngozi.buyer@example.test' });
  });

  it.each([
    [
      'another address with the same signature',
      () => `${Buffer.from('someone@example.test').toString('base64url')}.${signOptOutToken(secret, 'ngozi@example.test').split('.')[1]}`,
    ],
    [
      'an upper-cased address',
      () => `${Buffer.from('NGOZI@example.test').toString('base64url')}.${signOptOutToken(secret, 'ngozi@example.test').split('.')[1]}`,
    ],
    ['a restore token', () => signRestoreToken(secret, orderId, inAWeek)],
    ['nothing', () => undefined],
  ])('refuse %s', (_label, make) => {
    expect(verifyOptOutToken(secret, make())).toEqual({ ok: false });
  });

  it('travel in an absolute link to the unsubscribe page', () => {
    const url = new URL(unsubscribeUrl('https://shop.example.test', secret, 'ngozi@example.test'));
    expect(url.pathname).toBe('/unsubscribe');
    expect(verifyOptOutToken(secret, url.searchParams.get('token'))).toEqual({ ok: true, email: 'ngozi@example.test' });
  });
});
