// POST /api/admin/uploads and GET /uploads/:name, the route handlers called with real Requests: an admin's PNG is
// stored under its content hash in the local storage folder and served back with its type; SVG and other files are
// refused (415) and a body over 5 MB is refused (413) without being stored; a customer is refused (403) before a byte
// of the body is read. Stood in: who is signed in (through the doors' own seam).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { POST } from '@/app/api/admin/uploads/route';
import { GET } from '@/app/uploads/[name]/route';
import type { SessionUser } from '@/lib/server/deps/door-deps';
import { localUploadDir } from '@/lib/storage/storage-from-env';
import { site } from '../support/checkout-api-fixtures';
import { signedInAs, through } from '../support/doors';

const admin: SessionUser = { id: '00000000-0000-4000-8000-00000000a001', email: 'admin@example.test', name: 'Admin', role: 'admin' };
const customer: SessionUser = { id: '00000000-0000-4000-8000-00000000c001', email: 'customer@example.test', name: 'Customer', role: 'customer' };

/** A tiny PNG header with a given size and a unique payload (the bytes past IHDR are not decoded by the server). */
function png(width: number, height: number, salt: string): Buffer {
  const head = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const size = Buffer.alloc(17);
  size.writeUInt32BE(width, 0);
  size.writeUInt32BE(height, 4);
  return Buffer.concat([head, size, deflateSync(Buffer.from(salt))]);
}

const upload = (as: SessionUser, body: Buffer | string, contentType = 'image/png', headers: Record<string, string> = {}) =>
  through(POST, () => signedInAs(as))(
    new Request(new URL('/api/admin/uploads', site()), {
      method: 'POST',
      headers: { origin: site(), 'sec-fetch-site': 'same-origin', 'content-type': contentType, ...headers },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    }),
  );

describe('POST /api/admin/uploads', () => {
  it('stores an admin’s PNG under its hash and serves it back', async () => {
    const bytes = png(320, 240, `upload-${Date.now()}`);
    const response = await upload(admin, bytes);
    expect(response.status).toBe(201);
    const hash = createHash('sha256').update(bytes).digest('hex');
    expect(await response.json()).toEqual({ image: { url: `/uploads/${hash}.png`, width: 320, height: 240, contentType: 'image/png' } });
    expect(existsSync(path.join(localUploadDir(), `${hash}.png`))).toBe(true);

    const served = await GET(new Request(new URL(`/uploads/${hash}.png`, site())), { params: Promise.resolve({ name: `${hash}.png` }) });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(bytes);
    const missing = await GET(new Request(new URL('/uploads/x.png', site())), { params: Promise.resolve({ name: '../../package.json' }) });
    expect(missing.status).toBe(404);
  });

  it('refuses SVG and anything that is not an image, storing nothing', async () => {
    const svg = await upload(admin, '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'image/svg+xml');
    expect(svg.status).toBe(415);
    expect(await svg.json()).toEqual({
      error: { code: 'unsupported_media_type', message: 'SVG uploads are not accepted (they can carry script). Upload a PNG, JPEG or WebP.' },
    });
    // The type the browser claims is not believed: these bytes are HTML whatever the header says.
    const disguised = await upload(admin, '<html><script>alert(1)</script></html>', 'image/png');
    expect(disguised.status).toBe(415);
  });

  it('refuses more than 5 MB before reading it all', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    const response = await upload(admin, big);
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe('payload_too_large');
  });

  it('refuses a customer (403) and a cross-site request', async () => {
    const bytes = png(10, 10, `customer-${Date.now()}`);
    const byCustomer = await upload(customer, bytes);
    expect(byCustomer.status).toBe(403);
    expect((await byCustomer.json()).error.code).toBe('forbidden');
    const crossSite = await upload(admin, bytes, 'image/png', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect(existsSync(path.join(localUploadDir(), `${createHash('sha256').update(bytes).digest('hex')}.png`))).toBe(false);
  });
});
