// The sign-in challenge's proof of work, shared by the browser (which solves it) and the server (which checks it):
// find a number whose SHA-256 of `<challenge>:<number>` starts with at least `bits` zero bits. About 2^bits hashes
// on average: a second or two for the owner's browser, a cost on every guess for a script. Plain Web Crypto, so the
// same code runs in the sign-in form and in Node.

/** `<bits>.<expires ms>.<nonce>.<mac>`: what the server signs and the browser solves. */
export const CHALLENGE_SHAPE = /^(\d{1,2})\.(\d{13})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/** A solution is a decimal counter. */
export const SOLUTION_SHAPE = /^\d{1,16}$/;

/** The difficulty a challenge asks for, or null when it is not shaped like one. */
export function challengeBits(challenge: string): number | null {
  const match = CHALLENGE_SHAPE.exec(challenge);
  return match?.[1] ? Number(match[1]) : null;
}

export function leadingZeroBits(bytes: Uint8Array): number {
  let bits = 0;
  for (const byte of bytes) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

const encoder = new TextEncoder();

async function digest(challenge: string, counter: number): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(`${challenge}:${counter}`)));
}

/** Whether `solution` proves the work `challenge` asks for (the server also checks the challenge's signature). */
export async function provesWork(challenge: string, solution: string): Promise<boolean> {
  const bits = challengeBits(challenge);
  if (bits === null || !SOLUTION_SHAPE.test(solution)) return false;
  return leadingZeroBits(await digest(challenge, Number(solution))) >= bits;
}

/**
 * Solves a challenge: hashes counters in batches (Web Crypto runs a batch's digests in parallel, off the main
 * thread), so the page stays responsive. Gives up (null) after `maxHashes`, far past what any difficulty we issue needs.
 */
export async function solveChallenge(challenge: string, options: { batch?: number; maxHashes?: number } = {}): Promise<string | null> {
  const bits = challengeBits(challenge);
  if (bits === null) return null;
  const batch = options.batch ?? 512;
  const maxHashes = options.maxHashes ?? 2 ** (bits + 6);
  for (let start = 0; start < maxHashes; start += batch) {
    const hashes = await Promise.all(Array.from({ length: batch }, (_, index) => digest(challenge, start + index)));
    const found = hashes.findIndex((hash) => leadingZeroBits(hash) >= bits);
    if (found >= 0) return String(start + found);
  }
  return null;
}
