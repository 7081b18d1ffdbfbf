// A variant's name as people read it. A product without options has one variant, stored under the title "Default"
// (the product form's and the seed's convention, kept on order lines as they were sold): that is no name at all, so
// carts, order pages, emails, invoices and packing slips show the product's title alone.
const UNNAMED = 'Default';

/** The variant's name to show beside its product's title, or null when it has none worth showing. */
export function variantName(variantTitle: string | null | undefined): string | null {
  const title = variantTitle?.trim();
  return title && title !== UNNAMED ? title : null;
}

/** "Adire Indigo Shirt – M / Indigo", or "Woven Raffia Basket" for a product without options. */
export function lineTitle(productTitle: string, variantTitle: string | null | undefined, separator = ' – '): string {
  const name = variantName(variantTitle);
  return name ? `${productTitle}${separator}${name}` : productTitle;
}
