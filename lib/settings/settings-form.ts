// The settings form's values (what the owner types: fees in naira, VAT in percent) ↔ the stored settings (kobo, basis
// points), and zod issues → messages by path (`delivery.zones.1.expressFee`). Shared by the admin form, which checks
// before it sends, and the server action, which decides. Data only: client components import it.
import { z } from 'zod';
import { money, parseMoneyInput, toDecimalString } from '../core/money';
import { type ShopSettings, shopSettingsSchema } from './shop-settings';

export interface AddressValues {
  line1: string;
  line2: string;
  city: string;
  state: string;
}

export interface ZoneValues {
  name: string;
  states: string[];
  standardFee: string;
  standardDescription: string;
  expressOffered: boolean;
  expressFee: string;
  expressDescription: string;
}

export interface SettingsFormValues {
  name: string;
  contactEmail: string;
  contactPhone: string;
  address: AddressValues;
  pickup: { enabled: boolean; address: AddressValues; openingHours: string; readyWithin: string };
  zones: ZoneValues[];
  vatPercent: string;
  pricesIncludeVat: boolean;
  returnsPolicy: string;
}

export type SettingsFieldErrors = Record<string, string[]>;

const naira = (kobo: number) => toDecimalString(money(kobo, 'NGN'));

const addressValues = (address: ShopSettings['address']): AddressValues => ({
  line1: address.line1,
  line2: address.line2 ?? '',
  city: address.city,
  state: address.state,
});

export function toSettingsFormValues(settings: ShopSettings): SettingsFormValues {
  return {
    name: settings.name,
    contactEmail: settings.contactEmail,
    contactPhone: settings.contactPhone,
    address: addressValues(settings.address),
    pickup: { ...settings.pickup, address: addressValues(settings.pickup.address) },
    zones: settings.delivery.zones.map((zone) => ({
      name: zone.name,
      states: [...zone.states],
      standardFee: naira(zone.standardFee),
      standardDescription: zone.standardDescription,
      expressOffered: zone.expressFee !== null,
      expressFee: zone.expressFee === null ? '' : naira(zone.expressFee),
      expressDescription: zone.expressDescription ?? '',
    })),
    vatPercent: String(settings.vat.rateBasisPoints / 100),
    pricesIncludeVat: settings.vat.pricesIncludeVat,
    returnsPolicy: settings.returnsPolicy,
  };
}

/** Naira as typed → kobo; NaN (reported as "Enter an amount in naira") when it is not an amount. */
const kobo = (text: string) => parseMoneyInput(text.trim(), 'NGN') ?? Number.NaN;

/** "7.5" → 750; NaN when it is not a number with at most two decimals. */
function basisPoints(text: string): number {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/\s*%$/, ''));
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : Number.NaN;
}

function toInput(values: SettingsFormValues): unknown {
  const address = (a: AddressValues) => ({ line1: a.line1, line2: a.line2, city: a.city, state: a.state || undefined });
  return {
    name: values.name,
    contactEmail: values.contactEmail,
    contactPhone: values.contactPhone,
    address: address(values.address),
    pickup: {
      enabled: values.pickup.enabled,
      address: address(values.pickup.address),
      openingHours: values.pickup.openingHours,
      readyWithin: values.pickup.readyWithin,
    },
    delivery: {
      zones: values.zones.map((zone) => ({
        name: zone.name,
        states: zone.states,
        standardFee: kobo(zone.standardFee),
        standardDescription: zone.standardDescription,
        expressFee: zone.expressOffered ? kobo(zone.expressFee) : null,
        expressDescription: zone.expressOffered ? zone.expressDescription : '',
      })),
    },
    vat: { rateBasisPoints: basisPoints(values.vatPercent), pricesIncludeVat: values.pricesIncludeVat },
    returnsPolicy: values.returnsPolicy,
  };
}

export function parseSettingsForm(values: SettingsFormValues): { ok: true; settings: ShopSettings } | { ok: false; fieldErrors: SettingsFieldErrors } {
  const parsed = shopSettingsSchema.safeParse(toInput(values));
  if (parsed.success) return { ok: true, settings: parsed.data };
  const fieldErrors: SettingsFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.') || 'form';
    const list = fieldErrors[path] ?? [];
    if (!list.includes(issue.message)) fieldErrors[path] = [...list, issue.message];
  }
  return { ok: false, fieldErrors };
}

const short = z.string().max(4000);
const addressValuesSchema = z.object({ line1: short, line2: short, city: short, state: short });

/** The door's bound on the form's shape (each field then checked, with words, by parseSettingsForm). */
export const settingsFormValuesSchema = z.object({
  name: short,
  contactEmail: short,
  contactPhone: short,
  address: addressValuesSchema,
  pickup: z.object({ enabled: z.boolean(), address: addressValuesSchema, openingHours: short, readyWithin: short }),
  zones: z
    .array(
      z.object({
        name: short,
        states: z.array(short).max(40),
        standardFee: short,
        standardDescription: short,
        expressOffered: z.boolean(),
        expressFee: short,
        expressDescription: short,
      }),
    )
    .max(40),
  vatPercent: short,
  pricesIncludeVat: z.boolean(),
  returnsPolicy: z.string().max(8000),
}) satisfies z.ZodType<SettingsFormValues>;
