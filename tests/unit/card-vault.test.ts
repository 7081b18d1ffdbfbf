import { describe, expect, it } from 'vitest';
import { cardVaultKeyId, createCardVault } from '@/lib/cards/card-vault';
import { isCardExpired } from '@/lib/cards/saved-cards';

const keyA = Buffer.alloc(32, 1).toString('base64');
const keyB = Buffer.alloc(32, 2).toString('base64');
const code = 'AUTH_abc123xyz9';

describe('the card vault (AES-256-GCM)', () => {
  it('seals to bytes that are not the code, and opens them again with the key', () => {
    const vault = createCardVault({ current: keyA });
    const sealed = vault.seal(code);
    expect(sealed.keyId).toBe(vault.currentKeyId);
    expect(sealed.sealed).not.toContain(code);
    expect(Buffer.from(sealed.sealed, 'base64').toString('latin1')).not.toContain(code);
    expect(vault.open(sealed)).toBe(code);
    // A fresh IV per seal: the same code never seals to the same bytes.
    expect(vault.seal(code).sealed).not.toBe(sealed.sealed);
  });

  it('yields nothing without its key: another key, a relabelled key id, or tampered bytes', () => {
    const sealed = createCardVault({ current: keyA }).seal(code);
    const thief = createCardVault({ current: keyB });
    expect(thief.open(sealed)).toBeNull();
    expect(thief.open({ ...sealed, keyId: thief.currentKeyId })).toBeNull();
    const bytes = Buffer.from(sealed.sealed, 'base64');
    bytes[bytes.length - 1]! ^= 1;
    expect(createCardVault({ current: keyA }).open({ ...sealed, sealed: bytes.toString('base64') })).toBeNull();
  });

  it('opens rows of a previous key after rotation and seals new ones with the current key', () => {
    const old = createCardVault({ current: keyA }).seal(code);
    const rotated = createCardVault({ current: keyB, previous: [keyA] });
    expect(rotated.open(old)).toBe(code);
    expect(rotated.seal(code).keyId).toBe(cardVaultKeyId(Buffer.from(keyB, 'base64')));
    expect(rotated.currentKeyId).not.toBe(old.keyId);
  });

  it('names a key by a digest, never the key', () => {
    const id = cardVaultKeyId(Buffer.from(keyA, 'base64'));
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(keyA).not.toContain(id);
  });
});

describe('isCardExpired', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  it.each([
    [{ expMonth: 12, expYear: 2026 }, false],
    [{ expMonth: 11, expYear: 2026 }, true],
    [{ expMonth: 1, expYear: 2027 }, false],
    [{ expMonth: 12, expYear: 2025 }, true],
  ])('%o → %s', (card, expired) => {
    expect(isCardExpired(card, now)).toBe(expired);
  });
});
