import type { ProductDetail } from '@/db/queries/catalog';

/**
 * Every image keeps its stored width/height as attributes and as the box's aspect ratio, so the page never
 * shifts when an image arrives. The first image is the page's largest paint: fetched eagerly, high priority.
 */
export function ProductGallery({ images, title }: { images: ProductDetail['images']; title: string }) {
  const [main, ...rest] = images;
  if (!main) {
    return <div className="aspect-square rounded-2xl bg-stone-100" role="img" aria-label={`No photo of ${title} yet`} />;
  }
  return (
    <div className="space-y-4">
      <div className="overflow-hidden rounded-2xl bg-stone-100" style={{ aspectRatio: `${main.width} / ${main.height}` }}>
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={main.url} alt={main.alt} width={main.width} height={main.height} fetchPriority="high" className="h-full w-full object-cover" />
      </div>
      {rest.length > 0 ? (
        <ul className="grid grid-cols-3 gap-4">
          {rest.map((image) => (
            <li key={image.url} className="overflow-hidden rounded-xl bg-stone-100" style={{ aspectRatio: `${image.width} / ${image.height}` }}>
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img src={image.url} alt={image.alt} width={image.width} height={image.height} loading="lazy" className="h-full w-full object-cover" />
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
