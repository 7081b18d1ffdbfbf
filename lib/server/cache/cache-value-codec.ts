// Next's cache values hold Buffers (a page's RSC payload, a route's body) and Maps (a page's segment data) next to
// plain JSON. Redis stores text: these two turn such a value into JSON-safe data and back, byte for byte.

const BYTES = '$bytes';
const MAP = '$map';

export function encodeCacheValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return { [BYTES]: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (value instanceof Map) return { [MAP]: [...value].map(([key, entry]) => [encodeCacheValue(key), encodeCacheValue(entry)]) };
  if (Array.isArray(value)) return value.map(encodeCacheValue);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).flatMap(([key, entry]) => (entry === undefined ? [] : [[key, encodeCacheValue(entry)]])));
  }
  return value;
}

export function decodeCacheValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeCacheValue);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && typeof record[BYTES] === 'string') return Buffer.from(record[BYTES], 'base64');
    if (keys.length === 1 && Array.isArray(record[MAP])) {
      return new Map((record[MAP] as [unknown, unknown][]).map(([key, entry]) => [decodeCacheValue(key), decodeCacheValue(entry)]));
    }
    return Object.fromEntries(keys.map((key) => [key, decodeCacheValue(record[key])]));
  }
  return value;
}
