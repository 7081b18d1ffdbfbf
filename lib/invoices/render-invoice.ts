// The invoice as a one-page A4 PDF (pdfkit). Text is set in DejaVu Sans, embedded from the `dejavu-fonts-ttf`
// package: pdfkit's built-in fonts cannot draw the Naira sign (₦) and would garble it silently.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { ShippingAddress } from '../../db/schema';
import { formatDate } from '../core/format-date';
import { type CurrencyCode, formatMoney, type Money, money } from '../core/money';
import { addressLines } from '../orders/address-lines';
import type { ShopDetails } from '../shop';
import { formatVatRate, NIGERIA_VAT_RATE_BPS, vatIncluded } from './vat';
import { lineTitle } from '../products/variant-title';

export interface InvoiceLine {
  productTitle: string;
  variantTitle: string;
  sku: string;
  quantity: number;
  unitPriceAmount: number;
  lineTotalAmount: number;
}

export interface InvoiceDocument {
  number: string;
  issuedAt: Date;
  shop: ShopDetails;
  order: {
    number: string;
    email: string;
    shippingAddress: ShippingAddress;
    deliveryLabel: string;
    currency: CurrencyCode;
    subtotalAmount: number;
    /** Taken off the subtotal by `discountCode`; absent or 0 without one. */
    discountAmount?: number;
    discountCode?: string | null;
    shippingAmount: number;
    totalAmount: number;
    /**
     * VAT as charged when the order was placed (its settings snapshot): the amount the total contains and the part
     * of it added on top. Absent for orders placed before the shop had settings: 7.5 % contained in the total.
     */
    tax?: { amount: number; addedAmount: number; rateBasisPoints: number; pricesIncludeVat: boolean };
    items: InvoiceLine[];
  };
  /** The payment that paid the order; null only for an order paid some other way. */
  payment: { reference: string; paidAt: Date | null; channel: string | null } | null;
  vatRateBps?: number;
}

export interface InvoiceFonts {
  regular: string | Buffer;
  bold: string | Buffer;
}

const FONT_PACKAGE = 'dejavu-fonts-ttf';
const FONT_FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

/**
 * Where the TTF files are. The project root's node_modules comes first: it is right for `next start`, tests and jobs
 * (all run from the root), and it needs no module resolution a bundler might rewrite. Node's resolver is the fallback
 * for a process started elsewhere.
 */
export function resolveFontFile(file: string): string {
  const candidates = [path.join(process.cwd(), 'node_modules', FONT_PACKAGE, 'ttf', file)];
  try {
    candidates.push(createRequire(import.meta.url).resolve([FONT_PACKAGE, 'ttf', file].join('/')));
  } catch {
    // not resolvable from here (e.g. inside a bundle): the other candidates decide
  }
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`Invoice font ${file} not found (looked in ${candidates.join(', ')}); is ${FONT_PACKAGE} installed?`);
  return found;
}

let cachedFonts: { regular: Buffer; bold: Buffer } | undefined;

/** The embedded DejaVu Sans pair, read once: every PDF the shop renders (invoice, packing slip, credit note) uses it. */
export function defaultFonts(): { regular: Buffer; bold: Buffer } {
  cachedFonts ??= {
    regular: readFileSync(resolveFontFile(FONT_FILES.regular)),
    bold: readFileSync(resolveFontFile(FONT_FILES.bold)),
  };
  return cachedFonts;
}

const INK = '#111827';
const MUTED = '#6b7280';
const RULE = '#d1d5db';
const PAGE_MARGIN = 50;
const FOOTER_HEIGHT = 30;

export function renderInvoicePdf(invoice: InvoiceDocument, options: { fonts?: InvoiceFonts } = {}): Promise<Buffer> {
  const fonts = options.fonts ?? defaultFonts();
  const doc = new PDFDocument({
    size: 'A4',
    // The bottom margin keeps body text (and the table's page breaks) clear of the footer.
    margins: { top: PAGE_MARGIN, left: PAGE_MARGIN, right: PAGE_MARGIN, bottom: PAGE_MARGIN + FOOTER_HEIGHT + 10 },
    // Kept in memory until the end so every page can get its footer ("Page 1 of 2") once the count is known.
    bufferPages: true,
    // Starting in the embedded font means pdfkit never loads (or embeds) a built-in one.
    font: fonts.regular as unknown as string,
    info: { Title: `Invoice ${invoice.number}`, Author: invoice.shop.name, Subject: `Order ${invoice.order.number}` },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc, invoice);
  drawFooters(doc, invoice);
  doc.end();
  return done;
}

function draw(doc: PDFKit.PDFDocument, invoice: InvoiceDocument): void {
  const { order, shop } = invoice;
  const cur = order.currency;
  const m = (amount: number): string => formatMoney(money(amount, cur));
  const left = PAGE_MARGIN;
  const width = doc.page.width - PAGE_MARGIN * 2;
  const right = left + width;

  // Seller (left) and the invoice's identity (right).
  const top = PAGE_MARGIN;
  doc
    .font('bold')
    .fontSize(18)
    .fillColor(INK)
    .text(shop.name, left, top, { width: width / 2 });
  doc.font('regular').fontSize(9).fillColor(MUTED);
  const sellerLines = [...shop.addressLines, shop.email, shop.phone, shop.taxId ? `TIN: ${shop.taxId}` : undefined].filter(Boolean) as string[];
  doc.text(sellerLines.join('\n'), left, doc.y + 4, { width: width / 2, lineGap: 1 });
  const sellerBottom = doc.y;

  doc
    .font('bold')
    .fontSize(22)
    .fillColor(INK)
    .text('INVOICE', left + width / 2, top, { width: width / 2, align: 'right' });
  const facts: Array<[string, string]> = [
    ['Invoice number', invoice.number],
    ['Issue date', formatDate(invoice.issuedAt)],
    ['Order number', order.number],
  ];
  let factY = top + 32;
  for (const [label, value] of facts) {
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(MUTED)
      .text(label, left + width / 2, factY, { width: width / 4, align: 'right' });
    doc
      .font('bold')
      .fontSize(9)
      .fillColor(INK)
      .text(value, left + (width * 3) / 4 + 8, factY, { width: width / 4 - 8, align: 'right' });
    factY += 15;
  }

  // Bill to.
  let y = Math.max(sellerBottom, factY) + 24;
  doc.font('bold').fontSize(10).fillColor(INK).text('Bill to', left, y);
  doc.font('regular').fontSize(10).fillColor(INK);
  doc.text([...addressLines(order.shippingAddress), order.email].join('\n'), left, doc.y + 4, { width: width / 2, lineGap: 1 });
  const billBottom = doc.y;
  doc
    .font('bold')
    .fontSize(10)
    .text('Delivery', left + width / 2 + 8, y, { width: width / 2 - 8 });
  doc
    .font('regular')
    .fontSize(10)
    .text(order.deliveryLabel, left + width / 2 + 8, doc.y + 4, { width: width / 2 - 8 });
  y = Math.max(billBottom, doc.y) + 24;

  // Lines.
  const cell = (text: string, align: 'left' | 'right' = 'left') => ({ text, align: { x: align, y: 'center' as const } });
  const header = (text: string, align: 'left' | 'right' = 'left') => ({
    ...cell(text, align),
    font: { src: 'bold' },
    backgroundColor: '#f3f4f6',
    type: 'TH' as const,
  });
  doc.font('regular').fontSize(9.5).fillColor(INK);
  doc.table({
    position: { x: left, y },
    maxWidth: width,
    columnStyles: ['*', 40, 95, 100],
    defaultStyle: { border: { top: 0, right: 0, bottom: 0.5, left: 0 }, borderColor: RULE, padding: { top: 6, bottom: 6, left: 6, right: 6 } },
    data: [
      [header('Item'), header('Qty', 'right'), header('Unit price', 'right'), header('Amount', 'right')],
      ...order.items.map((item) => [
        cell(`${lineTitle(item.productTitle, item.variantTitle)}\nSKU ${item.sku}`),
        cell(String(item.quantity), 'right'),
        cell(m(item.unitPriceAmount), 'right'),
        cell(m(item.lineTotalAmount), 'right'),
      ]),
    ],
  });

  // Totals, right-aligned under the Amount column. Prices including VAT: the VAT line shows what the total contains;
  // prices excluding it: VAT is a line of its own before the total.
  const tax = invoiceTax(invoice);
  const rate = tax.rateBasisPoints;
  const vat = money(tax.amount, cur);
  const net = money(order.totalAmount - tax.amount, cur);
  const amountWidth = 110;
  const labelX = right - amountWidth - 210;
  // Totals and payment stay together: start a page when they would run into the footer.
  y = doc.y + 14;
  if (y + 170 > doc.page.maxY()) {
    doc.addPage();
    y = PAGE_MARGIN;
  }
  const totalRow = (label: string, value: Money | string, opts: { bold?: boolean; muted?: boolean } = {}) => {
    const font = opts.bold ? 'bold' : 'regular';
    const size = opts.bold ? 11 : 9.5;
    doc
      .font(font)
      .fontSize(size)
      .fillColor(opts.muted ? MUTED : INK);
    doc.text(label, labelX, y, { width: 200, align: 'right' });
    doc.text(typeof value === 'string' ? value : formatMoney(value), right - amountWidth, y, { width: amountWidth, align: 'right' });
    y += size + 8;
  };
  totalRow('Subtotal', money(order.subtotalAmount, cur));
  // VAT below is worked out on the total actually charged, i.e. after the discount.
  if (order.discountAmount && order.discountAmount > 0) {
    totalRow(`Discount${order.discountCode ? ` (${order.discountCode})` : ''}`, `−${formatMoney(money(order.discountAmount, cur))}`);
  }
  totalRow(`Delivery (${order.deliveryLabel})`, money(order.shippingAmount, cur));
  if (!tax.pricesIncludeVat) totalRow(`VAT at ${formatVatRate(rate)}`, money(tax.addedAmount, cur));
  doc
    .moveTo(labelX + 60, y - 3)
    .lineTo(right, y - 3)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  if (tax.pricesIncludeVat) {
    totalRow('Total (VAT inclusive)', money(order.totalAmount, cur), { bold: true });
    totalRow(`Includes VAT at ${formatVatRate(rate)}`, vat, { muted: true });
  } else {
    totalRow('Total', money(order.totalAmount, cur), { bold: true });
  }
  totalRow('Total excluding VAT', net, { muted: true });

  // Payment.
  y += 16;
  doc.font('bold').fontSize(10).fillColor(INK).text('Payment', left, y);
  const paid = invoice.payment;
  const paymentText = paid
    ? [
        `Paid in full${paid.paidAt ? ` on ${formatDate(paid.paidAt)}` : ''} via Paystack${paid.channel ? ` (${paid.channel.replace(/_/g, ' ')})` : ''}.`,
        `Payment reference: ${paid.reference}`,
      ]
    : ['Paid in full.'];
  doc
    .font('regular')
    .fontSize(9.5)
    .text(paymentText.join('\n'), left, doc.y + 4, { width, lineGap: 1 });
}

/** The order's VAT as charged; an order from before settings: 7.5 % contained in its total, as invoices always said. */
function invoiceTax(invoice: InvoiceDocument): { amount: number; addedAmount: number; rateBasisPoints: number; pricesIncludeVat: boolean } {
  if (invoice.order.tax) return invoice.order.tax;
  const rateBasisPoints = invoice.vatRateBps ?? NIGERIA_VAT_RATE_BPS;
  const { vat } = vatIncluded(money(invoice.order.totalAmount, invoice.order.currency), rateBasisPoints);
  return { amount: vat.amount, addedAmount: 0, rateBasisPoints, pricesIncludeVat: true };
}

const footerTop = (doc: PDFKit.PDFDocument) => doc.page.height - PAGE_MARGIN - FOOTER_HEIGHT;

/** The VAT statement and "Page i of n" at the bottom of every page. */
function drawFooters(doc: PDFKit.PDFDocument, invoice: InvoiceDocument): void {
  const range = doc.bufferedPageRange();
  const tax = invoiceTax(invoice);
  const rate = formatVatRate(tax.rateBasisPoints);
  const statement = tax.pricesIncludeVat
    ? `All prices include Value Added Tax at ${rate}.`
    : `Prices exclude Value Added Tax, charged at ${rate} on the total.`;
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    const width = doc.page.width - PAGE_MARGIN * 2;
    const top = footerTop(doc);
    // Writing below the bottom margin would make pdfkit start a new page: lift the margin while the footer is drawn.
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .moveTo(PAGE_MARGIN, top)
      .lineTo(PAGE_MARGIN + width, top)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(MUTED)
      .text(`${statement} Amounts in ${invoice.order.currency}. Thank you for shopping with ${invoice.shop.name}.`, PAGE_MARGIN, top + 8, {
        width,
        align: 'center',
      })
      .text(`${invoice.number} · Page ${index - range.start + 1} of ${range.count}`, PAGE_MARGIN, top + 20, { width, align: 'center' });
    doc.page.margins.bottom = bottomMargin;
  }
}
