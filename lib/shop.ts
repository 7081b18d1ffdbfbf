// Who the shop is, as printed on emails and invoices. One place to change the seller's name, address and tax number.
export interface ShopDetails {
  name: string;
  addressLines: string[];
  email: string;
  phone?: string;
  /** The seller's Tax Identification Number, printed on invoices when set. */
  taxId?: string;
}

export const defaultShopDetails: ShopDetails = {
  name: 'Paystack Commerce',
  addressLines: ['14 Herbert Macaulay Way', 'Yaba, Lagos', 'Nigeria'],
  email: 'shop@example.com',
  phone: '+234 800 000 0000',
};
