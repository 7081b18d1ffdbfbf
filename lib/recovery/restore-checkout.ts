// Puts an expired order's lines back in a shopper's cart from the recovery email's link. The link is checked
// (signature, then expiry), the order must still be unpaid, and the link's single use is claimed in ONE statement
// (`… SET restored_at = now() WHERE restored_at IS NULL`): of two clicks racing, exactly one gets the row back. Each
// line then goes through the ordinary add-to-cart use case, so it is clamped to what is available now, with notices.
import { asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { checkoutRecoveries, orderItems, orders } from '../../db/schema';
import { addToCart } from '../cart/add-to-cart';
import type { CartDeps } from '../cart/cart-store';
import type { CartOwner } from '../cart/types';
import { err, ok, type Result } from '../core/result';
import { PURCHASED_ORDER_STATUSES } from './recovery-eligibility';
import { verifyRestoreToken } from './recovery-links';
import { lineTitle } from '../products/variant-title';

export interface RestoreDeps extends CartDeps {
  db: Database;
  /** NEXTAUTH_SECRET: the restore link was signed with it. */
  secret: string;
  now?: () => Date;
}

export type RestoreRefusal = 'invalid' | 'expired' | 'already_used' | 'order_completed';

export interface RestorePreview {
  orderId: string;
  orderNumber: string;
  expiresAt: Date;
  lines: Array<{ variantId: string; title: string; variantTitle: string; quantity: number }>;
}

export type RestoreNotice =
  | { kind: 'clamped'; title: string; requested: number; allowed: number }
  | { kind: 'sold_out'; title: string }
  | { kind: 'discontinued'; title: string }
  | { kind: 'not_added'; title: string };

const displayTitle = (line: { title: string; variantTitle: string }) => lineTitle(line.title, line.variantTitle);

/** What the restore page shows before the shopper confirms: read-only, so opening the link changes nothing. */
export async function previewRestore(deps: Pick<RestoreDeps, 'db' | 'secret' | 'now'>, token: unknown): Promise<Result<RestorePreview, RestoreRefusal>> {
  const checked = verifyRestoreToken(deps.secret, token, deps.now?.());
  if (!checked.ok) return err(checked.reason);
  const [order] = await deps.db
    .select({ number: orders.number, status: orders.status, restoredAt: checkoutRecoveries.restoredAt })
    .from(orders)
    .leftJoin(checkoutRecoveries, eq(checkoutRecoveries.orderId, orders.id))
    .where(eq(orders.id, checked.orderId));
  // A valid signature for an order that no longer exists: nothing to restore, and nothing worth explaining.
  if (!order) return err('invalid');
  if ((PURCHASED_ORDER_STATUSES as readonly string[]).includes(order.status)) return err('order_completed');
  if (order.restoredAt) return err('already_used');
  const lines = await deps.db
    .select({ variantId: orderItems.variantId, title: orderItems.productTitle, variantTitle: orderItems.variantTitle, quantity: orderItems.quantity })
    .from(orderItems)
    .where(eq(orderItems.orderId, checked.orderId))
    .orderBy(asc(orderItems.productTitle), asc(orderItems.variantTitle));
  return ok({ orderId: checked.orderId, orderNumber: order.number, expiresAt: checked.expiresAt, lines });
}

export interface RestoreOutcome {
  orderNumber: string;
  /** Lines that went into the cart (possibly fewer units than ordered; see notices). */
  restored: number;
  notices: RestoreNotice[];
}

export async function restoreCheckout(
  deps: RestoreDeps,
  owner: CartOwner,
  token: unknown,
): Promise<Result<RestoreOutcome, RestoreRefusal | 'cart_unavailable'>> {
  const preview = await previewRestore(deps, token);
  if (!preview.ok) return preview;
  const { orderId, orderNumber, lines } = preview.value;

  const [claimed] = await deps.db
    .insert(checkoutRecoveries)
    .values({ orderId, restoredAt: sql`now()` })
    .onConflictDoUpdate({ target: checkoutRecoveries.orderId, set: { restoredAt: sql`now()` }, setWhere: isNull(checkoutRecoveries.restoredAt) })
    .returning({ restoredAt: checkoutRecoveries.restoredAt });
  if (!claimed?.restoredAt) return err('already_used');

  const notices: RestoreNotice[] = [];
  let restored = 0;
  try {
    for (const line of lines) {
      const added = await addToCart(deps, owner, { variantId: line.variantId, quantity: line.quantity });
      if (added.ok) {
        restored += 1;
        for (const notice of added.value.notices) {
          if (notice.kind === 'clamped') notices.push({ kind: 'clamped', title: displayTitle(line), requested: line.quantity, allowed: notice.allowed });
        }
      } else if (added.error.code === 'out_of_stock') notices.push({ kind: 'sold_out', title: displayTitle(line) });
      else if (added.error.code === 'variant_not_found') notices.push({ kind: 'discontinued', title: displayTitle(line) });
      else if (added.error.code === 'cart_unavailable' && restored === 0) throw new CartDown();
      else notices.push({ kind: 'not_added', title: displayTitle(line) });
    }
  } catch (error) {
    // Nothing reached the cart (the cart store is down, or a bug): give the link back so the shopper can try again.
    if (restored === 0) await releaseClaim(deps.db, orderId);
    if (error instanceof CartDown) return err('cart_unavailable');
    throw error;
  }
  return ok({ orderNumber, restored, notices });
}

class CartDown extends Error {}

/** Only the claim's holder gets here, and nobody else can claim a row whose restored_at is set: no condition needed. */
async function releaseClaim(db: Database, orderId: string): Promise<void> {
  await db.update(checkoutRecoveries).set({ restoredAt: null }).where(eq(checkoutRecoveries.orderId, orderId));
}
