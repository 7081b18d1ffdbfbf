'use server';
// Saved addresses' server actions, through the signed-in door: save (add, or edit when an id is sent), delete, make
// default. Each calls one use case of lib/account/addresses.ts, scoped to the session's user — the same ones the
// /api/account/addresses routes call.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { zfd } from 'zod-form-data';
import { createAddress, deleteAddress, savedAddressInputSchema, setDefaultAddress, updateAddress } from '@/lib/account/addresses';
import { errorMessage, fieldErrorsOf } from '@/lib/errors';
import { type ActionMetadata, formText, userAction } from '@/lib/server/doors/actions';

const addressFields = ['label', 'fullName', 'phone', 'line1', 'line2', 'city', 'state', 'postalCode'] as const;
export type AddressFormValues = Record<(typeof addressFields)[number], string> & { isDefault: boolean };

const addressForm = zfd.formData({
  id: formText(64),
  ...(Object.fromEntries(addressFields.map((field) => [field, formText(500)])) as Record<(typeof addressFields)[number], ReturnType<typeof formText>>),
  isDefault: zfd.checkbox(),
});

export type AddressFormState =
  | { status: 'idle' }
  | { status: 'saved'; addressId: string }
  | { status: 'invalid'; message: string; fieldErrors: Record<string, string[]>; values: AddressFormValues };

const limitWrites: ActionMetadata = { rateLimit: ({ deps, user, ip }) => deps.limiter().limit('accountWritesByUser', user?.id ?? ip) };

export const saveAddressAction = userAction
  .metadata(limitWrites)
  .inputSchema(addressForm)
  .stateAction<AddressFormState>(async ({ parsedInput, ctx }) => {
    const { id, isDefault, ...fields } = parsedInput;
    const values: AddressFormValues = { ...fields, isDefault };
    const parsed = savedAddressInputSchema.safeParse({ ...fields, state: fields.state || undefined, country: 'NG', isDefault });
    if (!parsed.success) return { status: 'invalid', message: errorMessage('invalid_input'), fieldErrors: fieldErrorsOf(parsed.error), values };
    const saved = id ? await updateAddress(ctx.deps.db, ctx.user.id, id, parsed.data) : await createAddress(ctx.deps.db, ctx.user.id, parsed.data);
    if (!saved.ok) return { status: 'invalid', message: errorMessage(saved.error.code), fieldErrors: {}, values };
    revalidatePath('/account/addresses');
    return { status: 'saved', addressId: saved.value.id };
  });

const idInput = z.object({ addressId: z.uuid() });

export const deleteAddressAction = userAction
  .metadata(limitWrites)
  .inputSchema(idInput)
  .action(async ({ parsedInput, ctx }) => {
    const deleted = await deleteAddress(ctx.deps.db, ctx.user.id, parsedInput.addressId);
    revalidatePath('/account/addresses');
    return deleted.ok ? { ok: true as const } : { ok: false as const, message: errorMessage(deleted.error.code) };
  });

export const setDefaultAddressAction = userAction
  .metadata(limitWrites)
  .inputSchema(idInput)
  .action(async ({ parsedInput, ctx }) => {
    const chosen = await setDefaultAddress(ctx.deps.db, ctx.user.id, parsedInput.addressId);
    revalidatePath('/account/addresses');
    return chosen.ok ? { ok: true as const } : { ok: false as const, message: errorMessage(chosen.error.code) };
  });
