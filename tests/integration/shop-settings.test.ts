// The shop settings against the real Postgres, Redis (through the bridge), the Paystack simulator and the mail catcher:
// saving validates, versions and audits (a stale save is refused); the admin door refuses a customer and reports field
// errors without writing; checkout refuses express to Kano with a clear 422 and holds nothing; a pickup needs no home
// address; VAT included or added lands in the order's totals (the database's own CHECK agreeing); and an order placed
// before a settings change keeps its snapshot on its invoice and its confirmation email.
//
// The settings are one shop-wide record and other test files check out at the same time, so every change of them
// here happens inside a transaction that is rolled back: no other file ever sees it. Stood in: who is signed in, for
// the routes and the action (through the doors' own seam).
import { execFile } from 'node:child_process';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveShopSettingsAction } from '@/app/(admin)/admin/settings/actions';
import type { Database } from '@/db/client';
import { auditLogs, orders, shopSettings } from '@/db/schema';
import { placeOrder } from '@/lib/checkout/place-order';
import { env } from '@/lib/core/env';
import { smtpConfigFromEnv, smtpMailer } from '@/lib/email/mailer';
import { sendOrderConfirmation } from '@/lib/email/order-emails';
import { allocateInvoice } from '@/lib/invoices/allocate-invoice';
import { invoiceForOrder, loadInvoiceDocument } from '@/lib/invoices/invoice-for-order';
import type { SessionUser } from '@/lib/server/deps/door-deps';
import { loadShopSettings } from '@/lib/settings/load-shop-settings';
import { saveShopSettings } from '@/lib/settings/save-shop-settings';
import { toSettingsFormValues } from '@/lib/settings/settings-form';
import { defaultShopSettings, type ShopSettings } from '@/lib/settings/shop-settings';
import { cartTestClients, createFixtureCatalogue, createFixtureUser } from '../support/cart-fixtures';
import { testAddress, variantStock } from '../support/catalog-fixtures';
import {
  type CheckoutReply,
  checkoutBody,
  closeCheckoutApiClients,
  type ErrorReply,
  guestEmail,
  guestWithCart,
  orderRows,
  request,
} from '../support/checkout-api-fixtures';
import { signedInAs, through } from '../support/doors';
import { mailTo } from '../support/inbox';
import { paidOrder, uniqueEmail } from '../support/paid-order-fixtures';

const session = { user: null as null | SessionUser };
const standIns = () => signedInAs(session.user);
const checkoutRoute = through((await import('@/app/api/checkout/route')).POST, standIns);
const addRoute = through((await import('@/app/api/cart/items/route')).POST, standIns);
// An action reads the request's headers for the caller's address; outside Next there are none to read.
const saveAction = through(saveShopSettingsAction, () => ({ ...standIns(), requestHeaders: async () => new Headers() }));

const { db, sql, redis } = cartTestClients();
const mailer = smtpMailer(smtpConfigFromEnv(env()));
const userIds: string[] = [];
let admin: SessionUser;
let customer: SessionUser;
let catalogue: Awaited<ReturnType<typeof createFixtureCatalogue>>;

beforeAll(async () => {
  const adminRow = await createFixtureUser(db, 'admin');
  const customerRow = await createFixtureUser(db, 'customer');
  userIds.push(adminRow.id, customerRow.id);
  admin = { id: adminRow.id, email: adminRow.email, name: adminRow.name, role: 'admin' };
  customer = { id: customerRow.id, email: customerRow.email, name: customerRow.name, role: 'customer' };
  catalogue = await createFixtureCatalogue(db, 'shop-settings', [{ stock: 40, priceAmount: 1_000_000 }]);
});

beforeEach(() => {
  session.user = null;
});

afterAll(async () => {
  mailer.close();
  await closeCheckoutApiClients({ db, sql, redis }, userIds);
});

class Rollback extends Error {}

/** Runs `fn` in a transaction that is always rolled back: settings saved in it are never seen by another test file. */
async function inRolledBackTransaction(fn: (tx: Database) => Promise<void>): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      // A transaction handle does all a Database does here (its own .transaction() is a savepoint).
      await fn(tx as unknown as Database);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
}

const variantId = () => catalogue.variants[0]!.id;
const withVat = (settings: ShopSettings, pricesIncludeVat: boolean): ShopSettings => ({ ...settings, vat: { rateBasisPoints: 750, pricesIncludeVat } });

function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('pdftotext', ['-layout', '-', '-'], { encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    child.stdin?.end(pdf);
  });
}

describe('saving the settings', () => {
  it('stores a new version with an audit entry of what changed, and refuses a save made on a stale version', async () => {
    await inRolledBackTransaction(async (tx) => {
      const before = await loadShopSettings(tx);
      const changed: ShopSettings = { ...before.settings, contactPhone: '+234 809 000 1111', name: 'Adire & Co' };
      const saved = await saveShopSettings(tx, { input: changed, expectedVersion: before.version, adminId: admin.id });
      expect(saved).toEqual({ ok: true, value: { version: before.version + 1, changed: true } });

      const now = await loadShopSettings(tx);
      expect(now).toMatchObject({ version: before.version + 1, settings: { name: 'Adire & Co', contactPhone: '+234 809 000 1111' } });
      const [entry] = await tx
        .select()
        .from(auditLogs)
        .where(and(eq(auditLogs.entityType, 'shop_settings'), eq(auditLogs.action, 'settings.updated')))
        .orderBy(desc(auditLogs.id))
        .limit(1);
      expect(entry).toMatchObject({
        actorType: 'admin',
        actorId: admin.id,
        before: { name: before.settings.name, contactPhone: before.settings.contactPhone },
        after: { name: 'Adire & Co', contactPhone: '+234 809 000 1111' },
        metadata: { version: before.version + 1, previousVersion: before.version },
      });

      // A colleague who opened the page before that save: refused, nothing written.
      const stale = await saveShopSettings(tx, { input: { ...changed, name: 'Someone else' }, expectedVersion: before.version, adminId: admin.id });
      expect(stale).toMatchObject({ ok: false, error: { code: 'changed_since_read', version: before.version + 1 } });
      // Saving what is already there is not a new version.
      expect(await saveShopSettings(tx, { input: changed, expectedVersion: before.version + 1, adminId: admin.id })).toEqual({
        ok: true,
        value: { version: before.version + 1, changed: false },
      });
      expect(await tx.$count(shopSettings)).toBe(Math.max(before.version, 0) + 1);
    });
  });

  it('through the admin door: a customer is refused before anything is read, and invalid settings come back by field with nothing written', async () => {
    const current = await loadShopSettings(db);
    const values = toSettingsFormValues(current.settings);

    session.user = customer;
    expect((await saveAction({ expectedVersion: current.version, values }))?.serverError?.code).toBe('forbidden');

    session.user = admin;
    const invalid = await saveAction({
      expectedVersion: current.version,
      values: { ...values, contactEmail: 'not-an-email', zones: values.zones.map((zone, index) => (index === 0 ? { ...zone, standardFee: '-5' } : zone)) },
    });
    expect(invalid?.data).toMatchObject({
      status: 'invalid',
      fieldErrors: { contactEmail: ['Enter a valid email address'], 'delivery.zones.0.standardFee': ['Enter an amount in naira'] },
    });
    expect((await loadShopSettings(db)).version).toBe(current.version);
  });
});

describe('checkout with the settings in force (POST /api/checkout)', () => {
  const kano = { fullName: 'Musa Kano', phone: '0803 555 1234', line1: '7 Bompai Road', city: 'Kano', state: 'Kano' };

  it('refuses express delivery to Kano with 422 delivery_unavailable, holds nothing, and takes standard delivery there', async () => {
    const cookie = await guestWithCart(addRoute, [{ variantId: variantId(), quantity: 1 }]);
    const before = await variantStock(db, variantId());
    const refused = await checkoutRoute(
      request('POST', '/api/checkout', { body: checkoutBody({ email: guestEmail(cookie), shippingAddress: kano, deliveryOption: 'express' }), cookie }),
    );
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as ErrorReply).error).toMatchObject({
      code: 'delivery_unavailable',
      message: 'Express delivery is not available in Kano. Choose standard delivery or pickup.',
      field: 'deliveryOption',
      option: 'express',
      state: 'Kano',
    });
    expect(await variantStock(db, variantId())).toEqual(before);

    const placed = await checkoutRoute(
      request('POST', '/api/checkout', { body: checkoutBody({ email: guestEmail(cookie), shippingAddress: kano, deliveryOption: 'standard' }), cookie }),
    );
    expect(placed.status).toBe(201);
    const reply = (await placed.json()) as CheckoutReply;
    expect(reply.totals.shipping.amount).toBe(250_000);
    const { order } = await orderRows(db, reply.orderId);
    expect(order.settingsSnapshot?.delivery).toEqual({
      id: 'standard',
      label: 'Standard delivery',
      description: '3–5 working days',
      zone: 'Rest of Nigeria',
      feeAmount: 250_000,
    });
  });

  it('places a pickup order with only a name and phone: no home address asked or kept', async () => {
    const cookie = await guestWithCart(addRoute, [{ variantId: variantId(), quantity: 1 }]);
    const response = await checkoutRoute(
      request('POST', '/api/checkout', {
        body: { email: guestEmail(cookie), deliveryOption: 'pickup', shippingAddress: { fullName: 'Ada Collector', phone: '0803 123 4567' } },
        cookie,
      }),
    );
    expect(response.status).toBe(201);
    const reply = (await response.json()) as CheckoutReply;
    expect(reply.totals.shipping.amount).toBe(0);
    const { order } = await orderRows(db, reply.orderId);
    expect(order.shippingAddress).toEqual({ fullName: 'Ada Collector', phone: '08031234567', country: 'NG' });
    expect(order.settingsSnapshot?.delivery).toMatchObject({ id: 'pickup', label: 'Pick up in Yaba, Lagos', feeAmount: 0 });
    expect(order.settingsSnapshot?.delivery.description).toContain('Mon–Fri 9:00–18:00');
  });
});

describe('VAT on the order', () => {
  const place = (tx: Database) =>
    placeOrder(
      { db: tx },
      { userId: null, email: uniqueEmail('vat'), shippingAddress: testAddress, deliveryOption: 'standard', lines: [{ variantId: variantId(), quantity: 1 }] },
    );

  it('prices including VAT: the total is subtotal + delivery and tax_amount is the VAT it contains', async () => {
    await inRolledBackTransaction(async (tx) => {
      const current = await loadShopSettings(tx);
      await saveShopSettings(tx, { input: withVat(current.settings, true), expectedVersion: current.version, adminId: admin.id });
      const placed = await place(tx);
      if (!placed.ok) throw new Error(JSON.stringify(placed.error));
      const [order] = await tx.select().from(orders).where(eq(orders.id, placed.value.id));
      // ₦10,000 + ₦2,500 delivery = ₦12,500, of which 7.5/107.5 is VAT.
      expect(order).toMatchObject({ subtotalAmount: 1_000_000, shippingAmount: 250_000, taxAmount: 87_209, taxAddedAmount: 0, totalAmount: 1_250_000 });
      expect(order?.settingsSnapshot?.vat).toEqual({ rateBasisPoints: 750, pricesIncludeVat: true });
    });
  });

  it('prices excluding VAT: 7.5 % is added on top and the total says so (the CHECK total = subtotal + shipping + tax added holds)', async () => {
    await inRolledBackTransaction(async (tx) => {
      const current = await loadShopSettings(tx);
      await saveShopSettings(tx, { input: withVat(current.settings, false), expectedVersion: current.version, adminId: admin.id });
      const placed = await place(tx);
      if (!placed.ok) throw new Error(JSON.stringify(placed.error));
      expect(placed.value).toMatchObject({
        subtotalAmount: 1_000_000,
        shippingAmount: 250_000,
        taxAmount: 93_750,
        taxAddedAmount: 93_750,
        totalAmount: 1_343_750,
      });
      const [order] = await tx.select().from(orders).where(eq(orders.id, placed.value.id));
      expect(order?.settingsSnapshot?.vat).toEqual({ rateBasisPoints: 750, pricesIncludeVat: false });
    });
  });
});

describe('an order placed before a settings change', () => {
  it('keeps its shop details, delivery words and VAT on its invoice and its confirmation email', async () => {
    const email = uniqueEmail('snapshot');
    const { order } = await paidOrder(db, { email, quantity: 1, priceAmount: 1_000_000, deliveryOption: 'standard' });
    const invoice = await allocateInvoice(db, order.id);
    if (!invoice.ok) throw new Error('no invoice');
    const soldUnder = order.settingsSnapshot!;
    expect(soldUnder.shop).toMatchObject({ name: defaultShopSettings.name, phone: defaultShopSettings.contactPhone, email: defaultShopSettings.contactEmail });

    await inRolledBackTransaction(async (tx) => {
      const current = await loadShopSettings(tx);
      const lagos = current.settings.delivery.zones[0]!;
      await saveShopSettings(tx, {
        input: {
          ...withVat(current.settings, false),
          name: 'Renamed Shop Ltd',
          contactEmail: 'new-desk@renamed.test',
          contactPhone: '+234 700 000 0000',
          delivery: { zones: [{ ...lagos, standardDescription: 'Whenever we can', standardFee: 990_000 }, ...current.settings.delivery.zones.slice(1)] },
        },
        expectedVersion: current.version,
        adminId: admin.id,
      });
      expect((await loadShopSettings(tx)).settings.name).toBe('Renamed Shop Ltd');

      const document = await loadInvoiceDocument(tx, order.id);
      expect(document?.shop).toMatchObject({ name: soldUnder.shop.name, email: soldUnder.shop.email, phone: soldUnder.shop.phone });
      expect(document?.order).toMatchObject({
        deliveryLabel: 'Standard delivery',
        shippingAmount: 250_000,
        tax: { amount: 87_209, addedAmount: 0, rateBasisPoints: 750, pricesIncludeVat: true },
      });
      const text = await pdfText((await invoiceForOrder(tx, order.id))!.pdf);
      expect(text).toContain(defaultShopSettings.contactPhone);
      expect(text).toContain(defaultShopSettings.contactEmail);
      expect(text).not.toContain('Renamed Shop Ltd');
      expect(text).not.toContain('shop@example.com');
      expect(text).toMatch(/Includes VAT at 7\.5%\s+₦872\.09/);

      const sent = await sendOrderConfirmation({ db: tx, mailer, siteUrl: 'https://shop.example.test', orderAccessSecret: env().NEXTAUTH_SECRET }, order.id);
      expect(sent).toMatchObject({ status: 'sent' });
    });

    const [mail] = await mailTo(email, 1);
    expect(mail!.subject).toBe(`Order ${order.number} confirmed – ${defaultShopSettings.name}`);
    expect(mail!.text).toContain('Standard delivery: 1–2 working days');
    expect(mail!.text).toContain(defaultShopSettings.contactPhone);
    expect(mail!.text).toContain('Includes VAT at 7.5%');
    expect(mail!.text).not.toContain('Renamed Shop Ltd');
    expect(mail!.text).not.toContain('Whenever we can');
  });
});
