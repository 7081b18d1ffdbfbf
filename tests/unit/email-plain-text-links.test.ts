// Plain-text emails: every web address in the text is exactly one of the email's links — no full stop or comma of the
// sentence around it glued on (a mail app would make it part of the link, which then 404s).
import { createElement, type ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { money } from '@/lib/core/money';
import { AbandonedCheckoutEmail } from '@/lib/email/templates/abandoned-checkout';
import { AlreadyRegisteredEmail, PasswordResetEmail, VerifyEmailEmail } from '@/lib/email/templates/account-link';
import { OrderConfirmationEmail } from '@/lib/email/templates/order-confirmation';
import { OrderLinkEmail } from '@/lib/email/templates/order-link';
import { RefundNoticeEmail } from '@/lib/email/templates/refund-notice';
import { detachUrlPunctuation, renderEmail } from '@/lib/email/templates/render';
import { ShippingNoticeEmail } from '@/lib/email/templates/shipping-notice';

const siteUrl = 'https://shop.example.com';
const shopName = 'Paystack Commerce';
const orderUrl = `${siteUrl}/orders/00000000-0000-4000-8000-000000000042?token=abc.def`;
const lines = [
  { title: 'Adire Indigo Shirt', variantTitle: 'M / Indigo', quantity: 2, unitPrice: money(18_500_00), lineTotal: money(37_000_00) },
  { title: 'Woven Raffia Basket', variantTitle: 'Default', quantity: 1, unitPrice: money(9_000_00), lineTotal: money(9_000_00) },
];
const address = { fullName: 'Ngozi Okafor', phone: '08031234567', line1: '12 Admiralty Way', city: 'Lekki', state: 'Lagos', country: 'NG' };
const account = { shopName, siteUrl, email: 'ngozi@example.com' };

const emails: Array<[string, ReactElement]> = [
  [
    'order confirmation with its invoice',
    createElement(OrderConfirmationEmail, {
      shopName,
      siteUrl,
      customerName: 'Ngozi',
      orderNumber: 'SO-100042',
      lines,
      subtotal: money(46_000_00),
      shipping: money(2_500_00),
      deliveryLabel: 'Standard delivery',
      total: money(48_500_00),
      address,
      orderUrl,
      invoiceUrl: `${siteUrl}/api/orders/00000000-0000-4000-8000-000000000042/invoice?token=abc.def`,
      invoiceNumber: 'INV-2026-000042',
    }),
  ],
  [
    'shipping notice',
    createElement(ShippingNoticeEmail, {
      shopName,
      siteUrl,
      orderNumber: 'SO-100042',
      sequence: 1,
      lines: [{ title: 'Woven Raffia Basket', variantTitle: 'Default', quantity: 1 }],
      carrier: 'GIG Logistics',
      trackingNumber: 'GIG-1',
      trackingUrl: 'https://giglogistics.com/track/GIG-1',
      stillToShip: 0,
      orderUrl,
    }),
  ],
  [
    'abandoned checkout',
    createElement(AbandonedCheckoutEmail, {
      shopName,
      siteUrl,
      customerName: 'Ngozi',
      lines,
      subtotal: money(46_000_00),
      restoreUrl: `${siteUrl}/cart/restore?token=x.1798761600.y`,
      restoreValidDays: 7,
      unsubscribeUrl: `${siteUrl}/unsubscribe?token=z`,
    }),
  ],
  ['verify email', createElement(VerifyEmailEmail, { ...account, verifyUrl: `${siteUrl}/verify-email?token=t`, validHours: 24 })],
  ['password reset', createElement(PasswordResetEmail, { ...account, resetUrl: `${siteUrl}/reset-password?token=t`, validMinutes: 60 })],
  [
    'already registered',
    createElement(AlreadyRegisteredEmail, { ...account, signInUrl: `${siteUrl}/sign-in`, resetUrl: `${siteUrl}/reset-password?token=t`, validMinutes: 60 }),
  ],
  ['order link', createElement(OrderLinkEmail, { shopName, siteUrl, orderNumber: 'SO-100042', orderUrl, validDays: 30 })],
  [
    'refund processed',
    createElement(RefundNoticeEmail, {
      shopName,
      siteUrl,
      orderNumber: 'SO-100042',
      outcome: 'processed',
      refunded: money(9_000_00),
      remaining: money(39_500_00),
      reason: 'Returned',
      orderUrl,
    }),
  ],
];

/** The links of the HTML body, as a mail app would follow them. */
function hrefs(html: string): Set<string> {
  return new Set([...html.matchAll(/href="([^"]+)"/g)].map((match) => (match[1] ?? '').replaceAll('&amp;', '&')));
}

describe('plain-text emails', () => {
  it.each(emails)('%s: every address in the text is one of its links, nothing glued on', async (_name, element) => {
    const { html, text } = await renderEmail(element);
    const links = hrefs(html);
    const addresses = [...text.matchAll(/https?:\/\/\S+/g)].map((match) => match[0]);
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(links, `${address} in the text`).toContain(address);
    expect(text).not.toMatch(/\bDefault\b/);
  });

  it('drops sentence punctuation right after an address, and only there', () => {
    expect(detachUrlPunctuation('Your invoice: download the PDF\nhttps://x.test/api/i?token=a.b.\n')).toBe(
      'Your invoice: download the PDF\nhttps://x.test/api/i?token=a.b\n',
    );
    expect(detachUrlPunctuation('See https://x.test/a, then https://x.test/b!')).toBe('See https://x.test/a then https://x.test/b');
    expect(detachUrlPunctuation('Version 1.2. Done.')).toBe('Version 1.2. Done.');
    expect(detachUrlPunctuation('https://x.test/file.pdf')).toBe('https://x.test/file.pdf');
  });
});
