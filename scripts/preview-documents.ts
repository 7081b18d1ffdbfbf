// Renders every customer/admin email (HTML + text) and sample invoice, credit note and packing slip PDFs from made-up data into .data/preview/,
// to look at them without a database or a mail server: `npx tsx scripts/preview-documents.ts`.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createElement, type ReactElement } from 'react';
import { AbandonedCheckoutEmail } from '../lib/email/templates/abandoned-checkout';
import { AlreadyRegisteredEmail, PasswordChangedEmail, PasswordResetEmail, VerifyEmailEmail } from '../lib/email/templates/account-link';
import { OrderConfirmationEmail } from '../lib/email/templates/order-confirmation';
import { PaymentAlertEmail } from '../lib/email/templates/payment-alert';
import { PaymentReceiptEmail } from '../lib/email/templates/payment-receipt';
import { RefundNoticeEmail } from '../lib/email/templates/refund-notice';
import { renderEmail } from '../lib/email/templates/render';
import { DisputeAlertEmail } from '../lib/email/templates/dispute-alert';
import { ShippingNoticeEmail } from '../lib/email/templates/shipping-notice';
import { renderPackingSlipPdf } from '../lib/fulfillments/render-packing-slip';
import { renderCreditNotePdf } from '../lib/invoices/render-credit-note';
import { renderInvoicePdf } from '../lib/invoices/render-invoice';
import { money } from '../lib/core/money';
import { defaultShopDetails } from '../lib/shop';
import { repoRoot } from './stack/profiles';

const out = path.join(repoRoot, '.data', 'preview');
const siteUrl = 'http://127.0.0.1:3000';
const shopName = defaultShopDetails.name;
const address = {
  fullName: 'Ngozi Okafor',
  phone: '08031234567',
  line1: '12 Admiralty Way',
  line2: 'Flat 4B',
  city: 'Lekki',
  state: 'Lagos',
  country: 'NG',
};
const lines = [
  { title: 'Adire Indigo Shirt', variantTitle: 'M / Indigo', quantity: 2, unitPrice: money(18_500_00), lineTotal: money(37_000_00) },
  { title: 'Leather Sandals', variantTitle: 'EU 42', quantity: 1, unitPrice: money(24_000_00), lineTotal: money(24_000_00) },
];

const account = { shopName, siteUrl, email: 'ngozi@example.com' };
const emails: Array<[string, ReactElement]> = [
  ['account-verify-email', createElement(VerifyEmailEmail, { ...account, verifyUrl: `${siteUrl}/verify-email?token=preview`, validHours: 24 })],
  ['account-password-reset', createElement(PasswordResetEmail, { ...account, resetUrl: `${siteUrl}/reset-password?token=preview`, validMinutes: 60 })],
  [
    'account-already-registered',
    createElement(AlreadyRegisteredEmail, {
      ...account,
      signInUrl: `${siteUrl}/sign-in`,
      resetUrl: `${siteUrl}/reset-password?token=preview`,
      validMinutes: 60,
    }),
  ],
  ['account-password-changed', createElement(PasswordChangedEmail, { ...account, changedAt: '7 Dec 2026, 17:05', resetUrl: `${siteUrl}/reset-password` })],
  [
    'order-confirmation',
    createElement(OrderConfirmationEmail, {
      shopName,
      siteUrl,
      customerName: address.fullName,
      orderNumber: 'SO-100042',
      lines,
      subtotal: money(61_000_00),
      // With a discount code, to see the discount line.
      discount: { code: 'WELCOME10', amount: money(6_100_00) },
      shipping: money(2_500_00),
      deliveryLabel: 'Standard delivery',
      total: money(57_400_00),
      address,
      orderUrl: `${siteUrl}/orders/00000000-0000-4000-8000-000000000042?token=example`,
      invoiceUrl: `${siteUrl}/api/orders/00000000-0000-4000-8000-000000000042/invoice?token=example`,
      invoiceNumber: 'INV-2026-000042',
    }),
  ],
  [
    'payment-receipt',
    createElement(PaymentReceiptEmail, {
      shopName,
      siteUrl,
      orderNumber: 'SO-100042',
      amount: money(63_500_00),
      reference: 'TXN-7Q2M4K9X1B3C5D6E8F0G',
      paidAt: new Date('2026-12-03T13:05:00Z'),
      channel: 'card',
      orderUrl: `${siteUrl}/account/orders/00000000-0000-4000-8000-000000000042`,
    }),
  ],
  [
    'payment-alert',
    createElement(PaymentAlertEmail, {
      shopName,
      siteUrl,
      orderNumber: 'SO-100043',
      orderTotal: money(63_500_00),
      customerEmail: 'ngozi@example.com',
      problems: ['amount 6300000 does not match the payment 6350000', 'paid after the stock hold expired'],
      adminOrderUrl: `${siteUrl}/admin/orders/00000000-0000-4000-8000-000000000043`,
    }),
  ],
  [
    'abandoned-checkout',
    createElement(AbandonedCheckoutEmail, {
      shopName,
      siteUrl,
      customerName: 'Ngozi',
      lines,
      subtotal: money(61_000_00),
      restoreUrl: `${siteUrl}/cart/restore?token=00000000-0000-4000-8000-000000000044.1798761600.preview`,
      restoreValidDays: 7,
      unsubscribeUrl: `${siteUrl}/unsubscribe?token=preview`,
    }),
  ],
  [
    'refund-processed',
    createElement(RefundNoticeEmail, {
      shopName,
      siteUrl,
      orderNumber: 'SO-100042',
      outcome: 'processed',
      refunded: money(24_000_00),
      remaining: money(39_500_00),
      reason: 'Sandals returned (wrong size)',
      orderUrl: `${siteUrl}/account/orders/00000000-0000-4000-8000-000000000042`,
    }),
  ],
  [
    'refund-failed',
    createElement(RefundNoticeEmail, {
      shopName,
      siteUrl,
      orderNumber: 'SO-100042',
      outcome: 'failed',
      refunded: money(24_000_00),
      remaining: money(63_500_00),
      reason: 'Sandals returned (wrong size)',
      orderUrl: `${siteUrl}/account/orders/00000000-0000-4000-8000-000000000042`,
    }),
  ],
  [
    'order-shipped',
    createElement(ShippingNoticeEmail, {
      shopName,
      siteUrl,
      orderNumber: 'SO-100042',
      sequence: 2,
      lines: [{ title: 'Leather Sandals', variantTitle: 'EU 42', quantity: 1 }],
      carrier: 'GIG Logistics',
      trackingNumber: 'GIG-5521-0093',
      trackingUrl: 'https://giglogistics.com/track/GIG-5521-0093',
      stillToShip: 0,
      orderUrl: `${siteUrl}/account/orders/00000000-0000-4000-8000-000000000042`,
    }),
  ],
  [
    'dispute-alert',
    createElement(DisputeAlertEmail, {
      shopName,
      siteUrl,
      reminder: false,
      amount: money(24_000_00),
      category: 'chargeback',
      reason: 'Customer says the sandals never arrived',
      orderNumber: 'SO-100042',
      reference: 'TXN-7Q2M4K9X1B3C5D6E8F0G',
      due: 'Due 9 Dec 2026, 14:00 (2 days left)',
      disputeUrl: `${siteUrl}/admin/disputes/00000000-0000-4000-8000-000000000007`,
    }),
  ],
];

await mkdir(out, { recursive: true });
for (const [name, element] of emails) {
  const { html, text } = await renderEmail(element);
  await writeFile(path.join(out, `${name}.html`), html);
  await writeFile(path.join(out, `${name}.txt`), text);
}
const pdf = await renderInvoicePdf({
  number: 'INV-2026-000042',
  issuedAt: new Date('2026-12-03T13:06:00Z'),
  shop: defaultShopDetails,
  order: {
    number: 'SO-100042',
    email: 'ngozi@example.com',
    shippingAddress: address,
    deliveryLabel: 'Standard delivery',
    currency: 'NGN',
    subtotalAmount: 61_000_00,
    discountAmount: 6_100_00,
    discountCode: 'WELCOME10',
    shippingAmount: 2_500_00,
    totalAmount: 57_400_00,
    items: lines.map((line, index) => ({
      productTitle: line.title,
      variantTitle: line.variantTitle,
      sku: `SKU-${index + 1}`,
      quantity: line.quantity,
      unitPriceAmount: line.unitPrice.amount,
      lineTotalAmount: line.lineTotal.amount,
    })),
  },
  payment: { reference: 'TXN-7Q2M4K9X1B3C5D6E8F0G', paidAt: new Date('2026-12-03T13:05:00Z'), channel: 'card' },
});
await writeFile(path.join(out, 'invoice.pdf'), pdf);

const orderFacts = { number: 'SO-100042', email: 'ngozi@example.com', shippingAddress: address };
const creditNote = {
  number: 'CN-2026-000007',
  issuedAt: new Date('2026-12-05T09:30:00Z'),
  shop: defaultShopDetails,
  invoice: { number: 'INV-2026-000042', issuedAt: new Date('2026-12-03T13:06:00Z'), totalAmount: 63_500_00 },
  order: orderFacts,
  amount: 24_000_00,
  currency: 'NGN' as const,
  reason: 'Sandals returned (wrong size)',
};
await writeFile(path.join(out, 'credit-note.pdf'), await renderCreditNotePdf(creditNote));
await writeFile(path.join(out, 'credit-note-cancelled.pdf'), await renderCreditNotePdf({ ...creditNote, cancelled: { at: new Date('2026-12-06T10:00:00Z') } }));
await writeFile(
  path.join(out, 'packing-slip.pdf'),
  await renderPackingSlipPdf({
    shop: defaultShopDetails,
    orderNumber: 'SO-100042',
    email: 'ngozi@example.com',
    shippingAddress: address,
    deliveryLabel: 'Standard delivery',
    shipments: 2,
    fulfillment: {
      id: '00000000-0000-4000-8000-000000000002',
      orderId: '00000000-0000-4000-8000-000000000042',
      sequence: 2,
      carrier: 'GIG Logistics',
      trackingNumber: 'GIG-5521-0093',
      trackingUrl: 'https://giglogistics.com/track/GIG-5521-0093',
      lines: [{ orderItemId: 'i2', variantId: 'v2', sku: 'SKU-2', productTitle: 'Leather Sandals', variantTitle: 'EU 42', quantity: 1 }],
      createdBy: 'admin@shop.test',
      createdAt: '2026-12-04T10:15:00Z',
    },
  }),
);
console.log(`wrote ${emails.length} emails, invoice.pdf, credit-note(-cancelled).pdf and packing-slip.pdf to ${path.relative(process.cwd(), out)}/`);
