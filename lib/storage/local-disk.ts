// Images on this server's disk, under public/uploads by default. Fine for development and a single server with a
// persistent disk; not for serverless or several instances (use object storage there). `next start` serves public/
// as it was when the server started, so uploads made later are served by GET /uploads/:name, which reads this folder.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { IMAGE_TYPES, type ImageType } from './image-file';
import type { ImageStorage } from './image-storage';

/** Names this adapter writes: a SHA-256 and a known extension. Anything else is never read from the folder. */
export const LOCAL_IMAGE_NAME = /^[a-f0-9]{64}\.(png|jpg|webp)$/;

const TYPE_BY_EXTENSION = Object.fromEntries(Object.entries(IMAGE_TYPES).map(([type, extension]) => [extension, type])) as Record<string, ImageType>;

export function localDiskStorage(options: { dir: string; publicPath: string }): ImageStorage & {
  readImage(name: string): Promise<{ bytes: Uint8Array; contentType: ImageType } | null>;
} {
  return {
    async saveImage(file) {
      if (!LOCAL_IMAGE_NAME.test(file.name)) throw new Error(`Refusing to store an image named ${file.name}`);
      const target = path.join(options.dir, file.name);
      const exists = await stat(target).then(
        () => true,
        () => false,
      );
      if (!exists) {
        await mkdir(options.dir, { recursive: true });
        // Write then rename: a reader never sees half a file, and two uploads of the same image end up as one.
        const temporary = path.join(options.dir, `.${file.name}.${randomUUID()}.tmp`);
        await writeFile(temporary, file.bytes, { mode: 0o644 });
        await rename(temporary, target);
      }
      return { url: `${options.publicPath.replace(/\/$/, '')}/${file.name}` };
    },
    async readImage(name) {
      if (!LOCAL_IMAGE_NAME.test(name)) return null;
      const contentType = TYPE_BY_EXTENSION[name.slice(name.lastIndexOf('.') + 1)];
      if (!contentType) return null;
      try {
        return { bytes: await readFile(path.join(options.dir, name)), contentType };
      } catch {
        return null;
      }
    },
  };
}
