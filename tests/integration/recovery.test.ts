// Abandoned-checkout recovery against the real Postgres, Redis (through the bridge), the Paystack simulator and SMTP
// into the test stack's mail catcher: one email per expired order and none for orders that were paid, cancelled,
// bought again since or whose shopper opted out; the email's restore link refills a cart once, and its unsubscribe
// link stops the next reminder. Each test mails its own address, so it reads only its own messages.
import { randomUUID } from 'node:crypto';
import { Redis } from '@upstash/redis';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { checkoutRecoveries, emailDeliveries, orderItems, outbox, productVariants } from '@/db/schema';
import { getCart } from '@/lib/cart/get-cart';
import type { CartOwner } from '@/lib/cart/types';
import { smtpConfigFromEnv, smtpMailer } from '@/lib/email/mailer';
import { EmailDeliveryInProgressError } from '@/lib/email/send-email';
import { env } from '@/lib/core/env';
import { formatMoney, money } from '@/lib/core/money';
import { optOutOfEmails, previewOptOut } from '@/lib/recovery/email-opt-out';
import { signRestoreToken } from '@/lib/recovery/recovery-links';
import { previewRestore, type RestoreDeps, restoreCheckout } from '@/lib/recovery/restore-checkout';
import { type RecoveryEmailDeps, recoveryEmailKey, sendRecoveryEmail } from '@/lib/recovery/send-recovery-email';
import { cartTestClients } from '../support/cart-fixtures';
import { createTestVariants } from '../support/catalog-fixtures';
import { closedPort } from '../support/closed-port';
import { type CaughtMail, inboxFor, mailTo } from '../support/inbox';
import { completePayment, expireOrder, orderStatus, payOrder, placeOrderFor, startPayment, supersedeOrder } from '../support/recovery-fixtures';
import { uniqueEmail } from '../support/paid-order-fixtures';

const { db, sql: client, redis } = cartTestClients();
const mailer = smtpMailer(smtpConfigFromEnv(env()));
afterAll(async () => {
  mailer.close();
  await client.end();
});

const siteUrl = 'https://shop.example.test';
const secret = env().NEXTAUTH_SECRET;
const deps: RecoveryEmailDeps = { db, mailer, siteUrl, orderAccessSecret: secret };
const restoreDeps: RestoreDeps = { db, redis, secret };
const guest = (): CartOwner => ({ kind: 'guest', sessionId: randomUUID().replaceAll('-', '') });
const naira = (amount: number) => formatMoney(money(amount, 'NGN'));

/** An order for two fresh variants (2 × ₦12,000 and 1 × ₦8,500) whose hold ran out unpaid. */
async function expiredOrder(email: string, stock = 5, fullName?: string) {
  const variants = await createTestVariants(db, [
    { stock, priceAmount: 12_000_00 },
    { stock, priceAmount: 8_500_00 },
  ]);
  const order = await placeOrderFor(
    db,
    email,
    [
      { variantId: variants[0]!.id, quantity: 2 },
      { variantId: variants[1]!.id, quantity: 1 },
    ],
    null,
    fullName,
  );
  expect(await expireOrder(db, order.id)).toBe('expired');
  return { order, variants };
}

const recoveryMail = async (email: string) => (await mailTo(email, 1, (mail) => mail.subject.startsWith('You left something in your cart')))[0]!;

/** The first link in the message's text that starts with `prefix`. */
function linkIn(mail: CaughtMail, prefix: string): string {
  const found = mail.text.split(/[\s[\]()<>"]+/).find((word) => word.startsWith(prefix));
  if (!found) throw new Error(`no link starting ${prefix} in "${mail.subject}"`);
  return found;
}
const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;
/** "Test product 1a2b3c4d – Size 1", as the order sold each line. */
async function lineTitles(orderId: string) {
  const items = await db.select().from(orderItems).where(eq(orderItems.orderId, orderId));
  return Object.fromEntries(items.map((item) => [item.variantId, `${item.productTitle} – ${item.variantTitle}`]));
}
const deliveries = (orderId: string) =>
  db
    .select()
    .from(emailDeliveries)
    .where(eq(emailDeliveries.dedupeKey, recoveryEmailKey(orderId)));

async function cartQuantities(owner: CartOwner) {
  const cart = await getCart({ db, redis }, owner);
  if (!cart.ok) throw new Error(`cart unreadable: ${cart.error.code}`);
  return Object.fromEntries(cart.value.lines.map((line) => [line.variantId, line.quantity]));
}

describe('sendRecoveryEmail', () => {
  it('sends one email for an order that expired unpaid, even when two jobs run at once, listing its lines', async () => {
    const email = uniqueEmail('recover');
    const { order, variants } = await expiredOrder(email);
    // The release path is what asks for it: one job row, keyed by the order.
    const jobs = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.event, 'order/expired-unpaid'), eq(outbox.dedupeKey, order.id)));
    expect(jobs.map((job) => job.payload)).toEqual([{ orderId: order.id }]);

    const outcomes = await Promise.allSettled([sendRecoveryEmail(deps, order.id), sendRecoveryEmail(deps, order.id)]);
    const sent = outcomes.filter((outcome) => outcome.status === 'fulfilled' && outcome.value.status === 'sent');
    expect(sent).toHaveLength(1);
    for (const outcome of outcomes.filter((candidate) => !sent.includes(candidate))) {
      if (outcome.status === 'fulfilled') expect(outcome.value).toEqual({ status: 'already_sent' });
      else expect(outcome.reason).toBeInstanceOf(EmailDeliveryInProgressError);
    }
    expect(await sendRecoveryEmail(deps, order.id)).toEqual({ status: 'already_sent' });

    const mail = await recoveryMail(email);
    expect(await inboxFor(email)).toHaveLength(1);
    expect(await deliveries(order.id)).toMatchObject([{ kind: 'abandoned_checkout', status: 'sent', recipient: email, orderId: order.id }]);
    expect(mail.subject).toBe('You left something in your cart – Paystack Commerce');
    const titles = await lineTitles(order.id);
    for (const variant of variants) expect(mail.text).toContain(titles[variant.id]);
    expect(mail.text).toContain(`2 × ${naira(12_000_00)}`);
    expect(mail.text).toContain(`1 × ${naira(8_500_00)}`);
    expect(mail.text).toContain(naira(32_500_00)); // the subtotal: 2 × 12,000 + 8,500
    // The first name only (lib/email/greeting-name.ts).
    expect(mail.text).toContain('Hi Ngozi, you started a checkout');
    const restore = linkIn(mail, `${siteUrl}/cart/restore?token=`);
    expect(linkIn(mail, `${siteUrl}/unsubscribe?token=`)).toBeTruthy();
    expect(mail.html).toContain(restore.replaceAll('&', '&amp;'));

    const [recovery] = await db.select().from(checkoutRecoveries).where(eq(checkoutRecoveries.orderId, order.id));
    expect(recovery?.emailSentAt).toBeInstanceOf(Date);
    expect(recovery?.restoredAt).toBeNull();
  });

  // Anyone can type any address and any name at checkout: the shop must not deliver a stranger's sentence, signed.
  it('greets by a first name made of letters, in any script, and otherwise by no name: a line typed as the name never arrives', async () => {
    const hostile = 'www.evil.example/r?id=1 — claim your refund there, or call 08031234567';
    const phished = uniqueEmail('phish');
    const { order } = await expiredOrder(phished, 5, hostile);
    expect(await sendRecoveryEmail(deps, order.id)).toEqual({ status: 'sent' });
    const mail = await recoveryMail(phished);
    expect(mail.text).toMatch(/^\s*You started a checkout but did not finish paying/m);
    for (const body of [mail.text, mail.html]) {
      for (const fragment of ['evil.example', 'claim your refund', '08031234567']) expect(body).not.toContain(fragment);
    }

    const yoruba = uniqueEmail('yoruba');
    const named = await expiredOrder(yoruba, 5, 'Ọláolúwa Ádébáyọ̀');
    expect(await sendRecoveryEmail(deps, named.order.id)).toEqual({ status: 'sent' });
    expect((await recoveryMail(yoruba)).text).toContain('Hi Ọláolúwa, you started a checkout');
  });

  it('sends nothing for an order that was paid, was paid after it expired, or was replaced by a new checkout', async () => {
    const email = uniqueEmail('paid');
    const [variant] = await createTestVariants(db, [{ stock: 5 }]);
    const paid = await placeOrderFor(db, email, [{ variantId: variant!.id, quantity: 1 }]);
    expect(await payOrder(db, paid.id)).toBe('paid');

    // The shopper paid on Paystack just after the hold ran out: the late payment is honoured, the order is paid.
    const late = await placeOrderFor(db, email, [{ variantId: variant!.id, quantity: 1 }]);
    const reference = await startPayment(db, late.id);
    expect(await expireOrder(db, late.id)).toBe('expired');
    await completePayment(db, reference);
    expect(await orderStatus(db, late.id)).toBe('paid');

    const replaced = await placeOrderFor(db, email, [{ variantId: variant!.id, quantity: 2 }]);
    expect(await supersedeOrder(db, replaced.id)).toBe('cancelled');

    expect(await sendRecoveryEmail(deps, paid.id)).toEqual({ status: 'skipped', reason: 'order_paid' });
    expect(await sendRecoveryEmail(deps, late.id)).toEqual({ status: 'skipped', reason: 'order_paid' });
    expect(await sendRecoveryEmail(deps, replaced.id)).toEqual({ status: 'skipped', reason: 'order_cancelled' });
    expect(await sendRecoveryEmail(deps, randomUUID())).toEqual({ status: 'skipped', reason: 'order_not_found' });
    for (const order of [paid, late, replaced]) expect(await deliveries(order.id)).toEqual([]);
    expect(await inboxFor(email)).toEqual([]);
  });

  it('sends nothing when the shopper has since bought any of those items, whatever the letter case of their address', async () => {
    const email = uniqueEmail('Bought.Again');
    const { order, variants } = await expiredOrder(email);
    const other = await expiredOrder(email);
    // Later, the same shopper (lower-cased address this time) buys one of the first order's items and nothing of the other's.
    const second = await placeOrderFor(db, email.toLowerCase(), [{ variantId: variants[1]!.id, quantity: 1 }]);
    expect(await payOrder(db, second.id)).toBe('paid');

    expect(await sendRecoveryEmail(deps, order.id)).toEqual({ status: 'skipped', reason: 'purchased_since' });
    // An order with items they have not bought again is still worth one reminder.
    expect(await sendRecoveryEmail(deps, other.order.id)).toEqual({ status: 'sent' });
    const mail = await recoveryMail(email);
    const titles = await lineTitles(other.order.id);
    for (const variant of other.variants) expect(mail.text).toContain(titles[variant.id]);
    expect(await deliveries(order.id)).toEqual([]);
    expect(await inboxFor(email)).toHaveLength(1);
  });

  it('sends nothing to an address that unsubscribed through the previous email', async () => {
    const email = uniqueEmail('optout');
    const first = await expiredOrder(email);
    expect(await sendRecoveryEmail(deps, first.order.id)).toEqual({ status: 'sent' });
    const token = tokenOf(linkIn(await recoveryMail(email), `${siteUrl}/unsubscribe?token=`));

    expect(await previewOptOut({ db, secret }, token)).toEqual({ ok: true, value: { email: email.toLowerCase(), optedOut: false } });
    expect(await optOutOfEmails({ db, secret }, token)).toEqual({ ok: true, value: { email: email.toLowerCase() } });
    expect(await optOutOfEmails({ db, secret }, token)).toMatchObject({ ok: true }); // a second click changes nothing
    expect(await previewOptOut({ db, secret }, token)).toMatchObject({ value: { optedOut: true } });
    expect(await optOutOfEmails({ db, secret }, `${token}x`)).toEqual({ ok: false, error: 'invalid' });

    // The next abandoned checkout is placed with the address in capitals: still the same person.
    const second = await expiredOrder(email.toUpperCase());
    expect(await sendRecoveryEmail(deps, second.order.id)).toEqual({ status: 'skipped', reason: 'opted_out' });
    expect(await inboxFor(email)).toHaveLength(1);
  });
});

describe('the restore link', () => {
  async function mailedOrder(stock = 5) {
    const email = uniqueEmail('restore');
    const made = await expiredOrder(email, stock);
    expect(await sendRecoveryEmail(deps, made.order.id)).toEqual({ status: 'sent' });
    return { ...made, token: tokenOf(linkIn(await recoveryMail(email), `${siteUrl}/cart/restore?token=`)) };
  }

  it('puts the lines back in the cart once; a second use says it was used', async () => {
    const { order, variants, token } = await mailedOrder();
    const preview = await previewRestore(restoreDeps, token);
    expect(preview.ok && preview.value.lines.map((line) => [line.variantId, line.quantity])).toEqual([
      [variants[0]!.id, 2],
      [variants[1]!.id, 1],
    ]);

    const shopper = guest();
    expect(await restoreCheckout(restoreDeps, shopper, token)).toEqual({ ok: true, value: { orderNumber: order.number, restored: 2, notices: [] } });
    expect(await cartQuantities(shopper)).toEqual({ [variants[0]!.id]: 2, [variants[1]!.id]: 1 });

    const again = guest();
    expect(await restoreCheckout(restoreDeps, again, token)).toEqual({ ok: false, error: 'already_used' });
    expect(await restoreCheckout(restoreDeps, shopper, token)).toEqual({ ok: false, error: 'already_used' });
    expect(await previewRestore(restoreDeps, token)).toEqual({ ok: false, error: 'already_used' });
    expect(await cartQuantities(again)).toEqual({});
    expect(await cartQuantities(shopper)).toEqual({ [variants[0]!.id]: 2, [variants[1]!.id]: 1 }); // not doubled
  });

  it('restores exactly once when two clicks race', async () => {
    const { variants, token } = await mailedOrder();
    const [a, b] = [guest(), guest()];
    const results = await Promise.all([restoreCheckout(restoreDeps, a, token), restoreCheckout(restoreDeps, b, token)]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, error: 'already_used' }]);
    const carts = [await cartQuantities(a), await cartQuantities(b)];
    expect(carts).toContainEqual({ [variants[0]!.id]: 2, [variants[1]!.id]: 1 });
    expect(carts).toContainEqual({});
  });

  it('restores what is available now and says what changed', async () => {
    const { order, variants, token } = await mailedOrder();
    await db.update(productVariants).set({ stockOnHand: 1 }).where(eq(productVariants.id, variants[0]!.id));
    await db.update(productVariants).set({ stockOnHand: 0 }).where(eq(productVariants.id, variants[1]!.id));
    const shopper = guest();
    const titles = await lineTitles(order.id);
    expect(await restoreCheckout(restoreDeps, shopper, token)).toEqual({
      ok: true,
      value: {
        orderNumber: order.number,
        restored: 1,
        notices: [
          { kind: 'clamped', title: titles[variants[0]!.id], requested: 2, allowed: 1 },
          { kind: 'sold_out', title: titles[variants[1]!.id] },
        ],
      },
    });
    expect(await cartQuantities(shopper)).toEqual({ [variants[0]!.id]: 1 });
  });

  it('keeps the link usable when the cart store is down', async () => {
    const { variants, token } = await mailedOrder();
    const down = new Redis({ url: `http://127.0.0.1:${await closedPort()}`, token: 'x', retry: false });
    const quiet = console.error;
    console.error = () => {};
    const refused = await restoreCheckout({ ...restoreDeps, redis: down }, guest(), token).finally(() => {
      console.error = quiet;
    });
    expect(refused).toEqual({ ok: false, error: 'cart_unavailable' });
    const shopper = guest();
    expect(await restoreCheckout(restoreDeps, shopper, token)).toMatchObject({ ok: true, value: { restored: 2 } });
    expect(await cartQuantities(shopper)).toEqual({ [variants[0]!.id]: 2, [variants[1]!.id]: 1 });
  });

  it('refuses an expired or tampered link and leaves it unused', async () => {
    const { order, token } = await mailedOrder();
    const lapsed = signRestoreToken(secret, order.id, new Date(Date.now() - 60_000));
    expect(await previewRestore(restoreDeps, lapsed)).toEqual({ ok: false, error: 'expired' });
    expect(await restoreCheckout(restoreDeps, guest(), lapsed)).toEqual({ ok: false, error: 'expired' });

    const [id, expires, mac] = token.split('.') as [string, string, string];
    const tampered = [
      `${id}.${Number(expires) + 7 * 86_400}.${mac}`,
      `${randomUUID()}.${expires}.${mac}`,
      // The first character: the last one of a 32-byte MAC carries bits the decoder drops, so changing it may change nothing.
      `${id}.${expires}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`,
      'not-a-token',
    ];
    for (const candidate of tampered) expect(await restoreCheckout(restoreDeps, guest(), candidate)).toEqual({ ok: false, error: 'invalid' });

    const [recovery] = await db.select().from(checkoutRecoveries).where(eq(checkoutRecoveries.orderId, order.id));
    expect(recovery?.restoredAt).toBeNull();
    expect(await previewRestore(restoreDeps, token)).toMatchObject({ ok: true });
  });
});
