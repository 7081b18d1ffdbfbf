// This process's card vault, from CARD_VAULT_KEY (and CARD_VAULT_PREVIOUS_KEYS). Outside production the key may be
// absent (lib/core/env.ts requires it only there; the local stacks generate one): then no card can be saved or used.
import { env } from '../core/env';
import { type CardVault, createCardVault } from './card-vault';

let cached: CardVault | null | undefined;

export function cardVault(): CardVault | null {
  if (cached !== undefined) return cached;
  const { CARD_VAULT_KEY, CARD_VAULT_PREVIOUS_KEYS } = env();
  cached = CARD_VAULT_KEY ? createCardVault({ current: CARD_VAULT_KEY, previous: CARD_VAULT_PREVIOUS_KEYS }) : null;
  return cached;
}
