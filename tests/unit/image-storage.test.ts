// Product image uploads: what the bytes really are (PNG, JPEG, WebP with their pixel size; SVG and anything else
// refused), content-addressed names, the local-disk adapter, and the S3 adapter's request signature checked against
// the example AWS publishes for Signature Version 4 (GET Object with a Range header).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectImage, MAX_IMAGE_BYTES } from '@/lib/storage/image-file';
import { type ImageFile, storeImage } from '@/lib/storage/image-storage';
import { localDiskStorage } from '@/lib/storage/local-disk';
import { s3Storage, signS3 } from '@/lib/storage/s3';

/** The first bytes of a PNG: signature and IHDR with the given size (enough for the header check). */
function png(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

/** SOI, an APP0 segment, then SOF0 (height, width). */
function jpeg(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 17, 8, 0, 0, 0, 0, 3, 0, 0, 0, 0]);
  const view = new DataView(bytes.buffer);
  view.setUint16(13, height);
  view.setUint16(15, width);
  return bytes;
}

function webpLossless(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(30);
  bytes.set(new TextEncoder().encode('RIFF'), 0);
  bytes.set(new TextEncoder().encode('WEBPVP8L'), 8);
  new DataView(bytes.buffer).setUint32(21, (width - 1) | ((height - 1) << 14), true);
  return bytes;
}

describe('inspectImage', () => {
  it.each([
    ['PNG', png(640, 480), 'image/png', 'png'],
    ['JPEG', jpeg(1200, 900), 'image/jpeg', 'jpg'],
    ['WebP (lossless)', webpLossless(300, 200), 'image/webp', 'webp'],
  ])('reads a %s and its size', (_, bytes, type, extension) => {
    const image = inspectImage(bytes);
    expect(image).toMatchObject({ ok: true, type, extension });
    expect(image.ok && [image.width, image.height]).toEqual(type === 'image/png' ? [640, 480] : type === 'image/jpeg' ? [1200, 900] : [300, 200]);
  });

  it('refuses SVG, saying why', () => {
    const svg = new TextEncoder().encode('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(inspectImage(svg)).toEqual({ ok: false, reason: 'SVG uploads are not accepted (they can carry script). Upload a PNG, JPEG or WebP.' });
  });

  it('refuses what is not an image, an empty file, a huge bitmap and a file over the limit', () => {
    expect(inspectImage(new TextEncoder().encode('<html><script>alert(1)</script></html>'))).toEqual({
      ok: false,
      reason: 'Upload a PNG, JPEG or WebP image.',
    });
    expect(inspectImage(new Uint8Array())).toEqual({ ok: false, reason: 'The file is empty.' });
    expect(inspectImage(png(20_000, 10))).toMatchObject({ ok: false, reason: expect.stringContaining('20000×10 pixels') });
    expect(inspectImage(new Uint8Array(MAX_IMAGE_BYTES + 1))).toMatchObject({ ok: false, reason: expect.stringContaining('larger than 5 MB') });
    expect(inspectImage(png(640, 480).subarray(0, 12))).toMatchObject({ ok: false });
  });
});

describe('storeImage', () => {
  it('names the file by the hash of its bytes and hands it to the storage', async () => {
    const saved: ImageFile[] = [];
    const bytes = png(10, 20);
    const storage = {
      saveImage: async (file: ImageFile) => {
        saved.push(file);
        return { url: `https://cdn.example.com/${file.name}` };
      },
    };
    const result = await storeImage(storage, bytes);
    const hash = createHash('sha256').update(bytes).digest('hex');
    expect(result).toEqual({ ok: true, value: { url: `https://cdn.example.com/${hash}.png`, width: 10, height: 20, contentType: 'image/png' } });
    expect(saved).toEqual([{ bytes, contentType: 'image/png', name: `${hash}.png` }]);
    expect(await storeImage({ saveImage: async () => ({ url: 'x' }) }, new TextEncoder().encode('<svg/>'))).toMatchObject({
      ok: false,
      error: { code: 'unsupported_image' },
    });
  });
});

describe('localDiskStorage', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'shop-uploads-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes once per content, reads back only names it writes', async () => {
    const storage = localDiskStorage({ dir: path.join(dir, 'uploads'), publicPath: '/uploads' });
    const bytes = jpeg(4, 4);
    const name = `${createHash('sha256').update(bytes).digest('hex')}.jpg`;
    expect(await storage.saveImage({ bytes, contentType: 'image/jpeg', name })).toEqual({ url: `/uploads/${name}` });
    expect(await storage.saveImage({ bytes, contentType: 'image/jpeg', name })).toEqual({ url: `/uploads/${name}` });
    expect(readdirSync(path.join(dir, 'uploads'))).toEqual([name]);
    expect(await storage.readImage(name)).toEqual({ bytes: Buffer.from(bytes), contentType: 'image/jpeg' });
    expect(await storage.readImage('../../etc/passwd')).toBeNull();
    expect(await storage.readImage(`${'0'.repeat(64)}.png`)).toBeNull();
    await expect(storage.saveImage({ bytes, contentType: 'image/jpeg', name: '../evil.jpg' })).rejects.toThrow(/Refusing/);
  });
});

describe('S3 Signature Version 4', () => {
  it('matches the GET Object example AWS publishes', () => {
    const emptyHash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    const signed = signS3({
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: { range: 'bytes=0-9', 'x-amz-content-sha256': emptyHash, 'x-amz-date': '20130524T000000Z' },
      payloadHash: emptyHash,
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      region: 'us-east-1',
      date: new Date('2013-05-24T00:00:00Z'),
    });
    expect(signed.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('PUTs the image under the key prefix and answers its public URL', async () => {
    const calls: Array<{ url: string; init: RequestInit }> = [];
    const storage = s3Storage({
      endpoint: 'https://s3.eu-west-1.amazonaws.com',
      region: 'eu-west-1',
      bucket: 'shop-images',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret',
      keyPrefix: 'products/',
      publicUrl: 'https://cdn.example.com/',
      now: () => new Date('2026-01-02T03:04:05Z'),
      fetch: async (url, init) => {
        calls.push({ url: String(url), init: init ?? {} });
        return new Response(null, { status: 200 });
      },
    });
    const name = `${'a'.repeat(64)}.png`;
    expect(await storage.saveImage({ bytes: png(1, 1), contentType: 'image/png', name })).toEqual({ url: `https://cdn.example.com/products/${name}` });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(`https://s3.eu-west-1.amazonaws.com/shop-images/products/${name}`);
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(headers).toMatchObject({ 'content-type': 'image/png', 'x-amz-date': '20260102T030405Z' });
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260102\/eu-west-1\/s3\/aws4_request, SignedHeaders=cache-control;content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
  });
});
