// Images in S3-compatible object storage (AWS S3, Cloudflare R2, DigitalOcean Spaces, MinIO, Backblaze B2): one
// signed PUT per upload (AWS Signature Version 4, path-style URL), served from IMAGE_PUBLIC_URL (the bucket's public
// URL or a CDN in front of it). No SDK: a PUT is all the shop needs, and the signature is tested against AWS's own
// published example.
import { createHash, createHmac } from 'node:crypto';
import type { ImageStorage } from './image-storage';

export interface S3Options {
  /** e.g. https://s3.eu-west-1.amazonaws.com or https://<account>.r2.cloudflarestorage.com */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Folder inside the bucket, e.g. "products/". */
  keyPrefix: string;
  /** Base URL browsers load the objects from; the key is appended. */
  publicUrl: string;
  fetch?: typeof fetch;
  now?: () => Date;
}

const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
/** RFC 3986 encoding of one path segment, as SigV4 wants it. */
const encodeSegment = (segment: string) => encodeURIComponent(segment).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

export interface SignInput {
  method: string;
  url: URL;
  /** Headers to sign (host is added from the URL); names in any case. */
  headers: Record<string, string>;
  payloadHash: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  date: Date;
}

/** The Authorization header of an S3 request (Signature Version 4, header-based). */
export function signS3(input: SignInput): { authorization: string; amzDate: string } {
  const amzDate = input.date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const day = amzDate.slice(0, 8);
  const headers = Object.entries({ ...input.headers, host: input.url.host })
    .map(([name, value]) => [name.toLowerCase(), value.trim().replace(/\s+/g, ' ')] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const signedHeaders = headers.map(([name]) => name).join(';');
  const query = [...input.url.searchParams.entries()]
    .map(([name, value]) => `${encodeSegment(name)}=${encodeSegment(value)}`)
    .sort()
    .join('&');
  const canonicalRequest = [
    input.method,
    input.url.pathname
      .split('/')
      .map((segment) => encodeSegment(decodeURIComponent(segment)))
      .join('/'),
    query,
    headers.map(([name, value]) => `${name}:${value}\n`).join(''),
    signedHeaders,
    input.payloadHash,
  ].join('\n');
  const scope = `${day}/${input.region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, day), input.region), 's3'), 'aws4_request');
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');
  return { authorization: `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`, amzDate };
}

export function s3Storage(options: S3Options): ImageStorage {
  const send = options.fetch ?? fetch;
  return {
    async saveImage(file) {
      const key = `${options.keyPrefix}${file.name}`;
      const url = new URL(`${options.endpoint.replace(/\/$/, '')}/${options.bucket}/${key}`);
      const payloadHash = sha256Hex(file.bytes);
      const date = options.now?.() ?? new Date();
      const amzDate = date
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
      const headers = {
        'content-type': file.contentType,
        // Content-addressed: the bytes behind a key never change, so browsers and CDNs may keep them for a year.
        'cache-control': 'public, max-age=31536000, immutable',
        'x-amz-content-sha256': payloadHash,
        'x-amz-date': amzDate,
      };
      const { authorization } = signS3({
        method: 'PUT',
        url,
        headers,
        payloadHash,
        date,
        accessKeyId: options.accessKeyId,
        secretAccessKey: options.secretAccessKey,
        region: options.region,
      });
      const response = await send(url, {
        method: 'PUT',
        headers: { ...headers, authorization },
        body: Buffer.from(file.bytes),
        signal: AbortSignal.timeout(15_000),
      });
      if (!response.ok) throw new Error(`Object storage refused the upload of ${key}: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
      return { url: `${options.publicUrl.replace(/\/$/, '')}/${key}` };
    },
  };
}
