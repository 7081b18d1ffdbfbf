// Seals and opens saved cards' Paystack authorization codes: AES-256-GCM with a random 96-bit IV per seal, the
// authenticated tag checked on open. Each sealed value is stored with the id of the key that sealed it (a digest of the
// key, never the key), so a rotated-out key can still open old rows until `npm run cards:rotate-key` reseals them.
// A database dump without the key therefore holds no usable code: only IV, tag and ciphertext.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SealedSecret {
  /** base64(iv ‖ tag ‖ ciphertext) */
  sealed: string;
  keyId: string;
}

export interface CardVault {
  /** The id of the key new seals use. */
  readonly currentKeyId: string;
  seal(plain: string): SealedSecret;
  /** Null when no key we hold has this id, or the value was tampered with (the tag does not verify). */
  open(secret: SealedSecret): string | null;
}

/** A key's public name: the first 16 hex digits of SHA-256 over "card-vault:" + key bytes. */
export function cardVaultKeyId(key: Buffer): string {
  return createHash('sha256').update('card-vault:').update(key).digest('hex').slice(0, 16);
}

/** `current` seals and opens; `previous` only open (base64 of 32 bytes each). */
export function createCardVault(keys: { current: string; previous?: readonly string[] }): CardVault {
  const current = decodeKey(keys.current);
  const currentKeyId = cardVaultKeyId(current);
  const byId = new Map<string, Buffer>([[currentKeyId, current]]);
  for (const old of keys.previous ?? []) {
    const key = decodeKey(old);
    byId.set(cardVaultKeyId(key), key);
  }

  return {
    currentKeyId,
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      // The key id is bound to the ciphertext, so a row cannot be relabelled with another key's id.
      cipher.setAAD(Buffer.from(currentKeyId));
      const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return { sealed: Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64'), keyId: currentKeyId };
    },
    open({ sealed, keyId }) {
      const key = byId.get(keyId);
      if (!key) return null;
      const bytes = Buffer.from(sealed, 'base64');
      if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
        decipher.setAAD(Buffer.from(keyId));
        decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
        return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}

function decodeKey(base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('A card vault key must be 32 bytes (base64)');
  return key;
}
