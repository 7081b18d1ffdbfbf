'use client';
// The shop settings form: who the shop is, the pickup point, delivery zones (states, fees, express or not), VAT and the
// returns policy. The shared schema checks it here first and again on the server; errors land next to their fields by
// path (`delivery.zones.1.expressFee`). The form carries the version it was opened with, so a colleague's save in
// between is reported rather than overwritten.
import { useRouter } from 'next/navigation';
import { type FormEvent, type ReactNode, useState, useTransition } from 'react';
import { saveShopSettingsAction, type SaveSettingsState } from '../actions';
import { FieldErrorList } from '@/components/admin/catalog/field-error-list';
import { actionFailure, type DoorResult } from '@/components/ui/action-result';
import { type AddressValues, parseSettingsForm, type SettingsFieldErrors, type SettingsFormValues, type ZoneValues } from '@/lib/settings/settings-form';

const input =
  'mt-1 block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-stone-900 shadow-sm focus:border-brand-600 aria-[invalid=true]:border-red-500';
const section = 'space-y-4 rounded-xl border border-stone-200 bg-white p-6';

const blankZone: ZoneValues = {
  name: '',
  states: [],
  standardFee: '',
  standardDescription: '',
  expressOffered: false,
  expressFee: '',
  expressDescription: '',
};

const domId = (path: string) => `settings-${path.replaceAll('.', '-')}`;

function Field({
  path,
  label,
  errors,
  hint,
  className,
  children,
}: {
  path: string;
  label: string;
  errors: SettingsFieldErrors;
  hint?: string;
  className?: string;
  children: (props: { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = domId(path);
  const messages = errors[path];
  const described = [hint ? `${id}-hint` : null, messages?.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      {children({ id, 'aria-invalid': messages?.length ? true : undefined, 'aria-describedby': described })}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-stone-500">
          {hint}
        </p>
      ) : null}
      <FieldErrorList id={`${id}-error`} messages={messages} />
    </div>
  );
}

export function SettingsForm({ initial, version: openedVersion, states }: { initial: SettingsFormValues; version: number; states: readonly string[] }) {
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [version, setVersion] = useState(openedVersion);
  const [errors, setErrors] = useState<SettingsFieldErrors>({});
  const [notice, setNotice] = useState<{ tone: 'error' | 'ok'; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  // A stable key per zone row while it is edited (rows are added and removed; the index would move with them).
  const [zoneKeys, setZoneKeys] = useState(() => initial.zones.map((_, index) => index));
  const [nextKey, setNextKey] = useState(initial.zones.length);

  const set = (patch: Partial<SettingsFormValues>) => setValues((current) => ({ ...current, ...patch }));
  const setZone = (index: number, patch: Partial<ZoneValues>) =>
    setValues((current) => ({ ...current, zones: current.zones.map((zone, i) => (i === index ? { ...zone, ...patch } : zone)) }));

  const text = (
    path: string,
    label: string,
    value: string,
    onChange: (value: string) => void,
    extra: { hint?: string; className?: string; type?: string } = {},
  ) => (
    <Field path={path} label={label} errors={errors} hint={extra.hint} className={extra.className}>
      {(props) => <input {...props} type={extra.type ?? 'text'} value={value} onChange={(event) => onChange(event.target.value)} className={input} />}
    </Field>
  );

  const address = (prefix: string, value: AddressValues, onChange: (value: AddressValues) => void) => (
    <div className="grid gap-4 md:grid-cols-2">
      {text(`${prefix}.line1`, 'Street address', value.line1, (line1) => onChange({ ...value, line1 }), { className: 'md:col-span-2' })}
      {text(`${prefix}.line2`, 'Address line 2 (optional)', value.line2, (line2) => onChange({ ...value, line2 }), { className: 'md:col-span-2' })}
      {text(`${prefix}.city`, 'City or area', value.city, (city) => onChange({ ...value, city }))}
      <Field path={`${prefix}.state`} label="State" errors={errors}>
        {(props) => (
          <select {...props} value={value.state} onChange={(event) => onChange({ ...value, state: event.target.value })} className={input}>
            <option value="">Choose a state</option>
            {states.map((state) => (
              <option key={state} value={state}>
                {state}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setNotice(null);
    const checked = parseSettingsForm(values);
    if (!checked.ok) {
      setErrors(checked.fieldErrors);
      setNotice({ tone: 'error', text: 'Please correct the highlighted fields.' });
      return;
    }
    startTransition(async () => {
      const result = (await saveShopSettingsAction({ expectedVersion: version, values })) as DoorResult<SaveSettingsState>;
      const state = result?.data;
      if (!state) {
        setNotice({ tone: 'error', text: actionFailure(result)?.message ?? 'Something went wrong. Please try again.' });
        return;
      }
      switch (state.status) {
        case 'saved':
          setVersion(state.version);
          setErrors({});
          setNotice({ tone: 'ok', text: state.changed ? 'Saved. The shop uses the new settings for new orders now.' : 'Nothing had changed.' });
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

  const formErrors = [...(errors.form ?? []), ...(errors['delivery.zones'] ?? [])];

  return (
    <form onSubmit={submit} noValidate className="space-y-6" data-testid="settings-form">
      {notice ? (
        <p
          role={notice.tone === 'error' ? 'alert' : 'status'}
          data-testid="settings-notice"
          className={`rounded-lg border px-4 py-3 text-sm ${notice.tone === 'error' ? 'border-red-200 bg-red-50 text-red-800' : 'border-brand-600/40 bg-brand-50 text-brand-700'}`}
        >
          {notice.text}
          {formErrors.length ? ` ${formErrors.join(' ')}` : ''}
        </p>
      ) : null}

      <section aria-labelledby="shop-heading" className={section}>
        <h2 id="shop-heading" className="text-lg font-semibold">
          The shop
        </h2>
        <p className="text-sm text-stone-600">Printed on invoices, in emails and in the shop&apos;s footer.</p>
        <div className="grid gap-4 md:grid-cols-2">
          {text('name', 'Shop name', values.name, (name) => set({ name }), { className: 'md:col-span-2' })}
          {text('contactEmail', 'Contact email', values.contactEmail, (contactEmail) => set({ contactEmail }), { type: 'email' })}
          {text('contactPhone', 'Contact phone', values.contactPhone, (contactPhone) => set({ contactPhone }), { type: 'tel', hint: 'e.g. +234 803 123 4567' })}
        </div>
        {address('address', values.address, (value) => set({ address: value }))}
      </section>

      <section aria-labelledby="pickup-heading" className={section}>
        <h2 id="pickup-heading" className="text-lg font-semibold">
          Pickup point
        </h2>
        <label className="flex items-center gap-2 text-sm font-medium">
          <input
            type="checkbox"
            checked={values.pickup.enabled}
            onChange={(event) => set({ pickup: { ...values.pickup, enabled: event.target.checked } })}
            className="h-4 w-4"
          />
          Offer pickup at checkout (free; the shopper gives only a name and phone)
        </label>
        {address('pickup.address', values.pickup.address, (value) => set({ pickup: { ...values.pickup, address: value } }))}
        <div className="grid gap-4 md:grid-cols-2">
          {text('pickup.openingHours', 'Opening hours', values.pickup.openingHours, (openingHours) => set({ pickup: { ...values.pickup, openingHours } }), {
            hint: 'e.g. Mon–Fri 9:00–18:00, Sat 10:00–16:00',
          })}
          {text(
            'pickup.readyWithin',
            'When an order is ready',
            values.pickup.readyWithin,
            (readyWithin) => set({ pickup: { ...values.pickup, readyWithin } }),
            {
              hint: 'e.g. Ready within 24 hours',
            },
          )}
        </div>
      </section>

      <section aria-labelledby="delivery-heading" className={section}>
        <h2 id="delivery-heading" className="text-lg font-semibold">
          Delivery zones and fees
        </h2>
        <p className="text-sm text-stone-600">
          Each state belongs to at most one zone; a state in no zone gets no home delivery (pickup only). Express is offered only in zones that have it. Fees in
          naira.
        </p>
        {values.zones.map((zone, index) => {
          const path = `delivery.zones.${index}`;
          return (
            <fieldset key={zoneKeys[index]} className="space-y-4 rounded-lg border border-stone-200 p-4" data-testid={`zone-${index}`}>
              <legend className="px-1 font-medium">{zone.name || `Zone ${index + 1}`}</legend>
              <div className="grid gap-4 md:grid-cols-2">
                {text(`${path}.name`, 'Zone name', zone.name, (name) => setZone(index, { name }))}
                <Field
                  path={`${path}.states`}
                  label="States"
                  errors={errors}
                  hint={`${zone.states.length === 0 ? 'None chosen' : zone.states.length <= 4 ? `Chosen: ${zone.states.join(', ')}` : `${zone.states.length} states chosen`}. Hold Ctrl (⌘ on a Mac) to choose several.`}
                >
                  {(props) => (
                    <select
                      {...props}
                      multiple
                      size={6}
                      value={zone.states}
                      onChange={(event) => setZone(index, { states: Array.from(event.target.selectedOptions, (option) => option.value) })}
                      className={input}
                    >
                      {states.map((state) => (
                        <option key={state} value={state}>
                          {state}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                {text(`${path}.standardFee`, 'Standard delivery fee (₦)', zone.standardFee, (standardFee) => setZone(index, { standardFee }))}
                {text(`${path}.standardDescription`, 'Standard delivery time', zone.standardDescription, (standardDescription) =>
                  setZone(index, { standardDescription }),
                )}
              </div>
              <label className="flex items-center gap-2 text-sm font-medium">
                <input
                  type="checkbox"
                  checked={zone.expressOffered}
                  onChange={(event) => setZone(index, { expressOffered: event.target.checked })}
                  className="h-4 w-4"
                />
                Offer express delivery in this zone
              </label>
              {zone.expressOffered ? (
                <div className="grid gap-4 md:grid-cols-2">
                  {text(`${path}.expressFee`, 'Express delivery fee (₦)', zone.expressFee, (expressFee) => setZone(index, { expressFee }))}
                  {text(`${path}.expressDescription`, 'Express delivery time', zone.expressDescription, (expressDescription) =>
                    setZone(index, { expressDescription }),
                  )}
                </div>
              ) : null}
              <button
                type="button"
                onClick={() => {
                  set({ zones: values.zones.filter((_, i) => i !== index) });
                  setZoneKeys((keys) => keys.filter((_, i) => i !== index));
                }}
                className="text-sm font-medium text-red-700 underline underline-offset-2"
              >
                Remove {zone.name || 'this zone'}
              </button>
            </fieldset>
          );
        })}
        <button
          type="button"
          onClick={() => {
            set({ zones: [...values.zones, { ...blankZone }] });
            setZoneKeys((keys) => [...keys, nextKey]);
            setNextKey((key) => key + 1);
          }}
          className="rounded-lg border border-stone-300 px-3 py-1.5 text-sm font-medium hover:bg-stone-50"
        >
          Add a zone
        </button>
      </section>

      <section aria-labelledby="vat-heading" className={section}>
        <h2 id="vat-heading" className="text-lg font-semibold">
          VAT
        </h2>
        <div className="grid gap-4 md:grid-cols-2">
          {text('vat.rateBasisPoints', 'VAT rate (%)', values.vatPercent, (vatPercent) => set({ vatPercent }), { hint: 'Nigeria: 7.5' })}
        </div>
        <fieldset className="space-y-2 text-sm">
          <legend className="font-medium text-stone-800">Catalogue prices and delivery fees…</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="pricesIncludeVat" checked={values.pricesIncludeVat} onChange={() => set({ pricesIncludeVat: true })} />
            include VAT (the invoice shows the VAT they contain)
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="pricesIncludeVat" checked={!values.pricesIncludeVat} onChange={() => set({ pricesIncludeVat: false })} />
            exclude VAT (VAT is added at checkout)
          </label>
        </fieldset>
      </section>

      <section aria-labelledby="returns-heading" className={section}>
        <h2 id="returns-heading" className="text-lg font-semibold">
          Returns policy
        </h2>
        <Field path="returnsPolicy" label="Shown on the Returns page (one paragraph per line)" errors={errors}>
          {(props) => (
            <textarea {...props} rows={6} value={values.returnsPolicy} onChange={(event) => set({ returnsPolicy: event.target.value })} className={input} />
          )}
        </Field>
      </section>

      <button
        type="submit"
        disabled={pending}
        aria-disabled={pending}
        className="rounded-lg bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-600 disabled:cursor-wait disabled:opacity-70"
      >
        {pending ? 'Saving…' : 'Save settings'}
      </button>
    </form>
  );
}
