'use client';
// Labelled inputs with their hint and errors beside them (aria-describedby): the one field component of every form.
// An error belongs to the value it was given for: once the field is changed it goes, aria-invalid with it, until the
// next submit checks again — a fixed field never keeps saying it is wrong. A password is kept through a refused submit
// (React resets a form after its action; typing it again after every error is the shopper's work for nothing).
import { type ChangeEvent, type InputHTMLAttributes, type SelectHTMLAttributes, useState } from 'react';

const control =
  'mt-1 block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-stone-900 shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-500';

function describedBy(id: string, hint?: string, errors?: string[]) {
  return [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

function Messages({ id, hint, errors }: { id: string; hint?: string; errors?: string[] }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-stone-500">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <ul id={`${id}-error`} className="mt-1 space-y-0.5 text-sm text-red-700">
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** `idPrefix` keeps ids unique when two forms share a page and stable for the links that point at errors. */
type Common = { label: string; name: string; errors?: string[]; hint?: string; className?: string; idPrefix?: string };

/**
 * The errors still standing: `errors` unless the field was edited since they were given. Errors arrive as a new array
 * with each refusal, so the identity of the array says which refusal an edit followed.
 */
export function useStandingErrors(errors: string[] | undefined) {
  const [editedAfter, setEditedAfter] = useState<string[] | undefined | null>(null);
  const standing = errors?.length && editedAfter !== errors ? errors : undefined;
  return { standing, edited: () => setEditedAfter(errors) };
}

export function TextField({ label, name, errors, hint, className, idPrefix = 'checkout', ...input }: Common & InputHTMLAttributes<HTMLInputElement>) {
  const id = `${idPrefix}-${name}`;
  const { standing, edited } = useStandingErrors(errors);
  // Uncontrolled passwords are held here, so the form's reset after a refused submit does not empty them.
  const keepPassword = input.type === 'password' && input.value === undefined;
  const [password, setPassword] = useState('');
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    edited();
    if (keepPassword) setPassword(event.target.value);
    input.onChange?.(event);
  };
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={standing ? true : undefined}
        aria-describedby={describedBy(id, hint, standing)}
        className={control}
        {...input}
        {...(keepPassword ? { value: password } : {})}
        onChange={onChange}
      />
      <Messages id={id} hint={hint} errors={standing} />
    </div>
  );
}

export function SelectField({
  label,
  name,
  errors,
  hint,
  className,
  options,
  placeholder,
  idPrefix = 'checkout',
  ...select
}: Common & SelectHTMLAttributes<HTMLSelectElement> & { options: readonly string[]; placeholder: string }) {
  const id = `${idPrefix}-${name}`;
  const { standing, edited } = useStandingErrors(errors);
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        aria-invalid={standing ? true : undefined}
        aria-describedby={describedBy(id, hint, standing)}
        className={control}
        {...select}
        onChange={(event) => {
          edited();
          select.onChange?.(event);
        }}
      >
        <option value="">{placeholder}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
      <Messages id={id} hint={hint} errors={standing} />
    </div>
  );
}
