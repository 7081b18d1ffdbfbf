// Keeps the card a payment was made with, when the signed-in shopper asked to ("Save this card for next time") and
// Paystack marked its authorization reusable. Runs inside the payment commit's transaction, so a card is saved exactly
// once per payment, together with the payment it came from; a card charged again (same Paystack signature) updates
// its row instead of adding a second one. The authorization code is sealed before it reaches SQL.
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { savedCards, users } from '../../db/schema';
import { type AuditActor, recordAudit } from '../audit/record-audit';
import type { ChargedCard } from '../payments/confirmed-charge';
import type { CardVault } from './card-vault';
import { eq } from 'drizzle-orm';

export type KeepCardOutcome = 'saved' | 'not_reusable' | 'incomplete' | 'other_customer' | 'no_vault';

export async function keepChargedCard(
  tx: Tx,
  input: {
    userId: string;
    card: ChargedCard | null | undefined;
    customerEmail: string | null | undefined;
    vault: CardVault | null;
    actor: AuditActor;
    paymentId: string;
  },
): Promise<KeepCardOutcome> {
  const { card, vault } = input;
  if (!vault) return 'no_vault';
  if (!card?.reusable) return 'not_reusable';
  const { signature, brand, last4, expMonth, expYear } = card;
  if (!signature || !brand || !last4 || !/^\d{4}$/.test(last4) || !expMonth || !expYear || expMonth < 1 || expMonth > 12) return 'incomplete';
  // Paystack charges an authorization only with the email of the customer it belongs to, and one-click charges use
  // the account's email: a card paid under another address could never be charged again, so it is not kept.
  const [account] = await tx.select({ email: users.email }).from(users).where(eq(users.id, input.userId));
  if (!account || account.email !== input.customerEmail?.toLowerCase()) return 'other_customer';

  const sealed = vault.seal(card.authorizationCode);
  const [row] = await tx
    .insert(savedCards)
    .values({
      userId: input.userId,
      signature,
      brand: brand.toLowerCase(),
      last4,
      expMonth,
      expYear: expYear < 100 ? 2000 + expYear : expYear,
      bank: card.bank,
      sealedAuthorization: sealed.sealed,
      keyId: sealed.keyId,
    })
    .onConflictDoUpdate({
      target: [savedCards.userId, savedCards.signature],
      set: {
        sealedAuthorization: sealed.sealed,
        keyId: sealed.keyId,
        expMonth,
        expYear: sql`excluded.exp_year`,
        bank: card.bank,
        brand: sql`excluded.brand`,
      },
    })
    .returning({ id: savedCards.id });
  if (row) {
    await recordAudit(tx, {
      actor: input.actor,
      action: 'saved_card.saved',
      entityType: 'saved_card',
      entityId: row.id,
      // What a person may see; never the authorization code, sealed or not.
      after: { userId: input.userId, brand: brand.toLowerCase(), last4, expMonth, expYear },
      metadata: { paymentId: input.paymentId },
    });
  }
  return 'saved';
}
