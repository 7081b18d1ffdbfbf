import type { SeedProduct } from './catalogue';

export interface SeedVariant {
  sku: string;
  title: string;
  options: Record<string, string>;
  priceAmount: number;
  stockOnHand: number;
  position: number;
}

/** Every combination of a product's option values, in the order the options are listed. */
export function expandVariants(product: SeedProduct): SeedVariant[] {
  const names = Object.keys(product.options);
  let combos: Array<Record<string, string>> = [{}];
  for (const name of names) {
    combos = combos.flatMap((combo) => (product.options[name] ?? []).map((value) => ({ ...combo, [name]: value })));
  }
  return combos.map((options, position) => {
    const values = names.map((name) => options[name] ?? '');
    const title = values.length > 0 ? values.join(' / ') : 'Default';
    const code = values.map((value) =>
      value
        .replace(/[^A-Za-z0-9]/g, '')
        .slice(0, 3)
        .toUpperCase(),
    );
    const extra = values.reduce((sum, value) => sum + (product.priceOverrides?.[value] ?? 0), 0);
    return {
      sku: [product.skuPrefix, ...code].join('-'),
      title,
      options,
      priceAmount: product.priceAmount + extra,
      stockOnHand: product.stockOverrides?.[title] ?? product.stock,
      position,
    };
  });
}
