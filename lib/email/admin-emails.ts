// Emails for the shop's admins: one delivery per admin (each with its own key, so a retry after one address failed
// does not re-send to the others), every admin tried before the first failure is thrown for the job to retry.
import { asc, eq, inArray } from 'drizzle-orm';
import { createElement, type ReactElement } from 'react';
import { productVariants, products, users } from '../../db/schema';
import { currentShopDetails } from '../settings/current-shop';
import { absoluteUrl } from './links';
import type { OrderEmailDeps } from './order-email-deps';
import { type EmailToSend, type SendEmailOutcome, sendEmailOnce } from './send-email';
import { LowStockDigestEmail } from './templates/low-stock-digest';
import { renderEmail } from './templates/render';

export interface Admin {
  id: string;
  email: string;
}

export function listAdmins(deps: Pick<OrderEmailDeps, 'db'>): Promise<Admin[]> {
  return deps.db.select({ id: users.id, email: users.email }).from(users).where(eq(users.role, 'admin')).orderBy(asc(users.email));
}

export async function sendToEachAdmin(
  deps: OrderEmailDeps,
  admins: readonly Admin[],
  element: ReactElement,
  emailFor: (admin: Admin) => Omit<EmailToSend, 'to' | 'html' | 'text'>,
): Promise<Array<{ to: string } & SendEmailOutcome>> {
  const { html, text } = await renderEmail(element);
  const deliveries: Array<{ to: string } & SendEmailOutcome> = [];
  const failures: unknown[] = [];
  for (const admin of admins) {
    try {
      deliveries.push({ to: admin.email, ...(await sendEmailOnce(deps, { ...emailFor(admin), to: admin.email, html, text })) });
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
  return deliveries;
}

/** One digest per sale that took variants to or below their low-stock threshold (`saleId`: the payment). */
export async function sendLowStockDigest(
  deps: OrderEmailDeps,
  input: { variantIds: string[]; saleId: string },
): Promise<{ status: 'sent'; deliveries: Array<{ to: string } & SendEmailOutcome> } | { status: 'skipped'; reason: 'no_admins' | 'no_variants' }> {
  const admins = await listAdmins(deps);
  if (admins.length === 0) return { status: 'skipped', reason: 'no_admins' };
  const variants = await deps.db
    .select({
      id: productVariants.id,
      product: products.title,
      variant: productVariants.title,
      sku: productVariants.sku,
      stockOnHand: productVariants.stockOnHand,
      reserved: productVariants.reserved,
      threshold: productVariants.lowStockThreshold,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(inArray(productVariants.id, input.variantIds))
    .orderBy(asc(products.title), asc(productVariants.title));
  if (variants.length === 0) return { status: 'skipped', reason: 'no_variants' };
  const shop = deps.shop ?? (await currentShopDetails(deps.db));
  const element = createElement(LowStockDigestEmail, {
    shopName: shop.name,
    siteUrl: deps.siteUrl,
    inventoryUrl: absoluteUrl(deps.siteUrl, '/admin/inventory?filter=low-stock'),
    variants: variants.map((row) => ({ ...row, available: row.stockOnHand - row.reserved })),
  });
  const count = variants.length === 1 ? '1 item' : `${variants.length} items`;
  const deliveries = await sendToEachAdmin(deps, admins, element, (admin) => ({
    kind: 'low_stock',
    dedupeKey: `low_stock:${input.saleId}:${admin.id}`,
    subject: `Low stock: ${count} at or below the threshold`,
  }));
  return { status: 'sent', deliveries };
}
