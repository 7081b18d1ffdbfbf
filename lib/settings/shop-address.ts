// The shop's and pickup point's address as printed lines. Free of zod so client components (checkout) can use it.
export interface ShopAddressParts {
  line1: string;
  line2?: string;
  city: string;
  state: string;
}

/** Street, "City, State", Nigeria: as printed on invoices, emails and the footer. */
export function shopAddressLines(address: ShopAddressParts): string[] {
  return [address.line1, address.line2, `${address.city}, ${address.state}`, 'Nigeria'].filter((line): line is string => Boolean(line));
}
