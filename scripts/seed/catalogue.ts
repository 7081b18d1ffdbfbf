// The demo shop: believable Lagos-made goods priced in NGN kobo. Stock levels are fixed (not random) so the
// demo and the tests can rely on them: one low-stock variant and one sold-out product are deliberate.
export interface SeedProduct {
  slug: string;
  title: string;
  category: string;
  description: string;
  featured?: boolean;
  /** Two colours for the generated product image. */
  palette: [string, string];
  skuPrefix: string;
  priceAmount: number;
  compareAtAmount?: number;
  options: Record<string, string[]>;
  /** Units per variant; overrides by variant title (e.g. "45 / Black"). */
  stock: number;
  stockOverrides?: Record<string, number>;
  /** Extra kobo for some option values (bigger sizes cost more). */
  priceOverrides?: Record<string, number>;
}

export const seedCategories = [
  { slug: 'clothing', name: 'Clothing', description: 'Shirts, dresses and everyday wear cut and sewn in Lagos.', position: 1 },
  { slug: 'footwear', name: 'Footwear', description: 'Sandals, sneakers and loafers for the city and the coast.', position: 2 },
  { slug: 'home', name: 'Home & Living', description: 'Woven, dyed and fired by hand for the home.', position: 3 },
  { slug: 'accessories', name: 'Accessories', description: 'Bags, jewellery and the finishing touches.', position: 4 },
];

const naira = (value: number) => Math.round(value * 100);

export const seedProducts: SeedProduct[] = [
  {
    slug: 'adire-indigo-shirt',
    title: 'Adire Indigo Shirt',
    category: 'clothing',
    description: 'A relaxed camp-collar shirt in hand-dyed adire cotton from Abeokuta. Every panel is resist-dyed, so no two are alike.',
    featured: true,
    palette: ['#1e3a8a', '#93c5fd'],
    skuPrefix: 'ADR-SHT',
    priceAmount: naira(28_500),
    options: { Size: ['S', 'M', 'L', 'XL'], Colour: ['Indigo', 'Rust'] },
    stock: 12,
  },
  {
    slug: 'ankara-wrap-dress',
    title: 'Ankara Wrap Dress',
    category: 'clothing',
    description: 'A midi wrap dress in bold wax-print cotton with a tie waist and flutter sleeves. Fully lined.',
    featured: true,
    palette: ['#c2410c', '#fde68a'],
    skuPrefix: 'ANK-DRS',
    priceAmount: naira(42_000),
    compareAtAmount: naira(48_000),
    options: { Size: ['S', 'M', 'L'] },
    stock: 8,
  },
  {
    slug: 'lagos-linen-trousers',
    title: 'Lagos Linen Trousers',
    category: 'clothing',
    description: 'Breathable washed-linen trousers with a drawstring waist, made for humid afternoons.',
    palette: ['#a16207', '#fef3c7'],
    skuPrefix: 'LNN-TRS',
    priceAmount: naira(35_000),
    options: { Waist: ['30', '32', '34', '36'], Colour: ['Sand', 'Olive'] },
    stock: 10,
  },
  {
    slug: 'everyday-cotton-tee',
    title: 'Everyday Cotton Tee',
    category: 'clothing',
    description: 'Heavyweight combed-cotton T-shirt with a boxy fit. Pre-shrunk, garment-dyed.',
    featured: true,
    palette: ['#166534', '#bbf7d0'],
    skuPrefix: 'CTN-TEE',
    priceAmount: naira(9_500),
    options: { Size: ['S', 'M', 'L', 'XL'], Colour: ['Black', 'White', 'Green'] },
    stock: 25,
    stockOverrides: { 'XL / Green': 0 },
  },
  {
    slug: 'harmattan-hoodie',
    title: 'Harmattan Hoodie',
    category: 'clothing',
    description: 'Brushed-fleece hoodie for the cool, dusty mornings of the harmattan season.',
    palette: ['#374151', '#d1d5db'],
    skuPrefix: 'HRM-HOD',
    priceAmount: naira(31_000),
    options: { Size: ['M', 'L', 'XL'] },
    stock: 9,
  },
  {
    slug: 'lekki-leather-sandals',
    title: 'Lekki Leather Sandals',
    category: 'footwear',
    description: 'Vegetable-tanned leather sandals with a cushioned footbed, stitched in Aba.',
    featured: true,
    palette: ['#92400e', '#fcd34d'],
    skuPrefix: 'LKK-SND',
    priceAmount: naira(24_000),
    options: { Size: ['40', '41', '42', '43', '44'] },
    stock: 7,
  },
  {
    slug: 'runner-knit-sneakers',
    title: 'Runner Knit Sneakers',
    category: 'footwear',
    description: 'Lightweight knit sneakers with a recycled-rubber sole. Built for long days on your feet.',
    featured: true,
    palette: ['#111827', '#f9fafb'],
    skuPrefix: 'RNR-SNK',
    priceAmount: naira(48_500),
    options: { Size: ['40', '41', '42', '43', '44', '45'], Colour: ['Black', 'White'] },
    stock: 6,
    stockOverrides: { '45 / Black': 2 },
    priceOverrides: { '45': naira(1_500) },
  },
  {
    slug: 'suede-loafers',
    title: 'Suede Loafers',
    category: 'footwear',
    description: 'Unlined suede penny loafers with a flexible leather sole.',
    palette: ['#b45309', '#fde68a'],
    skuPrefix: 'SDE-LOF',
    priceAmount: naira(55_000),
    options: { Size: ['41', '42', '43', '44'] },
    stock: 4,
  },
  {
    slug: 'canvas-slip-ons',
    title: 'Canvas Slip-ons',
    category: 'footwear',
    description: 'Easy navy canvas slip-ons with a padded collar. Machine washable.',
    palette: ['#1e40af', '#e0e7ff'],
    skuPrefix: 'CNV-SLP',
    priceAmount: naira(15_000),
    options: { Size: ['39', '40', '41', '42', '43'] },
    stock: 15,
  },
  {
    slug: 'aso-oke-cushion-cover',
    title: 'Aso-oke Cushion Cover',
    category: 'home',
    description: 'Hand-loomed aso-oke strips pieced into a 45 cm cushion cover with a hidden zip.',
    palette: ['#ca8a04', '#0f766e'],
    skuPrefix: 'ASO-CSH',
    priceAmount: naira(12_500),
    options: { Colour: ['Gold', 'Teal'] },
    stock: 20,
  },
  {
    slug: 'clay-water-pot',
    title: 'Clay Water Pot',
    category: 'home',
    description: 'A traditional unglazed clay pot that keeps water naturally cool. Fired in Ilorin.',
    palette: ['#9a3412', '#fed7aa'],
    skuPrefix: 'CLY-POT',
    priceAmount: naira(18_000),
    options: { Size: ['Small', 'Large'] },
    stock: 6,
    priceOverrides: { Large: naira(9_000) },
  },
  {
    slug: 'woven-raffia-basket',
    title: 'Woven Raffia Basket',
    category: 'home',
    description: 'Sturdy raffia storage basket with leather handles, woven by a cooperative in Oyo.',
    featured: true,
    palette: ['#a3a3a3', '#fef9c3'],
    skuPrefix: 'RFA-BSK',
    priceAmount: naira(9_800),
    options: { Size: ['Small', 'Medium', 'Large'] },
    stock: 14,
    priceOverrides: { Medium: naira(2_700), Large: naira(5_200) },
  },
  {
    slug: 'indigo-throw-blanket',
    title: 'Indigo Throw Blanket',
    category: 'home',
    description: 'A soft cotton throw, hand-dyed in indigo vats and finished with knotted fringes.',
    palette: ['#312e81', '#c7d2fe'],
    skuPrefix: 'IND-THR',
    priceAmount: naira(38_000),
    options: {},
    stock: 5,
  },
  {
    slug: 'beaded-statement-necklace',
    title: 'Beaded Statement Necklace',
    category: 'accessories',
    description: 'Layered glass-bead necklace inspired by Edo coral regalia, on a brass clasp.',
    palette: ['#be123c', '#14b8a6'],
    skuPrefix: 'BDS-NCK',
    priceAmount: naira(16_500),
    options: { Colour: ['Coral', 'Turquoise'] },
    stock: 11,
  },
  {
    slug: 'leather-weekender-bag',
    title: 'Leather Weekender Bag',
    category: 'accessories',
    description: 'Full-grain leather holdall with brass hardware and a detachable shoulder strap.',
    featured: true,
    palette: ['#78350f', '#1c1917'],
    skuPrefix: 'LTH-WKD',
    priceAmount: naira(98_000),
    options: { Colour: ['Brown', 'Black'] },
    stock: 4,
    stockOverrides: { Black: 2 },
  },
  {
    slug: 'kente-bow-tie',
    title: 'Kente Bow Tie',
    category: 'accessories',
    description: 'Self-tie bow tie cut from hand-woven kente cloth. Sold out until the next weaving run.',
    palette: ['#facc15', '#15803d'],
    skuPrefix: 'KNT-BOW',
    priceAmount: naira(7_500),
    options: {},
    stock: 0,
  },
  {
    slug: 'straw-sun-hat',
    title: 'Straw Sun Hat',
    category: 'accessories',
    description: 'Wide-brim woven straw hat with a cotton band. Packs flat for travel.',
    palette: ['#d97706', '#fef3c7'],
    skuPrefix: 'STR-HAT',
    priceAmount: naira(11_000),
    options: { Size: ['M', 'L'] },
    stock: 10,
  },
  {
    slug: 'brass-cuff-bracelet',
    title: 'Brass Cuff Bracelet',
    category: 'accessories',
    description: 'Hammered brass cuff cast by bronze-smiths in Benin City. Adjustable.',
    palette: ['#a16207', '#fde047'],
    skuPrefix: 'BRS-CUF',
    priceAmount: naira(13_500),
    options: {},
    stock: 18,
  },
];

export const seedUsers = [
  { email: 'admin@shop.test', name: 'Adaeze Admin', password: 'Admin#Shop2026', role: 'admin' as const },
  { email: 'customer@shop.test', name: 'Chidi Customer', password: 'Customer#Shop2026', role: 'customer' as const },
];
