// Order emails through real SMTP into the test stack's mail catcher (maildev), with email_deliveries in the real
// Postgres deciding who sends. The catcher is shared by every test file, so each test uses its own recipient
// address and reads only its own messages (no DELETE /api/email/all, which would wipe other files' mail).
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { emailDeliveries, users } from '@/db/schema';
import { env } from '@/lib/core/env';
import { smtpConfigFromEnv, smtpMailer } from '@/lib/email/mailer';
import { orderEmailKeys, type OrderEmailDeps, sendOrderConfirmation, sendPaymentAlert, sendPaymentReceipt } from '@/lib/email/order-emails';
import { EmailDeliveryInProgressError, EmailSendError, sendEmailOnce } from '@/lib/email/send-email';
import { allocateInvoice } from '@/lib/invoices/allocate-invoice';
import { formatMoney, money } from '@/lib/core/money';
import { verifyOrderAccess } from '@/lib/orders/order-access';
import { testDatabase } from '../support/db';
import { paidOrder, uniqueEmail } from '../support/paid-order-fixtures';
import { closedPort } from '../support/closed-port';
import { type CaughtMail, inboxFor, mailTo } from '../support/inbox';
import { waitFor } from '../support/wait';

const { db, sql: client } = testDatabase(10);
const mailer = smtpMailer(smtpConfigFromEnv(env()));
afterAll(async () => {
  mailer.close();
  await client.end();
});

const siteUrl = 'https://shop.example.test';
const secret = env().NEXTAUTH_SECRET;
const deps: OrderEmailDeps = { db, mailer, siteUrl, orderAccessSecret: secret };

/**
 * The inbox once a duplicate can no longer arrive: `count` messages are there and no email to the address is still
 * being sent (no email_deliveries row left `sending`). A sender marks its row only after SMTP accepted the message, and
 * the catcher accepts only once it has stored it, so anything sent twice would already be listed.
 */
async function settledInbox(address: string, count: number): Promise<CaughtMail[]> {
  await mailTo(address, count);
  const inFlight = and(eq(emailDeliveries.recipient, address), eq(emailDeliveries.status, 'sending'));
  await waitFor(`no email to ${address} in flight`, async () => ((await db.$count(emailDeliveries, inFlight)) === 0 ? true : undefined));
  return inboxFor(address);
}

const delivery = async (dedupeKey: string) => (await db.select().from(emailDeliveries).where(eq(emailDeliveries.dedupeKey, dedupeKey)))[0];

describe('sendOrderConfirmation', () => {
  it('sends exactly one confirmation when two jobs send it at the same time', async () => {
    const email = uniqueEmail('confirm');
    const { order } = await paidOrder(db, { email, quantity: 2, priceAmount: 18_500_00, deliveryOption: 'standard' });
    const invoice = await allocateInvoice(db, order.id);
    if (!invoice.ok) throw new Error('no invoice');

    const outcomes = await Promise.allSettled([sendOrderConfirmation(deps, order.id), sendOrderConfirmation(deps, order.id)]);
    const sent = outcomes.filter((outcome) => outcome.status === 'fulfilled' && outcome.value.status === 'sent');
    expect(sent).toHaveLength(1);
    // The other one either arrived after the send (nothing to do) or during it (told to retry later).
    for (const outcome of outcomes.filter((candidate) => !sent.includes(candidate))) {
      if (outcome.status === 'fulfilled') expect(outcome.value.status).toBe('already_sent');
      else expect(outcome.reason).toBeInstanceOf(EmailDeliveryInProgressError);
    }
    // A job retried after the fact does nothing.
    expect(await sendOrderConfirmation(deps, order.id)).toMatchObject({ status: 'already_sent' });

    const inbox = await settledInbox(email, 1);
    expect(inbox).toHaveLength(1);
    const [mail] = inbox;
    const total = formatMoney(money(order.totalAmount, 'NGN'));
    expect(total).toBe('₦39,500.00'); // 2 × ₦18,500 + ₦2,500 delivery
    expect(mail!.subject).toBe(`Order ${order.number} confirmed – Paystack Commerce`);
    expect(mail!.text).toContain(total);
    expect(mail!.html).toContain(total);
    expect(mail!.text).toContain('₦37,000.00');
    expect(mail!.text).toContain(testAddressLine);
    expect(mail!.text).toMatch(/Hi Ngozi, we have received\s+your payment/);
    // A guest order: the link carries a token that opens this order (and only this one).
    const link = new RegExp(`${siteUrl}/orders/${order.id}\\?token=(\\d+\\.[A-Za-z0-9_-]{43})`).exec(mail!.text);
    expect(link).not.toBeNull();
    expect(verifyOrderAccess(secret, order.id, link![1])).toBe(true);
    expect(mail!.text).toContain(`${siteUrl}/api/orders/${order.id}/invoice?token=${link![1]}`);
    expect(mail!.text).toContain(invoice.value.number);

    const row = await delivery(orderEmailKeys.confirmation(order.id));
    expect(row).toMatchObject({ kind: 'order_confirmation', status: 'sent', recipient: email, orderId: order.id, attempts: 1, error: null });
    // The stable Message-ID of this delivery, as the catcher received it.
    expect(row!.providerMessageId).toBe(`<email-${row!.id}@example.test>`);
    expect(JSON.stringify(mail)).toContain(`email-${row!.id}@example.test`);
    expect(row!.sentAt).toBeInstanceOf(Date);
  });

  it('links an account order to the account page, without a token', async () => {
    const [user] = await db
      .insert(users)
      .values({ email: uniqueEmail('account'), name: 'Account Buyer', passwordHash: 'not-a-real-hash' })
      .returning();
    const { order } = await paidOrder(db, { email: user!.email, userId: user!.id });
    expect(await sendOrderConfirmation(deps, order.id)).toMatchObject({ status: 'sent' });
    const [mail] = await settledInbox(user!.email, 1);
    expect(mail!.text).toContain(`${siteUrl}/account/orders/${order.id}`);
    expect(mail!.text).not.toContain('token=');
    expect(mail!.text).not.toContain('/invoice'); // no invoice allocated yet
  });

  it('records a failed delivery and throws when SMTP is unreachable; the retry sends once', async () => {
    const email = uniqueEmail('retry');
    const { order } = await paidOrder(db, { email });
    const broken = smtpMailer({ ...smtpConfigFromEnv(env()), port: await closedPort(), connectionTimeoutMs: 2_000 });

    await expect(sendOrderConfirmation({ ...deps, mailer: broken }, order.id)).rejects.toBeInstanceOf(EmailSendError);
    const failed = await delivery(orderEmailKeys.confirmation(order.id));
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, sentAt: null, providerMessageId: null });
    expect(failed!.error).toMatch(/ECONNREFUSED/);
    expect(await inboxFor(email)).toHaveLength(0);

    expect(await sendOrderConfirmation(deps, order.id)).toMatchObject({ status: 'sent' });
    expect(await sendOrderConfirmation(deps, order.id)).toMatchObject({ status: 'already_sent' });
    expect(await settledInbox(email, 1)).toHaveLength(1);
    expect(await delivery(orderEmailKeys.confirmation(order.id))).toMatchObject({ status: 'sent', attempts: 2, error: null });
  });

  // The name field is free text for an address nobody verified: greet by it only when it is a first name of letters.
  it('greets a guest by no name when the name typed at checkout is not one', async () => {
    const email = uniqueEmail('named');
    const { order } = await paidOrder(db, { email, fullName: 'https://evil.example: your account is locked' });
    expect(await sendOrderConfirmation(deps, order.id)).toMatchObject({ status: 'sent' });
    const [mail] = await settledInbox(email, 1);
    expect(mail!.text).toMatch(/Hi there, we have received\s+your payment/);
    expect(mail!.text).not.toMatch(/Hi https/);
  });

  it('skips an order that is not paid', async () => {
    expect(await sendOrderConfirmation(deps, '00000000-0000-4000-8000-000000000000')).toEqual({ status: 'skipped', reason: 'order_not_found' });
  });
});

describe('sendEmailOnce claims', () => {
  const message = (to: string, dedupeKey: string) => ({
    kind: 'order_confirmation' as const,
    dedupeKey,
    to,
    subject: `Claim test ${dedupeKey}`,
    html: '<p>hi</p>',
    text: 'hi',
  });

  it('lets one of ten concurrent senders send', async () => {
    const to = uniqueEmail('claims');
    const key = `test:${to}`;
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => sendEmailOnce({ db, mailer }, message(to, key))));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled' && outcome.value.status === 'sent')).toHaveLength(1);
    expect(await settledInbox(to, 1)).toHaveLength(1);
  });

  it('leaves a live claim alone, and takes over a claim left by a crash once its lease has run out', async () => {
    const to = uniqueEmail('lease');
    const key = `test:${to}`;
    // Another worker claimed the email a moment ago and is still talking to SMTP.
    await db
      .insert(emailDeliveries)
      .values({ kind: 'order_confirmation', dedupeKey: key, recipient: to, subject: 'x', status: 'sending', claimedAt: sql`now()`, attempts: 1 });
    await expect(sendEmailOnce({ db, mailer }, message(to, key))).rejects.toBeInstanceOf(EmailDeliveryInProgressError);
    expect(await inboxFor(to)).toHaveLength(0);

    // That worker died: its claim is older than the lease.
    await db.update(emailDeliveries).set({ claimedAt: sql`now() - interval '10 minutes'` }).where(eq(emailDeliveries.dedupeKey, key));
    expect(await sendEmailOnce({ db, mailer }, message(to, key))).toMatchObject({ status: 'sent' });
    expect(await settledInbox(to, 1)).toHaveLength(1);
    expect(await delivery(key)).toMatchObject({ status: 'sent', attempts: 2 });
  });
});

describe('sendPaymentReceipt and sendPaymentAlert', () => {
  it('sends the receipt with amount, reference and channel, once', async () => {
    const email = uniqueEmail('receipt');
    const { order, payment } = await paidOrder(db, { email });
    expect(await sendPaymentReceipt(deps, { orderId: order.id, paymentId: payment.id })).toMatchObject({ status: 'sent' });
    expect(await sendPaymentReceipt(deps, { orderId: order.id, paymentId: payment.id })).toMatchObject({ status: 'already_sent' });
    const [mail] = await settledInbox(email, 1);
    const amount = formatMoney(money(payment.amount, 'NGN'));
    expect(mail!.subject).toBe(`Receipt for ${amount} – order ${order.number}`);
    expect(mail!.text).toContain(payment.reference);
    expect(mail!.text).toContain('Card via Paystack');
    expect(await sendPaymentReceipt(deps, { orderId: order.id, paymentId: '00000000-0000-4000-8000-000000000000' })).toEqual({
      status: 'skipped',
      reason: 'payment_not_found',
    });
  });

  it('alerts every admin once, linking to the admin order page', async () => {
    const [extraAdmin] = await db
      .insert(users)
      .values({ email: uniqueEmail('admin'), name: 'Second Admin', passwordHash: 'not-a-real-hash', role: 'admin' })
      .returning();
    const { order } = await paidOrder(db);
    const problems = ['amount 100 does not match the payment 200'];
    const result = await sendPaymentAlert(deps, { orderId: order.id, problems });
    if (result.status !== 'sent') throw new Error(`alert skipped: ${result.reason}`);
    const recipients = result.deliveries.map((entry) => entry.to);
    expect(recipients).toContain('admin@shop.test');
    expect(recipients).toContain(extraAdmin!.email);
    expect(result.deliveries.every((entry) => entry.status === 'sent')).toBe(true);

    const again = await sendPaymentAlert(deps, { orderId: order.id, problems });
    expect(again.status === 'sent' && again.deliveries.every((entry) => entry.status === 'already_sent')).toBe(true);

    const [mail] = await settledInbox(extraAdmin!.email, 1);
    expect(mail!.subject).toBe(`Action needed: payment on order ${order.number}`);
    expect(mail!.text).toContain(problems[0]);
    expect(mail!.text).toContain(`${siteUrl}/admin/orders/${order.id}`);
    const forSeedAdmin = (await inboxFor('admin@shop.test')).filter((candidate) => candidate.text.includes(order.id));
    expect(forSeedAdmin).toHaveLength(1);
  });
});

const testAddressLine = '12 Admiralty Way';
