// The key a per-email limit counts under. Most mail providers deliver `a+anything@x` to `a@x`, so counting the tagged
// spellings apart would give a script a fresh window per tag while every email lands in the same inbox. Accounts stay
// apart (`a+shop@x` can be its own account); only the limits share one count. Case never matters.

/** `A+Tag@Example.com` → `a@example.com`; a local part that is only a tag (`+x@y`) is kept whole. */
export function mailboxKey(email: string): string {
  const folded = email.trim().toLowerCase();
  const at = folded.lastIndexOf('@');
  if (at <= 0) return folded;
  const local = folded.slice(0, at);
  const plus = local.indexOf('+');
  return plus > 0 ? `${local.slice(0, plus)}${folded.slice(at)}` : folded;
}

/** Whether this spelling carries a `+tag` (and so shares its mailbox's count with the other tags). */
export function isTaggedSpelling(email: string): boolean {
  return mailboxKey(email) !== email.trim().toLowerCase();
}
