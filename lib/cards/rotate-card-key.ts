// Reseals every saved card with the vault's current key (`npm run cards:rotate-key`): after CARD_VAULT_KEY changes
// (the old key moved to CARD_VAULT_PREVIOUS_KEYS), each row sealed with another key is opened and sealed again, in
// batches, each row under its lock (SKIP LOCKED: a card being charged right now is taken on the next pass). A row no
// key opens (its key lost) is counted, never guessed at: delete it, and the shopper saves the card again.
import { and, asc, eq, notInArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { savedCards } from '../../db/schema';
import type { CardVault } from './card-vault';

export interface RotationReport {
  resealed: number;
  unreadable: number;
}

export async function rotateCardKey(
  db: Database,
  vault: CardVault,
  options: { batchSize?: number /** Only this account's cards (one shopper's, or a test's own). */; userId?: string } = {},
): Promise<RotationReport> {
  const report: RotationReport = { resealed: 0, unreadable: 0 };
  const skip: string[] = [];
  for (;;) {
    const moved = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: savedCards.id, sealed: savedCards.sealedAuthorization, keyId: savedCards.keyId })
        .from(savedCards)
        .where(
          and(
            sql`${savedCards.keyId} <> ${vault.currentKeyId}`,
            options.userId ? eq(savedCards.userId, options.userId) : undefined,
            skip.length > 0 ? notInArray(savedCards.id, skip) : undefined,
          ),
        )
        .orderBy(asc(savedCards.id))
        .limit(options.batchSize ?? 200)
        .for('update', { skipLocked: true });
      for (const row of rows) {
        const code = vault.open({ sealed: row.sealed, keyId: row.keyId });
        if (!code) {
          report.unreadable += 1;
          skip.push(row.id);
          continue;
        }
        const resealed = vault.seal(code);
        await tx.update(savedCards).set({ sealedAuthorization: resealed.sealed, keyId: resealed.keyId }).where(eq(savedCards.id, row.id));
        report.resealed += 1;
      }
      return rows.length;
    });
    if (moved === 0) return report;
  }
}
