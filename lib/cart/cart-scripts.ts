// The cart's Redis scripts. Each runs atomically inside Redis, so concurrent requests on one cart never interleave
// inside a step (read-modify-write races are impossible), and every one of them slides the cart's TTL.
import type { Redis } from '@upstash/redis';

/**
 * Shared prologue. ARGV[1] = TTL seconds, ARGV[2] = mode, ARGV[3] = JSON { variantId: quantity }.
 * mode 'guest': a missing key is simply an empty cart.
 * mode 'user': a missing key means Redis lost (or never had) the cart: answer -1 so the caller loads the Postgres copy.
 * mode 'hydrate': the caller did; write that copy first, but only if the key is still missing (a concurrent request
 * may have rebuilt it and changed it since), then carry on.
 */
const PROLOGUE = `
local function ready()
  if redis.call('EXISTS', KEYS[1]) == 1 then return true end
  if ARGV[2] == 'user' then return false end
  if ARGV[2] == 'hydrate' then
    for variant, quantity in pairs(cjson.decode(ARGV[3])) do redis.call('HSET', KEYS[1], variant, quantity) end
  end
  return true
end
local function touch()
  if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
end
`;

/** → -1 (load Postgres) | flat [variant, quantity, …]. */
export const READ_CART = `${PROLOGUE}
if not ready() then return -1 end
touch()
return redis.call('HGETALL', KEYS[1])`;

/**
 * ARGV[4] = variant, ARGV[5] = units to add, ARGV[6] = cap → -1 | [quantity now, quantity before the clamp].
 * HINCRBY and the clamp happen in one step, so a burst of adds serialises here: the line ends at
 * min(before + sum of all adds, cap) whatever the interleaving (see add-to-cart.ts).
 */
export const ADD_TO_LINE = `${PROLOGUE}
if not ready() then return -1 end
local quantity = redis.call('HINCRBY', KEYS[1], ARGV[4], ARGV[5])
local requested = quantity
local cap = tonumber(ARGV[6])
if quantity > cap then
  redis.call('HSET', KEYS[1], ARGV[4], cap)
  quantity = cap
end
touch()
return { quantity, requested }`;

/** ARGV[4] = variant, ARGV[5] = quantity (already clamped) → -1 | 0 (no such line) | 1. */
export const SET_LINE = `${PROLOGUE}
if not ready() then return -1 end
if redis.call('HEXISTS', KEYS[1], ARGV[4]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[4], ARGV[5])
touch()
return 1`;

/** ARGV[4] = variant → -1 | number of lines removed (0 or 1). */
export const REMOVE_LINE = `${PROLOGUE}
if not ready() then return -1 end
local removed = redis.call('HDEL', KEYS[1], ARGV[4])
touch()
return removed`;

/** ARGV = [variant, cap, variant, cap, …]: lowers lines above their cap; a cap of 0 removes the line. Never raises. */
export const CLAMP_LINES = `
for i = 1, #ARGV, 2 do
  local cap = tonumber(ARGV[i + 1])
  local quantity = tonumber(redis.call('HGET', KEYS[1], ARGV[i]))
  if cap <= 0 then
    redis.call('HDEL', KEYS[1], ARGV[i])
  elseif quantity ~= nil and quantity > cap then
    redis.call('HSET', KEYS[1], ARGV[i], cap)
  end
end
return 1`;

/**
 * Merge step 1. KEYS = [guest cart, claim]; ARGV = [new claim id, claim TTL] → flat hash of the claim (with its
 * '__claim' id field) or an empty list. An unfinished claim is returned as it is, so every concurrent or retried merge
 * of one session works on the same claim id; otherwise the guest cart is renamed into a fresh claim in one step.
 */
export const CLAIM_GUEST_CART = `
if redis.call('EXISTS', KEYS[2]) == 0 then
  if redis.call('EXISTS', KEYS[1]) == 0 then return {} end
  redis.call('RENAME', KEYS[1], KEYS[2])
  redis.call('HSET', KEYS[2], '__claim', ARGV[1])
  redis.call('EXPIRE', KEYS[2], ARGV[2])
end
return redis.call('HGETALL', KEYS[2])`;

/** Deletes the claim only if it is still the one this merge applied (a newer claim is someone else's work). */
export const RELEASE_CLAIM = `
if redis.call('HGET', KEYS[1], '__claim') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

// One Script per client and source: a Script hashes its source (SHA-1) when it is made, which every call paid before.
const scripts = new WeakMap<Redis, Map<string, ReturnType<Redis['createScript']>>>();

/** Runs a script by SHA1, falling back to EVAL the first time (what `createScript().exec()` does). */
export async function runScript<T>(redis: Redis, source: string, keys: string[], args: (string | number)[]): Promise<T> {
  const byClient = scripts.get(redis) ?? new Map<string, ReturnType<Redis['createScript']>>();
  scripts.set(redis, byClient);
  const script = byClient.get(source) ?? redis.createScript(source);
  byClient.set(source, script);
  return (await script.exec(keys, args.map(String))) as T;
}

/** Redis answers a hash as [field, value, field, value, …]; the client may have JSON-parsed the values. */
export function pairsToQuantities(flat: unknown): Record<string, number> {
  const quantities: Record<string, number> = {};
  if (!Array.isArray(flat)) return quantities;
  for (let i = 0; i + 1 < flat.length; i += 2) quantities[String(flat[i])] = Number(flat[i + 1]);
  return quantities;
}
