// Writes one SVG per seeded product into public/products (committed). Run `npx tsx scripts/seed/images.ts` after
// adding a product to the catalogue; no network, no binary assets.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seedProducts, type SeedProduct } from './catalogue';

const shapes: Record<string, string> = {
  clothing: '<path d="M300 230 L360 200 Q400 240 440 200 L500 230 L560 320 L510 350 L490 320 L490 600 L310 600 L310 320 L290 350 L240 320 Z"/>',
  footwear: '<path d="M220 470 Q240 380 330 390 L420 420 Q470 450 560 460 Q600 470 590 520 L230 520 Q210 510 220 470 Z"/>',
  home: '<path d="M280 330 Q400 270 520 330 L500 580 Q400 620 300 580 Z"/><ellipse cx="400" cy="330" rx="120" ry="30"/>',
  accessories: '<circle cx="400" cy="410" r="150" fill="none" stroke-width="34"/><circle cx="400" cy="560" r="26"/>',
};

export function productSvg(product: SeedProduct): string {
  const [dark, light] = product.palette;
  const shape = shapes[product.category] ?? shapes.accessories;
  const title = product.title.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800" role="img" aria-label="${title}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${light}"/><stop offset="1" stop-color="${dark}"/></linearGradient></defs>
  <rect width="800" height="800" fill="url(#g)"/>
  <g fill="${dark}" stroke="${light}" stroke-width="6" opacity="0.9">${shape}</g>
  <text x="400" y="710" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" font-size="40" font-weight="600" fill="#ffffff">${title}</text>
</svg>
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = path.resolve(import.meta.dirname, '..', '..', 'public', 'products');
  mkdirSync(dir, { recursive: true });
  for (const product of seedProducts) writeFileSync(path.join(dir, `${product.slug}.svg`), productSvg(product));
  console.log(`wrote ${seedProducts.length} images to ${dir}`);
}
