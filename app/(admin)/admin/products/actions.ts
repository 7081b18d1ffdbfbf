'use server';
// The product pages' actions, through the admin door (role re-read from the database before the input is parsed):
// create, save and archive or unarchive a product. Each parses the form with the shared schema (field errors by path,
// e.g. `variants.2.sku`), calls one use case, and on success drops the storefront's cached copies of the product
// and of every listing (cache-tags.ts), so shoppers see the change on their next request.
import { z } from 'zod';
import { getProductForEdit } from '@/db/queries/admin-products';
import { formatDateTime } from '@/lib/core/format-date';
import { AppError } from '@/lib/errors';
import { createProduct } from '@/lib/products/create-product';
import { type ProductEditorData, toEditorData } from '@/lib/products/product-editor-data';
import { type ProductFieldErrors, parseProductForm } from '@/lib/products/product-form';
import { setProductArchived } from '@/lib/products/set-product-archived';
import { updateProduct } from '@/lib/products/update-product';
import { adminAction } from '@/lib/server/doors/actions';
import { revalidateProduct } from '@/lib/server/deps/cache-tags';

export type SaveProductState =
  | { status: 'created'; id: string }
  | { status: 'saved'; product: ProductEditorData; changed: boolean }
  | { status: 'invalid'; message: string; fieldErrors: ProductFieldErrors }
  | { status: 'conflict'; message: string };

// The form's values are checked field by field by parseProductForm (which reports every problem by its path); the
// door only bounds their shape.
const formValues = z.record(z.string(), z.unknown());

const invalid = (fieldErrors: ProductFieldErrors): SaveProductState => ({ status: 'invalid', message: 'Please correct the highlighted fields.', fieldErrors });

export const createProductAction = adminAction.inputSchema(z.object({ values: formValues })).action(async ({ parsedInput, ctx }): Promise<SaveProductState> => {
  const parsed = parseProductForm(parsedInput.values);
  if (!parsed.ok) return invalid(parsed.fieldErrors);
  const result = await createProduct(ctx.deps.db, parsed.input, ctx.admin.id);
  if (!result.ok) return invalid(result.error.fieldErrors);
  revalidateProduct(result.value.slug);
  return { status: 'created', id: result.value.id };
});

export const updateProductAction = adminAction
  .inputSchema(z.object({ productId: z.uuid(), expectedUpdatedAt: z.string().max(40), values: formValues }))
  .action(async ({ parsedInput, ctx }): Promise<SaveProductState> => {
    const parsed = parseProductForm(parsedInput.values);
    if (!parsed.ok) return invalid(parsed.fieldErrors);
    const result = await updateProduct(ctx.deps.db, {
      productId: parsedInput.productId,
      expectedUpdatedAt: parsedInput.expectedUpdatedAt,
      input: parsed.input,
      adminId: ctx.admin.id,
    });
    if (!result.ok) {
      switch (result.error.code) {
        case 'invalid':
          return invalid(result.error.fieldErrors);
        case 'changed_since_read':
          return {
            status: 'conflict',
            message: `This product was changed at ${formatDateTime(result.error.updatedAt)}, after you opened it. Nothing was saved: reload the page to see the current version, then make your change again.`,
          };
        case 'not_found':
          throw new AppError('not_found', 'This product no longer exists.');
      }
    }
    if (result.value.changed) revalidateProduct([result.value.slug, result.value.previousSlug]);
    const fresh = await getProductForEdit(ctx.deps.db, parsedInput.productId);
    if (!fresh) throw new AppError('not_found', 'This product no longer exists.');
    return { status: 'saved', product: toEditorData(fresh), changed: result.value.changed };
  });

export const setProductArchivedAction = adminAction
  .inputSchema(z.object({ productId: z.uuid(), archived: z.boolean() }))
  .action(async ({ parsedInput, ctx }) => {
    const result = await setProductArchived(ctx.deps.db, { ...parsedInput, adminId: ctx.admin.id });
    if (!result.ok) {
      if (result.error.code === 'not_found') throw new AppError('not_found', 'This product no longer exists.');
      throw new AppError('changed_since_read', `This product is ${result.error.status} already: reload the page.`);
    }
    revalidateProduct(result.value.slug);
    return { status: result.value.status, updatedAt: result.value.updatedAt.toISOString() };
  });
