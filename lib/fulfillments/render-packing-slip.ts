// The packing slip of one fulfillment as an A4 PDF (pdfkit, DejaVu Sans embedded like the invoice): who it goes to,
// the carrier and tracking number, and what is in the parcel — no prices (it travels in the box).
import { eq } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import type { Database } from '../../db/client';
import { orders, type ShippingAddress } from '../../db/schema';
import { formatDate } from '../core/format-date';
import { defaultFonts } from '../invoices/render-invoice';
import { addressLines } from '../orders/address-lines';
import { deliveryLabel } from '../orders/delivery-label';
import { shopOfOrder } from '../settings/order-settings-snapshot';
import type { ShopDetails } from '../shop';
import { type FulfillmentView, listFulfillments } from './fulfillment-view';
import { lineTitle } from '../products/variant-title';

export interface PackingSlipDocument {
  shop: ShopDetails;
  orderNumber: string;
  email: string;
  shippingAddress: ShippingAddress;
  deliveryLabel: string;
  fulfillment: FulfillmentView;
  /** How many shipments the order has had so far ("Shipment 2 of 3"). */
  shipments: number;
}

const INK = '#111827';
const MUTED = '#6b7280';
const RULE = '#d1d5db';
const MARGIN = 50;

export function renderPackingSlipPdf(slip: PackingSlipDocument): Promise<Buffer> {
  const fonts = defaultFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN },
    font: fonts.regular as unknown as string,
    info: { Title: `Packing slip ${slip.orderNumber}-${slip.fulfillment.sequence}`, Author: slip.shop.name, Subject: `Order ${slip.orderNumber}` },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - MARGIN * 2;
  const half = width / 2;
  doc.font('bold').fontSize(18).fillColor(INK).text(slip.shop.name, MARGIN, MARGIN, { width: half });
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(MUTED)
    .text([...slip.shop.addressLines, slip.shop.email, slip.shop.phone].filter(Boolean).join('\n'), MARGIN, doc.y + 4, { width: half });
  const sellerBottom = doc.y;
  doc
    .font('bold')
    .fontSize(20)
    .fillColor(INK)
    .text('PACKING SLIP', MARGIN + half, MARGIN, { width: half, align: 'right' });
  const facts: Array<[string, string]> = [
    ['Order number', slip.orderNumber],
    ['Shipment', `${slip.fulfillment.sequence} of ${slip.shipments}`],
    ['Shipped', formatDate(new Date(slip.fulfillment.createdAt))],
    ['Carrier', slip.fulfillment.carrier],
    ['Tracking number', slip.fulfillment.trackingNumber],
  ];
  let y = MARGIN + 30;
  for (const [label, value] of facts) {
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(MUTED)
      .text(label, MARGIN + half, y, { width: half / 2, align: 'right' });
    doc
      .font('bold')
      .fontSize(9)
      .fillColor(INK)
      .text(value, MARGIN + half + half / 2 + 8, y, { width: half / 2 - 8, align: 'right' });
    y += 15;
  }

  y = Math.max(sellerBottom, y) + 24;
  doc.font('bold').fontSize(10).fillColor(INK).text('Ship to', MARGIN, y);
  doc
    .font('regular')
    .fontSize(10)
    .text([...addressLines(slip.shippingAddress), slip.email].join('\n'), MARGIN, doc.y + 4, { width: half, lineGap: 1 });
  const toBottom = doc.y;
  doc
    .font('bold')
    .fontSize(10)
    .text('Delivery', MARGIN + half + 8, y, { width: half - 8 });
  doc
    .font('regular')
    .fontSize(10)
    .text(slip.deliveryLabel, MARGIN + half + 8, doc.y + 4, { width: half - 8 });
  y = Math.max(toBottom, doc.y) + 24;

  const cell = (text: string, align: 'left' | 'right' = 'left') => ({ text, align: { x: align, y: 'center' as const } });
  const header = (text: string, align: 'left' | 'right' = 'left') => ({
    ...cell(text, align),
    font: { src: 'bold' },
    backgroundColor: '#f3f4f6',
    type: 'TH' as const,
  });
  doc.font('regular').fontSize(10).fillColor(INK);
  doc.table({
    position: { x: MARGIN, y },
    maxWidth: width,
    columnStyles: ['*', 120, 50],
    defaultStyle: { border: { top: 0, right: 0, bottom: 0.5, left: 0 }, borderColor: RULE, padding: { top: 6, bottom: 6, left: 6, right: 6 } },
    data: [
      [header('Item'), header('SKU'), header('Qty', 'right')],
      ...slip.fulfillment.lines.map((line) => [cell(lineTitle(line.productTitle, line.variantTitle)), cell(line.sku), cell(String(line.quantity), 'right')]),
    ],
  });
  const units = slip.fulfillment.lines.reduce((total, line) => total + line.quantity, 0);
  doc
    .font('bold')
    .fontSize(10)
    .text(`${units} item${units === 1 ? '' : 's'} in this parcel`, MARGIN, doc.y + 12, { width, align: 'right' });
  doc.end();
  return done;
}

/** The slip of `fulfillmentId` if it belongs to `orderId`; null otherwise. Callers authorise the admin first. */
export async function packingSlipFor(
  db: Database,
  orderId: string,
  fulfillmentId: string,
  shop?: ShopDetails,
): Promise<{ filename: string; pdf: Buffer } | null> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) return null;
  const all = await listFulfillments(db, order.id);
  const fulfillment = all.find((candidate) => candidate.id === fulfillmentId);
  if (!fulfillment) return null;
  const pdf = await renderPackingSlipPdf({
    shop: shop ?? shopOfOrder(order),
    orderNumber: order.number,
    email: order.email,
    shippingAddress: order.shippingAddress,
    deliveryLabel: deliveryLabel(order),
    fulfillment,
    shipments: all.length,
  });
  return { filename: `packing-slip-${order.number}-${fulfillment.sequence}.pdf`, pdf };
}
