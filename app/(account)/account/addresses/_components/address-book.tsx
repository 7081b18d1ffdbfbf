'use client';
// The saved addresses, each with Edit / Make default / Delete, and one form at a time (add or edit) below them. The
// form reuses the checkout's address fields, so an address is typed and checked exactly as at checkout.
import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useRef, useState, useTransition } from 'react';
import { AddressFields } from '@/components/checkout/address-fields';
import { actionFailure } from '@/components/ui/action-result';
import { TextField } from '@/components/ui/fields';
import type { SavedAddress } from '@/lib/account/addresses';
import { type AddressFormState, type AddressFormValues, deleteAddressAction, saveAddressAction, setDefaultAddressAction } from '../actions';

type Editing = { kind: 'closed' } | { kind: 'new' } | { kind: 'edit'; address: SavedAddress };

function valuesOf(address: SavedAddress | null): AddressFormValues {
  return {
    label: address?.label ?? '',
    fullName: address?.fullName ?? '',
    phone: address?.phone ?? '',
    line1: address?.line1 ?? '',
    line2: address?.line2 ?? '',
    city: address?.city ?? '',
    state: address?.state ?? '',
    postalCode: address?.postalCode ?? '',
    isDefault: address?.isDefault ?? false,
  };
}

export function AddressBook({ addresses, states }: { addresses: SavedAddress[]; states: readonly string[] }) {
  const [editing, setEditing] = useState<Editing>(addresses.length === 0 ? { kind: 'new' } : { kind: 'closed' });
  const [message, setMessage] = useState<string | null>(null);
  const [busy, startTransition] = useTransition();
  const router = useRouter();

  const run = (label: string, call: () => Promise<{ data?: { ok: boolean; message?: string } } | undefined>) =>
    startTransition(async () => {
      const result = await call();
      setMessage(result?.data?.ok ? label : (result?.data?.message ?? actionFailure(result)?.message ?? 'Something went wrong. Please try again.'));
      router.refresh();
    });

  return (
    <div className="space-y-4">
      <p aria-live="polite" className="text-sm text-stone-700" data-testid="address-book-status">
        {message}
      </p>
      {addresses.length === 0 ? <p className="rounded-xl border border-dashed border-stone-300 p-6 text-stone-600">No saved addresses yet.</p> : null}
      <ul className="grid gap-4 sm:grid-cols-2">
        {addresses.map((address) => (
          <li key={address.id} className="rounded-xl border border-stone-200 bg-white p-4 text-sm" data-testid="saved-address">
            <p className="flex flex-wrap items-center gap-2 font-medium">
              {address.label ?? address.fullName}
              {address.isDefault ? <span className="rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800">Default</span> : null}
            </p>
            <address className="mt-1 not-italic text-stone-600">
              {address.label ? <span className="block">{address.fullName}</span> : null}
              <span className="block">{address.line1}</span>
              {address.line2 ? <span className="block">{address.line2}</span> : null}
              <span className="block">
                {address.city}, {address.state}
              </span>
              <span className="block">{address.phone}</span>
            </address>
            <div className="mt-3 flex flex-wrap gap-3">
              <button type="button" className="font-medium text-brand-700 underline underline-offset-2" onClick={() => setEditing({ kind: 'edit', address })}>
                Edit<span className="sr-only"> {address.label ?? address.line1}</span>
              </button>
              {address.isDefault ? null : (
                <button
                  type="button"
                  disabled={busy}
                  className="font-medium text-brand-700 underline underline-offset-2 disabled:opacity-50"
                  onClick={() => run('Default address changed.', () => setDefaultAddressAction({ addressId: address.id }))}
                >
                  Make default<span className="sr-only"> {address.label ?? address.line1}</span>
                </button>
              )}
              <button
                type="button"
                disabled={busy}
                className="font-medium text-stone-600 underline underline-offset-2 hover:text-red-700 disabled:opacity-50"
                onClick={() => run('Address deleted.', () => deleteAddressAction({ addressId: address.id }))}
              >
                Delete<span className="sr-only"> {address.label ?? address.line1}</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
      {editing.kind === 'closed' ? (
        <button
          type="button"
          onClick={() => setEditing({ kind: 'new' })}
          className="rounded-lg border border-stone-300 bg-white px-4 py-2 font-medium hover:border-brand-600"
        >
          Add an address
        </button>
      ) : (
        <AddressForm
          key={editing.kind === 'edit' ? editing.address.id : 'new'}
          address={editing.kind === 'edit' ? editing.address : null}
          states={states}
          onDone={(saved) => {
            setEditing({ kind: 'closed' });
            setMessage(saved);
            router.refresh();
          }}
          onCancel={addresses.length === 0 ? undefined : () => setEditing({ kind: 'closed' })}
        />
      )}
    </div>
  );
}

function AddressForm({
  address,
  states,
  onDone,
  onCancel,
}: {
  address: SavedAddress | null;
  states: readonly string[];
  onDone: (message: string) => void;
  onCancel?: () => void;
}) {
  async function submit(previous: AddressFormState, formData: FormData): Promise<AddressFormState> {
    const result = await saveAddressAction({ data: previous }, formData);
    return result.data ?? { status: 'invalid', message: actionFailure(result)?.message ?? 'Something went wrong.', fieldErrors: {}, values: valuesOf(address) };
  }
  const [state, action, pending] = useActionState(submit, { status: 'idle' });
  const formRef = useRef<HTMLFormElement>(null);
  const values = state.status === 'invalid' ? state.values : valuesOf(address);
  const errors = state.status === 'invalid' ? state.fieldErrors : {};

  useEffect(() => {
    if (state.status === 'saved') onDone(address ? 'Address saved.' : 'Address added.');
    if (state.status === 'invalid') formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state, address, onDone]);

  return (
    <form ref={formRef} action={action} noValidate className="space-y-4" aria-label={address ? 'Edit address' : 'Add an address'}>
      <h2 className="text-lg font-semibold">{address ? 'Edit address' : 'Add an address'}</h2>
      <input type="hidden" name="id" value={address?.id ?? ''} />
      <div key={state.status === 'invalid' ? JSON.stringify(values) : 'fresh'} className="space-y-4">
        <TextField
          idPrefix="address"
          label="Label (optional)"
          name="label"
          defaultValue={values.label}
          errors={errors.label}
          hint="e.g. Home, Office"
          className="sm:max-w-xs"
        />
        <AddressFields values={values} errors={errors} states={states} />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="isDefault" defaultChecked={values.isDefault} className="h-4 w-4" />
          Use as my default address
        </label>
      </div>
      {state.status === 'invalid' && Object.keys(errors).length === 0 ? (
        <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {state.message}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <button
          type="submit"
          disabled={pending}
          aria-disabled={pending}
          className="rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600 disabled:cursor-wait disabled:opacity-70"
        >
          {pending ? 'Saving…' : 'Save address'}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel} className="rounded-lg border border-stone-300 px-4 py-2 font-medium">
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
