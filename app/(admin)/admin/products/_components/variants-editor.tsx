'use client';
// A product's options (up to three, e.g. Size and Colour) and its variants: one row per variant with a value for each
// option, SKU, price and compare-at price in naira, and the starting stock of a new variant (an existing one shows its
// stock and links to Inventory, where stock changes are version-checked). Removing an option removes its column.
import Link from 'next/link';
import type { ProductFieldErrors, VariantFormValues } from '@/lib/products/product-form';
import { MAX_OPTIONS, MAX_VARIANTS } from '@/lib/products/product-form';
import { FieldErrorList } from '@/components/admin/catalog/field-error-list';
import { TableHead } from '@/components/ui/table-head';

const cell = 'block w-full rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm aria-[invalid=true]:border-red-500';
const section = 'space-y-4 rounded-xl border border-stone-200 bg-white p-6';

export const emptyVariant = (options: number): VariantFormValues => ({
  optionValues: Array.from({ length: options }, () => ''),
  sku: '',
  price: '',
  compareAt: '',
  initialStock: '0',
  archived: false,
});

interface VariantsEditorProps {
  optionNames: string[];
  variants: VariantFormValues[];
  /** Stock of the existing variants by id. */
  stock: Record<string, { stockOnHand: number; reserved: number }>;
  errors: ProductFieldErrors;
  onChange: (patch: { optionNames?: string[]; variants?: VariantFormValues[] }) => void;
}

export function VariantsEditor({ optionNames, variants, stock, errors, onChange }: VariantsEditorProps) {
  const err = (path: string) => errors[path];
  const invalid = (path: string) => (errors[path]?.length ? true : undefined);
  const setVariant = (index: number, patch: Partial<VariantFormValues>) =>
    onChange({ variants: variants.map((variant, at) => (at === index ? { ...variant, ...patch } : variant)) });
  const setOptionName = (index: number, name: string) => onChange({ optionNames: optionNames.map((existing, at) => (at === index ? name : existing)) });
  const addOption = () =>
    onChange({ optionNames: [...optionNames, ''], variants: variants.map((variant) => ({ ...variant, optionValues: [...variant.optionValues, ''] })) });
  const removeOption = (index: number) =>
    onChange({
      optionNames: optionNames.filter((_, at) => at !== index),
      variants: variants.map((variant) => ({ ...variant, optionValues: variant.optionValues.filter((_, at) => at !== index) })),
    });

  return (
    <section aria-labelledby="variants-heading" className={section}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="variants-heading" className="text-lg font-semibold">
          Options and variants
        </h2>
        <p className="text-sm text-stone-600">Prices in naira. Stock of existing variants changes under Inventory.</p>
      </div>
      <div className="space-y-2">
        <p className="text-sm font-medium text-stone-800">Options (e.g. Size, Colour)</p>
        <div className="flex flex-wrap items-start gap-3">
          {optionNames.map((name, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an option is its position (variants' values are stored by it); names change as they are typed
            <div key={index}>
              <div className="flex items-center gap-1">
                <label htmlFor={`option-${index}`} className="sr-only">
                  Option {index + 1} name
                </label>
                <input
                  id={`option-${index}`}
                  value={name}
                  maxLength={30}
                  placeholder={index === 0 ? 'Size' : 'Colour'}
                  onChange={(event) => setOptionName(index, event.target.value)}
                  aria-invalid={invalid(`optionNames.${index}`)}
                  className="w-36 rounded-lg border border-stone-300 bg-white px-3 py-1.5 text-sm aria-[invalid=true]:border-red-500"
                />
                <button
                  type="button"
                  onClick={() => removeOption(index)}
                  className="rounded px-2 text-lg leading-none text-stone-500 hover:text-stone-900"
                  aria-label={`Remove option ${name || index + 1}`}
                >
                  ×
                </button>
              </div>
              <FieldErrorList id={`error-optionNames-${index}`} messages={err(`optionNames.${index}`)} />
            </div>
          ))}
          {optionNames.length < MAX_OPTIONS ? (
            <button
              type="button"
              onClick={addOption}
              className="rounded-lg border border-dashed border-stone-400 px-3 py-1.5 text-sm font-medium text-stone-700"
            >
              + Add option
            </button>
          ) : null}
        </div>
        <FieldErrorList id="error-optionNames" messages={err('optionNames')} />
      </div>

      <div className="relative overflow-x-auto">
        <table className="w-full min-w-[48rem] text-left text-sm" data-testid="variant-rows">
          <caption className="sr-only">Variants</caption>
          <TableHead
            cellClassName="px-1 py-2"
            columns={[
              ...optionNames.map((name, index) => ({ label: name || `Option ${index + 1}` })),
              { label: 'SKU' },
              { label: 'Price (₦)' },
              { label: 'Compare-at (₦)' },
              { label: 'Stock' },
              { label: <span className="sr-only">Actions</span> },
            ]}
          />
          <tbody className="divide-y divide-stone-100 align-top">
            {variants.map((variant, index) => {
              const label = `variant ${index + 1}`;
              const existing = variant.id ? stock[variant.id] : undefined;
              const rowHasErrors = Object.keys(errors).some((key) => key.startsWith(`variants.${index}.`));
              const rowDescribed = rowHasErrors ? `variant-${index}-errors` : undefined;
              return (
                <tr key={variant.id ?? `new-${index}`} className={variant.archived ? 'bg-stone-50 text-stone-500' : undefined}>
                  {optionNames.map((name, position) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns follow option positions
                    <td key={position} className="px-1 py-2">
                      <input
                        aria-label={`${name || `Option ${position + 1}`} of ${label}`}
                        value={variant.optionValues[position] ?? ''}
                        maxLength={40}
                        onChange={(event) =>
                          setVariant(index, { optionValues: variant.optionValues.map((value, at) => (at === position ? event.target.value : value)) })
                        }
                        aria-invalid={invalid(`variants.${index}.optionValues.${position}`) ?? invalid(`variants.${index}.optionValues`)}
                        aria-describedby={rowDescribed}
                        className={`${cell} w-24`}
                      />
                    </td>
                  ))}
                  <td className="px-1 py-2">
                    <input
                      aria-label={`SKU of ${label}`}
                      value={variant.sku}
                      maxLength={64}
                      onChange={(event) => setVariant(index, { sku: event.target.value })}
                      aria-invalid={invalid(`variants.${index}.sku`)}
                      aria-describedby={rowDescribed}
                      className={`${cell} w-36 font-mono uppercase`}
                    />
                  </td>
                  <td className="px-1 py-2">
                    <input
                      aria-label={`Price of ${label} in naira`}
                      inputMode="decimal"
                      value={variant.price}
                      onChange={(event) => setVariant(index, { price: event.target.value })}
                      aria-invalid={invalid(`variants.${index}.price`)}
                      aria-describedby={rowDescribed}
                      className={`${cell} w-28 tabular-nums`}
                    />
                  </td>
                  <td className="px-1 py-2">
                    <input
                      aria-label={`Compare-at price of ${label} in naira`}
                      inputMode="decimal"
                      value={variant.compareAt}
                      placeholder="—"
                      onChange={(event) => setVariant(index, { compareAt: event.target.value })}
                      aria-invalid={invalid(`variants.${index}.compareAt`)}
                      aria-describedby={rowDescribed}
                      className={`${cell} w-28 tabular-nums`}
                    />
                  </td>
                  <td className="px-1 py-2">
                    {existing && variant.id ? (
                      <span className="block whitespace-nowrap py-1.5">
                        {existing.stockOnHand} on hand{existing.reserved > 0 ? `, ${existing.reserved} held` : ''} ·{' '}
                        <Link href={`/admin/inventory/${variant.id}`} className="font-medium text-brand-700 underline underline-offset-2">
                          Adjust
                        </Link>
                      </span>
                    ) : (
                      <input
                        aria-label={`Starting stock of ${label}`}
                        inputMode="numeric"
                        value={variant.initialStock}
                        onChange={(event) => setVariant(index, { initialStock: event.target.value })}
                        aria-invalid={invalid(`variants.${index}.initialStock`)}
                        aria-describedby={rowDescribed}
                        className={`${cell} w-20 tabular-nums`}
                      />
                    )}
                  </td>
                  <td className="px-1 py-2">
                    {variant.id ? (
                      <label className="flex items-center gap-1.5 whitespace-nowrap py-1.5 text-xs">
                        <input type="checkbox" checked={variant.archived} onChange={(event) => setVariant(index, { archived: event.target.checked })} />
                        Archived
                      </label>
                    ) : (
                      <button
                        type="button"
                        onClick={() => onChange({ variants: variants.filter((_, at) => at !== index) })}
                        disabled={variants.length === 1}
                        className="py-1.5 text-xs font-medium text-stone-600 underline underline-offset-2 disabled:opacity-40"
                      >
                        Remove<span className="sr-only"> {label}</span>
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {variants.map((variant, index) => {
        const messages = Object.entries(errors).filter(([key]) => key.startsWith(`variants.${index}.`));
        if (messages.length === 0) return null;
        return (
          <p key={variant.id ?? `new-${index}`} id={`variant-${index}-errors`} className="text-sm text-red-700" data-testid={`variant-${index}-errors`}>
            Variant {index + 1}
            {variant.sku ? ` (${variant.sku.toUpperCase()})` : ''}: {messages.flatMap(([, list]) => list).join('; ')}.
          </p>
        );
      })}
      <FieldErrorList id="error-variants" messages={err('variants')} />
      {variants.length < MAX_VARIANTS ? (
        <button
          type="button"
          onClick={() => onChange({ variants: [...variants, emptyVariant(optionNames.length)] })}
          className="rounded-lg border border-dashed border-stone-400 px-3 py-1.5 text-sm font-medium text-stone-700"
        >
          + Add variant
        </button>
      ) : null}
    </section>
  );
}
