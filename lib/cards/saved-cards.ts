// A shopper's saved cards: list and remove, always scoped to the signed-in account (no card by id alone).
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client';
import { savedCards } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { err, ok, type Result } from '../core/result';

/** What a shopper (and the Store API) sees of a card: never the authorization, sealed or not, nor the signature. */
export interface SavedCardView {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  bank: string | null;
  /** Past the end of its expiry month (Lagos time is close enough: the month ends at the same instant for a day either way). */
  expired: boolean;
}

const viewColumns = {
  id: savedCards.id,
  brand: savedCards.brand,
  last4: savedCards.last4,
  expMonth: savedCards.expMonth,
  expYear: savedCards.expYear,
  bank: savedCards.bank,
};

/** A card can be charged through the last day of its expiry month. */
export function isCardExpired(card: { expMonth: number; expYear: number }, now: Date): boolean {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  return card.expYear < year || (card.expYear === year && card.expMonth < month);
}

export async function listSavedCards(db: DbOrTx, userId: string, now = new Date()): Promise<SavedCardView[]> {
  const rows = await db.select(viewColumns).from(savedCards).where(eq(savedCards.userId, userId)).orderBy(asc(savedCards.createdAt), asc(savedCards.id));
  return rows.map((row) => ({ ...row, expired: isCardExpired(row, now) }));
}

/**
 * Deletes the card — its row and with it the sealed authorization — with an audit entry. Another account's card, or
 * one already removed, is `card_not_found` (the caller cannot tell them apart). A one-click charge already holding
 * the card's row lock finishes first; one that starts after finds no card.
 */
export async function removeSavedCard(db: Database, userId: string, cardId: string): Promise<Result<{ id: string }, { code: 'card_not_found' }>> {
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(savedCards)
      .where(and(eq(savedCards.id, cardId), eq(savedCards.userId, userId)))
      .returning({ id: savedCards.id, brand: savedCards.brand, last4: savedCards.last4 });
    if (!removed) return err({ code: 'card_not_found' as const });
    await recordAudit(tx, {
      actor: { type: 'user', id: userId },
      action: 'saved_card.removed',
      entityType: 'saved_card',
      entityId: removed.id,
      before: { brand: removed.brand, last4: removed.last4 },
    });
    return ok({ id: removed.id });
  });
}

/** Cards sealed with a key other than `keyId` (the rotation command's work list). */
export async function countCardsNotSealedWith(db: DbOrTx, keyId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(savedCards).where(sql`${savedCards.keyId} <> ${keyId}`);
  return row?.n ?? 0;
}
