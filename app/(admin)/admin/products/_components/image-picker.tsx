'use client';
// A product's images, in order (the first is the main one): upload a file (sent as-is to POST /api/admin/uploads,
// which checks what it really is and stores it through the configured storage) or add an https address (loaded
// here first, so a broken link is caught before shoppers see it). Each image gets a description for screen readers.
import { type ChangeEvent, useRef, useState } from 'react';
import { isAllowedImageUrl, type ImageFormValues, MAX_IMAGES } from '@/lib/products/product-form';
import { IMAGE_TYPES, MAX_IMAGE_BYTES } from '@/lib/storage/image-file';

interface ImagePickerProps {
  images: ImageFormValues[];
  onChange: (images: ImageFormValues[]) => void;
  /** Errors by path inside the list ("0.url", "2.alt") and for the list itself (""). */
  errors: Record<string, string[] | undefined>;
  disabled?: boolean;
}

const small = 'rounded-md border border-stone-300 bg-white px-2 py-1 text-xs font-medium text-stone-700 hover:border-stone-900 disabled:opacity-40';

function measure(url: string): Promise<{ width: number; height: number }> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    const timer = setTimeout(() => reject(new Error('timeout')), 10_000);
    image.onload = () => {
      clearTimeout(timer);
      resolve({ width: image.naturalWidth || 800, height: image.naturalHeight || 800 });
    };
    image.onerror = () => {
      clearTimeout(timer);
      reject(new Error('unreadable'));
    };
    image.src = url;
  });
}

export function ImagePicker({ images, onChange, errors, disabled }: ImagePickerProps) {
  const [url, setUrl] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const full = images.length >= MAX_IMAGES;

  const add = (image: ImageFormValues) => {
    if (images.some((existing) => existing.url === image.url)) {
      setProblem('That image is already in the list.');
      return;
    }
    onChange([...images, image]);
  };

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setProblem(null);
    if (!(file.type in IMAGE_TYPES)) {
      setProblem(
        file.type === 'image/svg+xml' ? 'SVG files are not accepted (they can carry script). Upload a PNG, JPEG or WebP.' : 'Upload a PNG, JPEG or WebP image.',
      );
      return;
    }
    if (file.size > MAX_IMAGE_BYTES) {
      setProblem(`That file is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`);
      return;
    }
    setBusy(`Uploading ${file.name}…`);
    try {
      const response = await fetch('/api/admin/uploads', { method: 'POST', body: file, headers: { 'content-type': file.type } });
      const body = (await response.json().catch(() => null)) as { image?: { url: string; width: number; height: number }; error?: { message?: string } } | null;
      if (!response.ok || !body?.image) {
        setProblem(body?.error?.message ?? `The upload failed (${response.status}). Please try again.`);
        return;
      }
      add({ url: body.image.url, alt: '', width: body.image.width, height: body.image.height });
    } catch {
      setProblem('The upload failed: check your connection and try again.');
    } finally {
      setBusy(null);
    }
  }

  async function addUrl() {
    const address = url.trim();
    setProblem(null);
    if (!isAllowedImageUrl(address)) {
      setProblem('Enter an https:// address of an image.');
      return;
    }
    setBusy('Checking the image…');
    try {
      const size = await measure(address);
      add({ url: address, alt: '', ...size });
      setUrl('');
    } catch {
      setProblem('That address did not load as an image. Check it opens in a new tab.');
    } finally {
      setBusy(null);
    }
  }

  const move = (from: number, to: number) => {
    const next = [...images];
    const [moved] = next.splice(from, 1);
    if (moved) next.splice(to, 0, moved);
    onChange(next);
  };

  return (
    <div className="space-y-4">
      {errors['']?.length ? (
        <p className="text-sm text-red-700" role="alert">
          {errors[''].join(' ')}
        </p>
      ) : null}
      {images.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 px-4 py-6 text-center text-sm text-stone-500">
          No images yet. Shoppers see a placeholder until you add one.
        </p>
      ) : (
        <ol className="grid gap-3 sm:grid-cols-2" data-testid="product-images">
          {images.map((image, index) => (
            <li key={image.url} className="flex min-w-0 gap-3 rounded-lg border border-stone-200 bg-stone-50 p-3">
              <img src={image.url} alt="" width={80} height={80} className="h-20 w-20 flex-none rounded-md border border-stone-200 bg-white object-cover" />
              <div className="min-w-0 flex-1 space-y-2">
                <p className="truncate text-xs text-stone-500" title={image.url}>
                  {index === 0 ? <span className="mr-1 font-semibold text-stone-800">Main image ·</span> : null}
                  {image.width}×{image.height} · {image.url}
                </p>
                <label className="block text-xs font-medium text-stone-700">
                  Description (alt text)
                  <input
                    value={image.alt}
                    maxLength={200}
                    disabled={disabled}
                    onChange={(event) => onChange(images.map((other, at) => (at === index ? { ...other, alt: event.target.value } : other)))}
                    placeholder="Defaults to the product title"
                    aria-invalid={errors[`${index}.alt`]?.length ? true : undefined}
                    className="mt-1 block w-full rounded-md border border-stone-300 bg-white px-2 py-1 text-sm"
                  />
                </label>
                {[...(errors[`${index}.url`] ?? []), ...(errors[`${index}.alt`] ?? [])].map((message) => (
                  <p key={message} className="text-xs text-red-700">
                    {message}
                  </p>
                ))}
                <div className="flex gap-1.5">
                  <button type="button" className={small} disabled={disabled || index === 0} onClick={() => move(index, index - 1)}>
                    ↑ <span className="sr-only">Move image {index + 1} up</span>
                  </button>
                  <button type="button" className={small} disabled={disabled || index === images.length - 1} onClick={() => move(index, index + 1)}>
                    ↓ <span className="sr-only">Move image {index + 1} down</span>
                  </button>
                  <button type="button" className={small} disabled={disabled} onClick={() => onChange(images.filter((_, at) => at !== index))}>
                    Remove<span className="sr-only"> image {index + 1}</span>
                  </button>
                </div>
              </div>
            </li>
          ))}
        </ol>
      )}
      <div className="flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor="product-image-file" className="block text-sm font-medium text-stone-800">
            Upload an image
          </label>
          <input
            ref={fileInput}
            id="product-image-file"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            onChange={upload}
            disabled={disabled || full || busy !== null}
            aria-describedby="product-image-file-hint"
            className="mt-1 block text-sm file:mr-3 file:rounded-lg file:border file:border-stone-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium"
          />
          <p id="product-image-file-hint" className="mt-1 text-xs text-stone-500">
            PNG, JPEG or WebP, up to {MAX_IMAGE_BYTES / 1024 / 1024} MB. SVG is not accepted.
          </p>
        </div>
        <div className="min-w-64 flex-1">
          <label htmlFor="product-image-url" className="block text-sm font-medium text-stone-800">
            Or add by address
          </label>
          <div className="mt-1 flex gap-2">
            <input
              id="product-image-url"
              type="url"
              inputMode="url"
              value={url}
              onChange={(event) => setUrl(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  void addUrl();
                }
              }}
              placeholder="https://…"
              disabled={disabled || full || busy !== null}
              className="block w-full rounded-lg border border-stone-300 bg-white px-3 py-1.5 text-sm shadow-sm"
            />
            <button
              type="button"
              onClick={() => void addUrl()}
              disabled={disabled || full || busy !== null || url.trim() === ''}
              className="whitespace-nowrap rounded-lg border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium hover:border-stone-900 disabled:opacity-50"
            >
              Add image
            </button>
          </div>
        </div>
      </div>
      <p aria-live="polite" className="text-sm">
        {busy ? <span className="text-stone-600">{busy}</span> : null}
        {problem ? <span className="text-red-700">{problem}</span> : null}
        {full ? <span className="text-stone-600">At most {MAX_IMAGES} images.</span> : null}
      </p>
    </div>
  );
}
