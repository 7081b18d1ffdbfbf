// Where product images uploaded in the admin console are kept. One small interface, so the local disk (development,
// a single server) and object storage (production, several servers or a read-only file system) are interchangeable;
// lib/storage/storage-from-env.ts picks one from the environment. Every adapter gets the same checked bytes and a
// content-addressed name: the same image uploaded twice is one file, and a URL never changes what it points at.
import { createHash } from 'node:crypto';
import { err, ok, type Result } from '../core/result';
import { type ImageType, inspectImage } from './image-file';

export interface ImageFile {
  bytes: Uint8Array;
  contentType: ImageType;
  /** `<sha-256 of the bytes>.<extension>`: safe as a file name and as an object key. */
  name: string;
}

export interface ImageStorage {
  /** Stores the file (idempotently: the name is the content's hash) and answers the URL shoppers' browsers load it from. */
  saveImage(file: ImageFile): Promise<{ url: string }>;
}

export interface StoredImage {
  url: string;
  width: number;
  height: number;
  contentType: ImageType;
}

/** Checks what the bytes are (type, size, pixel dimensions), names them by hash and hands them to the storage. */
export async function storeImage(storage: ImageStorage, bytes: Uint8Array): Promise<Result<StoredImage, { code: 'unsupported_image'; message: string }>> {
  const image = inspectImage(bytes);
  if (!image.ok) return err({ code: 'unsupported_image', message: image.reason });
  const name = `${createHash('sha256').update(bytes).digest('hex')}.${image.extension}`;
  const { url } = await storage.saveImage({ bytes, contentType: image.type, name });
  return ok({ url, width: image.width, height: image.height, contentType: image.type });
}
