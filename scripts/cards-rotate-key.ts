// `npm run cards:rotate-key`: reseals every saved card with CARD_VAULT_KEY. Rotate by setting the new key as
// CARD_VAULT_KEY and the old one in CARD_VAULT_PREVIOUS_KEYS (deploy that first, so the app reads both), run this,
// then drop the old key once it reports no card left under it. Needs DATABASE_URL and the keys; prints counts only.
import { createDatabase } from '../db/client';
import { createCardVault } from '../lib/cards/card-vault';
import { rotateCardKey } from '../lib/cards/rotate-card-key';
import { countCardsNotSealedWith } from '../lib/cards/saved-cards';
import { parseEnv } from '../lib/core/env';

const settings = (() => {
  try {
    return parseEnv(process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
})();
if (!settings.CARD_VAULT_KEY) {
  console.error('CARD_VAULT_KEY is not set: give the new key as CARD_VAULT_KEY and the old ones as CARD_VAULT_PREVIOUS_KEYS.');
  process.exit(1);
}
const vault = createCardVault({ current: settings.CARD_VAULT_KEY, previous: settings.CARD_VAULT_PREVIOUS_KEYS });
const { db, sql } = createDatabase(settings.DATABASE_URL, { max: 1 });
try {
  const report = await rotateCardKey(db, vault);
  const left = await countCardsNotSealedWith(db, vault.currentKeyId);
  console.log(`Resealed ${report.resealed} saved card(s) with key ${vault.currentKeyId}.`);
  if (report.unreadable > 0)
    console.log(`${report.unreadable} card(s) could not be opened with any key given (add the key they were sealed with to CARD_VAULT_PREVIOUS_KEYS).`);
  if (left === 0) console.log('Every saved card is now sealed with the current key: the previous keys can be dropped.');
  process.exitCode = report.unreadable > 0 ? 2 : 0;
} finally {
  await sql.end();
}
