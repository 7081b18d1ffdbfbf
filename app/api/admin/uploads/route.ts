// POST /api/admin/uploads – store a product image sent as the request body (PNG, JPEG or WebP, ≤ 5 MB; admin) → 201 { image: { url, width, height } }
import { log } from '@/lib/log';
import { MAX_IMAGE_BYTES } from '@/lib/storage/image-file';
import { storeImage } from '@/lib/storage/image-storage';
import { imageStorage } from '@/lib/storage/storage-from-env';
import { apiError, apiJson, route } from '@/lib/server/doors/route';

export const dynamic = 'force-dynamic';

// The door checks the admin before reading a byte of the body, and stops reading past the cap.
export const POST = route(
  { name: 'api/admin/uploads', audience: 'admin', sameOrigin: true, bytesBody: true, maxBodyBytes: MAX_IMAGE_BYTES },
  async ({ bytes }) => {
    let stored: Awaited<ReturnType<typeof storeImage>>;
    try {
      stored = await storeImage(imageStorage(), bytes);
    } catch (error) {
      log().error({ route: 'api/admin/uploads', err: error }, 'image storage failed');
      return apiError('service_unavailable', { message: 'The image could not be stored right now. Please try again.' });
    }
    if (!stored.ok) return apiError('unsupported_media_type', { message: stored.error.message });
    return apiJson({ image: stored.value }, { status: 201 });
  },
);
