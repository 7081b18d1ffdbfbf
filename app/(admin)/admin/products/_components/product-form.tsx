'use client';
// Create or edit a product: details, images, options and variants. The form keeps what was typed; the shared schema
// checks it here first and again on the server, which also answers whether the slug and SKUs are free. Errors land
// next to their fields by path (`variants.2.sku`). An edit carries the version it was opened with, so a colleague's
// save in between is reported rather than overwritten. Stock of existing variants changes under Inventory.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState, useTransition } from 'react';
import { createProductAction, type SaveProductState, setProductArchivedAction, updateProductAction } from '../actions';
import { actionFailure, type DoorResult } from '@/components/ui/action-result';
import type { ProductEditorData } from '@/lib/products/product-editor-data';
import { type ProductFieldErrors, type ProductFormValues, parseProductForm, slugify } from '@/lib/products/product-form';
import { ImagePicker } from './image-picker';
import { emptyVariant, VariantsEditor } from './variants-editor';
import { FieldErrorList } from '@/components/admin/catalog/field-error-list';
import { standingErrors } from '@/components/ui/standing-errors';

interface ProductFormProps {
  categories: Array<{ id: string; name: string }>;
  /** The product being edited; absent on the new-product page. */
  product?: ProductEditorData;
}

const input =
  'mt-1 block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-stone-900 shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-500';
const section = 'space-y-4 rounded-xl border border-stone-200 bg-white p-6';

const blank: ProductFormValues = {
  title: '',
  slug: '',
  description: '',
  categoryId: '',
  status: 'active',
  featured: false,
  optionNames: [],
  variants: [emptyVariant(0)],
  images: [],
};

/** What the shared schema still finds wrong with these values (the server's own answers, like a taken slug, aside). */
function recheck(values: ProductFormValues): ProductFieldErrors {
  const checked = parseProductForm(values);
  return checked.ok ? {} : checked.fieldErrors;
}

/** Errors under `prefix.` with the prefix removed ("images.0.url" → "0.url"; "images" → ""). */
function within(errors: ProductFieldErrors, prefix: string): Record<string, string[] | undefined> {
  const found: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(errors)) {
    if (key === prefix) found[''] = messages;
    else if (key.startsWith(`${prefix}.`)) found[key.slice(prefix.length + 1)] = messages;
  }
  return found;
}

export function ProductForm({ categories, product }: ProductFormProps) {
  const router = useRouter();
  const [values, setValues] = useState<ProductFormValues>(product?.values ?? blank);
  const [openedAt, setOpenedAt] = useState(product?.updatedAt ?? '');
  const [stock, setStock] = useState(product?.stock ?? {});
  const [slugTouched, setSlugTouched] = useState(Boolean(product));
  // The errors of the last refusal with the values they were given for; a field edited since shows only what it still gets wrong.
  const [refused, setRefused] = useState<{ errors: ProductFieldErrors; values: ProductFormValues }>({ errors: {}, values: blank });
  const refusedSomething = Object.keys(refused.errors).length > 0;
  const errors = refusedSomething ? standingErrors(refused.errors, refused.values, values, recheck(values)) : refused.errors;
  const setErrors = (found: ProductFieldErrors, at: ProductFormValues = values) => setRefused({ errors: found, values: at });
  const [notice, setNotice] = useState<{ tone: 'error' | 'ok'; text: string } | null>(null);
  const [status, setStatus] = useState(product?.status ?? 'draft');
  const [pending, startTransition] = useTransition();
  const archived = status === 'archived';

  const set = (patch: Partial<ProductFormValues>) => setValues((current) => ({ ...current, ...patch }));
  const err = (path: string) => errors[path];
  const invalid = (path: string) => (errors[path]?.length ? true : undefined);
  const described = (path: string) => (errors[path]?.length ? `error-${path.replaceAll('.', '-')}` : undefined);

  /** Archive (gone from the shop at once; orders and stock untouched) or bring back as a draft. */
  function toggleArchived() {
    if (!product) return;
    if (!archived && !window.confirm(`Archive “${values.title}”? It disappears from the shop at once. Orders already placed are not affected.`)) return;
    setNotice(null);
    startTransition(async () => {
      const result = (await setProductArchivedAction({ productId: product.id, archived: !archived })) as DoorResult<{
        status: 'archived' | 'draft';
        updatedAt: string;
      }>;
      if (!result?.data) {
        setNotice({ tone: 'error', text: actionFailure(result)?.message ?? 'Something went wrong. Please try again.' });
        return;
      }
      setStatus(result.data.status);
      setOpenedAt(result.data.updatedAt);
      if (result.data.status === 'draft') set({ status: 'draft' });
      setNotice({
        tone: 'ok',
        text:
          result.data.status === 'archived'
            ? 'Archived: the product is no longer in the shop.'
            : 'Unarchived as a draft: publish it by choosing Active and saving.',
      });
      router.refresh();
    });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setNotice(null);
    const checked = parseProductForm(values);
    if (!checked.ok) {
      setErrors(checked.fieldErrors);
      setNotice({ tone: 'error', text: 'Please correct the highlighted fields.' });
      return;
    }
    startTransition(async () => {
      const result = (
        product
          ? await updateProductAction({ productId: product.id, expectedUpdatedAt: openedAt, values: { ...values } })
          : await createProductAction({ values: { ...values } })
      ) as DoorResult<SaveProductState>;
      const state = result?.data;
      if (!state) {
        setNotice({ tone: 'error', text: actionFailure(result)?.message ?? 'Something went wrong. Please try again.' });
        return;
      }
      switch (state.status) {
        case 'created':
          router.push(`/admin/products/${state.id}?created=1`);
          return;
        case 'saved':
          // New variants now have ids and the product a new version: continue from what the server stored.
          setValues(state.product.values);
          setStatus(state.product.status);
          setOpenedAt(state.product.updatedAt);
          setStock(state.product.stock);
          setErrors({});
          setNotice({ tone: 'ok', text: state.changed ? 'Saved. The shop shows the change now.' : 'Nothing had changed.' });
          router.refresh();
          return;
        case 'invalid':
          setErrors(state.fieldErrors);
          setNotice({ tone: 'error', text: state.message });
          return;
        case 'conflict':
          setNotice({ tone: 'error', text: state.message });
          return;
      }
    });
  }

  const topErrors = Object.entries(errors).filter(([key]) => key === 'form');

  return (
    <form onSubmit={submit} noValidate className="space-y-6" data-testid="product-form">
      {notice ? (
        <p
          role={notice.tone === 'error' ? 'alert' : 'status'}
          data-testid="product-form-notice"
          className={`rounded-lg border px-4 py-3 text-sm ${notice.tone === 'error' ? 'border-red-200 bg-red-50 text-red-800' : 'border-brand-600/40 bg-brand-50 text-brand-700'}`}
        >
          {notice.text}
          {topErrors.map(([, messages]) => ` ${messages.join(' ')}`)}
        </p>
      ) : null}

      <section aria-labelledby="details-heading" className={section}>
        <h2 id="details-heading" className="text-lg font-semibold">
          Details
        </h2>
        <div className="grid gap-4 md:grid-cols-2">
          <div>
            <label htmlFor="product-title" className="block text-sm font-medium text-stone-800">
              Title
            </label>
            <input
              id="product-title"
              value={values.title}
              maxLength={120}
              onChange={(event) => set({ title: event.target.value, ...(slugTouched ? {} : { slug: slugify(event.target.value) }) })}
              aria-invalid={invalid('title')}
              aria-describedby={described('title')}
              className={input}
            />
            <FieldErrorList id="error-title" messages={err('title')} />
          </div>
          <div>
            <label htmlFor="product-slug" className="block text-sm font-medium text-stone-800">
              Slug
            </label>
            <input
              id="product-slug"
              value={values.slug}
              maxLength={120}
              onChange={(event) => {
                setSlugTouched(true);
                set({ slug: event.target.value });
              }}
              aria-invalid={invalid('slug')}
              aria-describedby={['product-slug-hint', described('slug')].filter(Boolean).join(' ')}
              className={`${input} font-mono text-sm`}
            />
            <p id="product-slug-hint" className="mt-1 text-xs text-stone-500">
              The shop address: /products/{values.slug || '…'}
            </p>
            <FieldErrorList id="error-slug" messages={err('slug')} />
          </div>
          <div>
            <label htmlFor="product-category" className="block text-sm font-medium text-stone-800">
              Category
            </label>
            <select
              id="product-category"
              value={values.categoryId}
              onChange={(event) => set({ categoryId: event.target.value })}
              aria-invalid={invalid('categoryId')}
              aria-describedby={described('categoryId')}
              className={input}
            >
              <option value="">Choose a category</option>
              {categories.map((category) => (
                <option key={category.id} value={category.id}>
                  {category.name}
                </option>
              ))}
            </select>
            <FieldErrorList id="error-categoryId" messages={err('categoryId')} />
          </div>
          <fieldset>
            <legend className="block text-sm font-medium text-stone-800">Status</legend>
            {archived ? (
              <p className="mt-2 text-sm text-stone-600">Archived: not in the shop. Unarchive it (below) to publish it again.</p>
            ) : (
              <div className="mt-2 flex flex-wrap gap-4 text-sm">
                <label className="flex items-center gap-2">
                  <input
                    type="radio"
                    name="status"
                    checked={values.status === 'active'}
                    onChange={() => set({ status: 'active' })}
                    className="accent-brand-700"
                  />
                  Active — in the shop
                </label>
                <label className="flex items-center gap-2">
                  <input
                    type="radio"
                    name="status"
                    checked={values.status === 'draft'}
                    onChange={() => set({ status: 'draft' })}
                    className="accent-brand-700"
                  />
                  Draft — hidden
                </label>
                <label className="flex items-center gap-2">
                  <input type="checkbox" checked={values.featured} onChange={(event) => set({ featured: event.target.checked })} className="accent-brand-700" />
                  Featured on the home page
                </label>
              </div>
            )}
          </fieldset>
        </div>
        <div>
          <label htmlFor="product-description" className="block text-sm font-medium text-stone-800">
            Description
          </label>
          <textarea
            id="product-description"
            rows={4}
            maxLength={5000}
            value={values.description}
            onChange={(event) => set({ description: event.target.value })}
            aria-invalid={invalid('description')}
            aria-describedby={described('description')}
            className={input}
          />
          <FieldErrorList id="error-description" messages={err('description')} />
        </div>
      </section>

      <section aria-labelledby="images-heading" className={section}>
        <h2 id="images-heading" className="text-lg font-semibold">
          Images
        </h2>
        <ImagePicker images={values.images} onChange={(images) => set({ images })} errors={within(errors, 'images')} disabled={pending} />
      </section>

      <VariantsEditor optionNames={values.optionNames} variants={values.variants} stock={stock} errors={errors} onChange={(patch) => set(patch)} />

      <div className="sticky bottom-0 flex flex-wrap items-center justify-end gap-3 border-t border-stone-200 bg-stone-50/95 py-4 backdrop-blur">
        {product ? (
          <button
            type="button"
            onClick={toggleArchived}
            disabled={pending}
            className={`mr-auto rounded-lg border bg-white px-4 py-2 text-sm font-semibold disabled:opacity-60 ${
              archived ? 'border-stone-300 text-stone-800 hover:border-stone-900' : 'border-red-300 text-red-800 hover:bg-red-50'
            }`}
          >
            {archived ? 'Unarchive (as draft)' : 'Archive product'}
          </button>
        ) : null}
        <Link href="/admin/products" className="text-sm font-medium text-stone-700 underline underline-offset-2">
          Cancel
        </Link>
        <button
          type="submit"
          disabled={pending}
          className="rounded-lg bg-brand-700 px-5 py-2 text-sm font-semibold text-white hover:bg-brand-600 disabled:cursor-not-allowed disabled:opacity-60"
        >
          {pending ? 'Saving…' : product ? 'Save changes' : 'Create product'}
        </button>
      </div>
    </form>
  );
}
