// A delivery address as the lines a person reads on a label, an email or an invoice.
import type { ShippingAddress } from '../../db/schema';

const regions = new Intl.DisplayNames(['en'], { type: 'region' });

function countryName(code: string): string {
  try {
    return regions.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** Name, street lines, "City, State", "Postcode Country", phone; empty parts left out. */
export function addressLines(address: ShippingAddress, options: { includePhone?: boolean } = {}): string[] {
  return [
    address.fullName,
    address.line1,
    address.line2,
    [address.city, address.state].filter(Boolean).join(', '),
    [address.postalCode, countryName(address.country)].filter(Boolean).join(' '),
    options.includePhone === false ? undefined : address.phone,
  ].filter((line): line is string => typeof line === 'string' && line.trim() !== '');
}
