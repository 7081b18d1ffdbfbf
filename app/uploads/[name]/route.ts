// GET /uploads/:name – a product image uploaded to local storage after the server started (`next start` serves
// public/ as it was at start; earlier uploads under public/uploads never reach this handler)
import { z } from 'zod';
import { env } from '@/lib/core/env';
import { LOCAL_IMAGE_NAME } from '@/lib/storage/local-disk';
import { localImageStorage } from '@/lib/storage/storage-from-env';
import { apiError, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

const params = z.object({ name: z.string() });

export const GET = route({ name: 'uploads/:name', audience: 'public', sameOrigin: false, params }, async ({ params }) => {
  if (env().IMAGE_STORAGE !== 'local' || !LOCAL_IMAGE_NAME.test(params.name)) return apiError('not_found');
  const image = await localImageStorage().readImage(params.name);
  if (!image) return apiError('not_found');
  return new Response(Buffer.from(image.bytes), {
    headers: {
      'content-type': image.contentType,
      'content-length': String(image.bytes.byteLength),
      // Named by the hash of its bytes: what a URL points at never changes.
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    },
  });
});
