// What an uploaded image really is, read from its bytes (never from the name or the type the browser claims): PNG,
// JPEG or WebP, with its pixel size, or a reason to refuse it. SVG is refused: it is a document that can carry
// script, and served from the shop's own origin it could run in an admin's session when opened directly. Pure.

export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Wider or taller than this is refused: a small file can still decode into a huge bitmap in every shopper's browser. */
export const MAX_IMAGE_SIDE = 6000;

export const IMAGE_TYPES = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' } as const;
export type ImageType = keyof typeof IMAGE_TYPES;

export type InspectedImage = { ok: true; type: ImageType; extension: string; width: number; height: number } | { ok: false; reason: string };

const ascii = (bytes: Uint8Array, start: number, length: number) => String.fromCharCode(...bytes.subarray(start, start + length));

function pngSize(bytes: Uint8Array, view: DataView) {
  // Signature, then the IHDR chunk: width and height are its first two big-endian words.
  if (bytes.length < 24 || ascii(bytes, 12, 4) !== 'IHDR') return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function jpegSize(bytes: Uint8Array, view: DataView) {
  // Walk the markers to the first start-of-frame (SOF0–SOF15 except DHT/JPG/DAC), which holds height then width.
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const length = view.getUint16(offset + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: view.getUint16(offset + 7), height: view.getUint16(offset + 5) };
    }
    offset += 2 + length;
  }
  return null;
}

function webpSize(bytes: Uint8Array, view: DataView) {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8 ' && bytes.length >= 30) return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  if (chunk === 'VP8L' && bytes.length >= 25) {
    const bits = view.getUint32(21, true);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X' && bytes.length >= 30) {
    const width = 1 + ((bytes[24] ?? 0) | ((bytes[25] ?? 0) << 8) | ((bytes[26] ?? 0) << 16));
    const height = 1 + ((bytes[27] ?? 0) | ((bytes[28] ?? 0) << 8) | ((bytes[29] ?? 0) << 16));
    return { width, height };
  }
  return null;
}

function sniff(bytes: Uint8Array): ImageType | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && ascii(bytes, 1, 3) === 'PNG' && bytes[4] === 0x0d && bytes[5] === 0x0a) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 16 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  return null;
}

export function inspectImage(bytes: Uint8Array): InspectedImage {
  if (bytes.length === 0) return { ok: false, reason: 'The file is empty.' };
  if (bytes.length > MAX_IMAGE_BYTES) return { ok: false, reason: `The image is larger than ${MAX_IMAGE_BYTES / 1024 / 1024} MB.` };
  const type = sniff(bytes);
  if (!type) {
    const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
    const svg = head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'));
    return {
      ok: false,
      reason: svg ? 'SVG uploads are not accepted (they can carry script). Upload a PNG, JPEG or WebP.' : 'Upload a PNG, JPEG or WebP image.',
    };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = type === 'image/png' ? pngSize(bytes, view) : type === 'image/jpeg' ? jpegSize(bytes, view) : webpSize(bytes, view);
  if (!size || size.width < 1 || size.height < 1) return { ok: false, reason: 'The image could not be read: is the file complete?' };
  if (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE) {
    return { ok: false, reason: `The image is ${size.width}×${size.height} pixels; at most ${MAX_IMAGE_SIDE} on each side is accepted.` };
  }
  return { ok: true, type, extension: IMAGE_TYPES[type], ...size };
}
