// Small accessible form pieces for the sign-in and register forms: a labelled input with its errors beside it.
import type { ComponentProps } from 'react';
import { TextField } from '@/components/ui/fields';

/** The shop's one labelled field, with the ids the sign-in and register forms have always used. */
export function FormField(props: ComponentProps<typeof TextField>) {
  return <TextField idPrefix="field" {...props} />;
}

export function SubmitButton({ pending, idle, busy }: { pending: boolean; idle: string; busy: string }) {
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className="w-full rounded-lg bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-600 disabled:cursor-wait disabled:opacity-70"
    >
      {pending ? busy : idle}
    </button>
  );
}
