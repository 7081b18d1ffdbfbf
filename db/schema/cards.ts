import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz } from './_columns';
import { users } from './users';

/**
 * A shopper's saved card: Paystack's reusable authorization, kept because the shopper asked ("Save this card").
 * What a person may see (brand, last 4, expiry, bank) is plain; the `authorization_code` — which can charge the card
 * again — is only ever stored encrypted (AES-256-GCM, lib/cards/card-vault.ts) with the id of the key that sealed it,
 * so keys can rotate (`npm run cards:rotate-key`). Paystack's card `signature` identifies the physical card: one row per
 * card per account. Deleting the row deletes the secret.
 */
export const savedCards = pgTable(
  'saved_cards',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    signature: text('signature').notNull(),
    brand: text('brand').notNull(),
    last4: text('last4').notNull(),
    expMonth: integer('exp_month').notNull(),
    expYear: integer('exp_year').notNull(),
    bank: text('bank'),
    /** base64(iv ‖ tag ‖ ciphertext) of the authorization_code; never the code itself. */
    sealedAuthorization: text('sealed_authorization').notNull(),
    /** Which CARD_VAULT_KEY sealed it (a digest of the key, not the key). */
    keyId: text('key_id').notNull(),
    createdAt: createdAt(),
    lastUsedAt: tstz('last_used_at'),
  },
  (t) => [
    uniqueIndex('saved_cards_user_signature_unique').on(t.userId, t.signature),
    index('saved_cards_key_idx').on(t.keyId),
    check('saved_cards_last4_digits', sql`${t.last4} ~ '^[0-9]{4}$'`),
    check('saved_cards_exp_month_range', sql`${t.expMonth} BETWEEN 1 AND 12`),
    check('saved_cards_exp_year_range', sql`${t.expYear} BETWEEN 2000 AND 2200`),
    // A plain Paystack code (AUTH_…) can never be written here by mistake.
    check('saved_cards_sealed_not_plain', sql`${t.sealedAuthorization} !~ '^AUTH_'`),
  ],
);
