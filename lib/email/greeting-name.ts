// The name an email greets its reader by. The checkout's name field is free text typed by whoever placed the order,
// for an address nobody verified, and the shop signs the email (DKIM): a script could write "Claim your refund at
// evil.example" into "Hi {name}" and have the shop deliver it. So an email greets by the first name only, and only
// when it looks like one — letters of any script (with their combining marks), joined inside by ' ’ or - — and is
// short; anything else greets no one by name. Links, digits, @, dots (a bare domain a mail client would turn into a
// link) and sentences cannot pass.

/** Longest first name greeted; longer text is not a name. */
export const GREETING_NAME_MAX = 24;

const FIRST_NAME = /^[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*$/u;

/** The first name to greet by, or null for a neutral greeting. */
export function greetingName(fullName: string | null | undefined): string | null {
  const first = fullName?.normalize('NFC').trim().split(/\s+/)[0];
  if (!first || first.length > GREETING_NAME_MAX || !FIRST_NAME.test(first)) return null;
  return first;
}
