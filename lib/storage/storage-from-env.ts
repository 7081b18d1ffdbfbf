// The image storage this deployment uses, chosen by IMAGE_STORAGE: `local` (default; files under IMAGE_UPLOAD_DIR,
// public/uploads unless set) or `s3` (any S3-compatible bucket, S3_* variables). lib/core/env.ts validates the variables.
import path from 'node:path';
import { env } from '../core/env';
import type { ImageStorage } from './image-storage';
import { localDiskStorage } from './local-disk';
import { s3Storage } from './s3';

/** Where the local adapter keeps files: IMAGE_UPLOAD_DIR, or public/uploads of the app's working directory. */
export function localUploadDir(): string {
  const configured = env().IMAGE_UPLOAD_DIR;
  // Chosen at run time: the bundler must not try to trace (and ship) whatever folder this names.
  return configured ? path.resolve(/* turbopackIgnore: true */ configured) : path.join(/* turbopackIgnore: true */ process.cwd(), 'public', 'uploads');
}

export function localImageStorage() {
  return localDiskStorage({ dir: localUploadDir(), publicPath: env().IMAGE_PUBLIC_URL ?? '/uploads' });
}

export function imageStorage(): ImageStorage {
  const config = env();
  if (config.IMAGE_STORAGE === 's3') {
    const { S3_ENDPOINT, S3_REGION, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_KEY_PREFIX, IMAGE_PUBLIC_URL } = config;
    if (!S3_ENDPOINT || !S3_BUCKET || !S3_ACCESS_KEY_ID || !S3_SECRET_ACCESS_KEY || !IMAGE_PUBLIC_URL) {
      throw new Error('IMAGE_STORAGE=s3 needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY and IMAGE_PUBLIC_URL');
    }
    return s3Storage({
      endpoint: S3_ENDPOINT,
      region: S3_REGION,
      bucket: S3_BUCKET,
      accessKeyId: S3_ACCESS_KEY_ID,
      secretAccessKey: S3_SECRET_ACCESS_KEY,
      keyPrefix: S3_KEY_PREFIX,
      publicUrl: IMAGE_PUBLIC_URL,
    });
  }
  return localImageStorage();
}
