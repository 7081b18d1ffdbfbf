// A credit note as a one-page A4 PDF (pdfkit, DejaVu Sans embedded like the invoice, for ₦): its number, the invoice it
// credits, the customer, what is credited and why, and the VAT that amount contains. A cancelled note (its refund failed
// after Paystack accepted it) is the same document, marked CANCELLED across the top and in its closing words.
import { asc, eq } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import type { DbOrTx } from '../../db/client';
import { creditNotes, invoices, orders, refunds, type ShippingAddress } from '../../db/schema';
import { formatDate } from '../core/format-date';
import { type CurrencyCode, formatMoney, money } from '../core/money';
import { addressLines } from '../orders/address-lines';
import { defaultShopDetails, type ShopDetails } from '../shop';
import { defaultFonts } from './render-invoice';
import { formatVatRate, NIGERIA_VAT_RATE_BPS, vatIncluded } from './vat';

export interface CreditNoteDocument {
  number: string;
  issuedAt: Date;
  shop: ShopDetails;
  invoice: { number: string; issuedAt: Date; totalAmount: number };
  order: { number: string; email: string; shippingAddress: ShippingAddress };
  amount: number;
  currency: CurrencyCode;
  reason: string;
  vatRateBps?: number;
  /** Set when the refund failed: the note stands as issued but credits nothing. */
  cancelled?: { at: Date } | null;
}

/** The mark a cancelled credit note carries (PDF and order page say the same). */
export function creditNoteCancelledMark(cancelledAt: Date): string {
  return `CANCELLED — the refund failed on ${formatDate(cancelledAt)}; no amount was credited`;
}

const INK = '#111827';
const VOID = '#b91c1c';
const MUTED = '#6b7280';
const RULE = '#d1d5db';
const MARGIN = 50;

export function renderCreditNotePdf(note: CreditNoteDocument): Promise<Buffer> {
  const fonts = defaultFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN },
    font: fonts.regular as unknown as string,
    info: { Title: `Credit note ${note.number}${note.cancelled ? ' (cancelled)' : ''}`, Author: note.shop.name, Subject: `Invoice ${note.invoice.number}` },
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const m = (amount: number) => formatMoney(money(amount, note.currency));
  const width = doc.page.width - MARGIN * 2;
  const half = width / 2;

  doc.font('bold').fontSize(18).fillColor(INK).text(note.shop.name, MARGIN, MARGIN, { width: half });
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      [...note.shop.addressLines, note.shop.email, note.shop.phone, note.shop.taxId ? `TIN: ${note.shop.taxId}` : undefined].filter(Boolean).join('\n'),
      MARGIN,
      doc.y + 4,
      {
        width: half,
      },
    );
  const sellerBottom = doc.y;
  doc
    .font('bold')
    .fontSize(20)
    .fillColor(INK)
    .text('CREDIT NOTE', MARGIN + half, MARGIN, { width: half, align: 'right' });
  const facts: Array<[string, string]> = [
    ['Credit note number', note.number],
    ['Issue date', formatDate(note.issuedAt)],
    ['Credits invoice', note.invoice.number],
    ['Invoice date', formatDate(note.invoice.issuedAt)],
    ['Order number', note.order.number],
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
  if (note.cancelled) {
    const boxTop = y;
    doc
      .font('bold')
      .fontSize(10)
      .fillColor(VOID)
      .text(creditNoteCancelledMark(note.cancelled.at), MARGIN + 10, boxTop + 8, { width: width - 20 });
    const boxBottom = doc.y + 6;
    doc
      .rect(MARGIN, boxTop, width, boxBottom - boxTop)
      .lineWidth(1.5)
      .strokeColor(VOID)
      .stroke();
    y = boxBottom + 18;
  }
  doc.font('bold').fontSize(10).fillColor(INK).text('Credit to', MARGIN, y);
  doc
    .font('regular')
    .fontSize(10)
    .text([...addressLines(note.order.shippingAddress), note.order.email].join('\n'), MARGIN, doc.y + 4, { width: half, lineGap: 1 });
  y = doc.y + 24;

  const rate = note.vatRateBps ?? NIGERIA_VAT_RATE_BPS;
  const { vat, net } = vatIncluded(money(note.amount, note.currency), rate);
  const row = (label: string, value: string, bold = false) => {
    doc
      .font(bold ? 'bold' : 'regular')
      .fontSize(bold ? 11 : 10)
      .fillColor(INK);
    doc.text(label, MARGIN, y, { width: width - 130 });
    doc.text(value, MARGIN + width - 120, y, { width: 120, align: 'right' });
    y = doc.y + 8;
  };
  row(`Refund on order ${note.order.number}: ${note.reason}`, m(note.amount));
  doc
    .moveTo(MARGIN, y - 2)
    .lineTo(MARGIN + width, y - 2)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  y += 4;
  row('Total credited (VAT inclusive)', m(note.amount), true);
  row(`Includes VAT at ${formatVatRate(rate)}`, formatMoney(vat));
  row('Total credited excluding VAT', formatMoney(net));
  row(`Invoice ${note.invoice.number} total`, m(note.invoice.totalAmount));
  y += 12;
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(MUTED)
    .text(
      note.cancelled
        ? `This credit note is cancelled: the refund failed at Paystack on ${formatDate(note.cancelled.at)}, no amount was credited, and invoice ${note.invoice.number} stands in full. Its number is kept so that the series stays complete. Amounts in ${note.currency}.`
        : `This credit note reduces invoice ${note.invoice.number} by ${m(note.amount)}. The amount is refunded through Paystack to the card or account the customer paid with. Amounts in ${note.currency}.`,
      MARGIN,
      y,
      { width },
    );
  doc.end();
  return done;
}

/** Everything printed on the credit note of `creditNoteId`; null when there is none. Callers authorise first. */
export async function loadCreditNoteDocument(db: DbOrTx, creditNoteId: string, shop: ShopDetails = defaultShopDetails): Promise<CreditNoteDocument | null> {
  const [row] = await db
    .select({ note: creditNotes, invoice: invoices, order: orders, reason: refunds.reason })
    .from(creditNotes)
    .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
    .innerJoin(orders, eq(orders.id, creditNotes.orderId))
    .innerJoin(refunds, eq(refunds.id, creditNotes.refundId))
    .where(eq(creditNotes.id, creditNoteId));
  if (!row) return null;
  return {
    number: row.note.number,
    issuedAt: row.note.issuedAt,
    shop,
    invoice: { number: row.invoice.number, issuedAt: row.invoice.issuedAt, totalAmount: row.invoice.totalAmount },
    order: { number: row.order.number, email: row.order.email, shippingAddress: row.order.shippingAddress },
    amount: row.note.amount,
    currency: row.note.currency,
    reason: row.reason,
    cancelled: row.note.cancelledAt ? { at: row.note.cancelledAt } : null,
  };
}

export async function creditNotePdf(db: DbOrTx, creditNoteId: string): Promise<{ number: string; filename: string; pdf: Buffer } | null> {
  const document = await loadCreditNoteDocument(db, creditNoteId);
  if (!document) return null;
  return { number: document.number, filename: `${document.number}.pdf`, pdf: await renderCreditNotePdf(document) };
}

/** The order's credit notes, oldest first: what its pages link to. */
export async function listCreditNotes(db: DbOrTx, orderId: string) {
  return db
    .select({
      id: creditNotes.id,
      number: creditNotes.number,
      refundId: creditNotes.refundId,
      amount: creditNotes.amount,
      currency: creditNotes.currency,
      issuedAt: creditNotes.issuedAt,
      cancelledAt: creditNotes.cancelledAt,
    })
    .from(creditNotes)
    .where(eq(creditNotes.orderId, orderId))
    .orderBy(asc(creditNotes.sequence));
}
