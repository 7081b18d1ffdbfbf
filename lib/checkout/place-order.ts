// Validates the lines against the database, reserves every line and creates the order in ONE transaction: either every
// line is held (15 minutes; 10 for a guest back after an unpaid checkout) or nothing is. A checkout from a client
// first passes the open-order caps (open-orders.ts) in the same transaction.
import { eq, inArray, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client';
import { firstOrThrow } from '../../db/first';
import { inventoryReservations, orderItems, orders, products, productVariants } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { availableStock, reserveStock } from '../inventory/stock';
import { err, ok, type Result } from '../core/result';
import type { CheckoutInput, OrderLineInput } from './checkout-input';
import { loadShopSettings } from '../settings/load-shop-settings';
import { type DeliveryRefusal, resolveDelivery } from '../settings/delivery-offers';
import { orderSettingsSnapshot } from '../settings/order-settings-snapshot';
import { verifiedAccountWithEmail } from '../orders/join-guest-orders';
import { checkOpenOrders, HOLD_MINUTES, isReturningGuest, type TooManyOpenOrders } from './open-orders';
import { applyDiscount, priceOrder, type PricedLine, type PricingProblem } from './price-order';
import type { CurrencyCode } from '../core/money';
import { claimDiscount, type DiscountClaim, recordRedemption } from '../discounts/claim-discount';
import type { DiscountRefusal } from '../discounts/discount-rules';
import { lineTitle } from '../products/variant-title';

export const RESERVATION_MINUTES = HOLD_MINUTES.first;

export interface PlacedOrder {
  id: string;
  number: string;
  email: string;
  /** The verified account this guest order joined at placement (lib/orders/join-guest-orders.ts); null otherwise. */
  joinedUserId: string | null;
  currency: CurrencyCode;
  subtotalAmount: number;
  discountAmount: number;
  discountCode: string | null;
  shippingAmount: number;
  taxAmount: number;
  taxAddedAmount: number;
  totalAmount: number;
  reservedUntil: Date;
}

export interface ShortLine {
  variantId: string;
  title: string;
  requested: number;
  available: number;
}

export type PlaceOrderError =
  | { code: 'invalid_lines'; problems: PricingProblem[] }
  | { code: 'out_of_stock'; lines: ShortLine[] }
  | { code: 'discount_refused'; refusal: DiscountRefusal }
  | TooManyOpenOrders
  /** The settings in force do not offer this delivery option for the address's state (e.g. express to Kano). */
  | DeliveryRefusal;

class OutOfStock extends Error {
  constructor(readonly lines: ShortLine[]) {
    super('out_of_stock');
  }
}

export async function placeOrder(
  deps: { db: Database },
  /** `clientAddress`: where the order comes from; the checkout always passes it, and then the open-order caps apply. */
  input: CheckoutInput & { userId: string | null; lines: OrderLineInput[]; clientAddress?: string },
): Promise<Result<PlacedOrder, PlaceOrderError>> {
  try {
    const placed = await deps.db.transaction(async (tx) => {
      // Independent reads go out together (postgres.js pipelines them on the transaction's connection): one round
      // trip each instead of one per statement. Every statement is a loopback write the app pays for in CPU.
      const guard = input.clientAddress === undefined ? null : { email: input.email, clientAddress: input.clientAddress };
      const [refused, returningGuest, variants, current] = await Promise.all([
        guard ? checkOpenOrders(tx, guard) : null,
        guard && input.userId === null ? isReturningGuest(tx, guard) : false,
        loadVariants(
          tx,
          input.lines.map((line) => line.variantId),
        ),
        // The settings of this moment, read inside the transaction (never a cached copy): they price the order and are
        // copied onto it.
        loadShopSettings(tx),
      ]);
      if (refused) return err(refused);
      const delivery = resolveDelivery(current.settings, input.deliveryOption, input.shippingAddress.state);
      if (!delivery.ok) return err(delivery.error);
      const holdMinutes: number = returningGuest ? HOLD_MINUTES.returningGuest : HOLD_MINUTES.first;
      const priced = priceOrder(input.lines, variants, delivery.value.fee, current.settings.vat);
      if (!priced.ok) return err({ code: 'invalid_lines' as const, problems: priced.error });
      const { lines, subtotal, shipping } = priced.value;

      // The code's row is locked after the open-order locks and before any variant row (the lock order every checkout
      // follows), and decided under that lock: its uses cannot change until this order commits or rolls back.
      let claim: DiscountClaim | null = null;
      if (input.couponCode) {
        const claimed = await claimDiscount(tx, {
          code: input.couponCode,
          subtotal: subtotal.amount,
          shipping: shipping.amount,
          currency: subtotal.currency,
          userId: input.userId,
          email: input.email,
        });
        if (!claimed.ok) return err({ code: 'discount_refused' as const, refusal: claimed.error });
        claim = claimed.value;
      }
      // VAT is worked out on what is left after the discount (lib/checkout/order-totals.ts).
      const { tax, taxAdded, total } = applyDiscount(priced.value, claim?.amount ?? 0, current.settings.vat);

      const short: ShortLine[] = [];
      for (const line of lines) {
        if (!(await reserveStock(tx, line.variantId, line.quantity))) short.push(toShort(line));
      }
      if (short.length > 0) {
        const available = await availableStock(
          tx,
          short.map((line) => line.variantId),
        );
        throw new OutOfStock(short.map((line) => ({ ...line, available: Math.max(0, available.get(line.variantId) ?? 0) })));
      }

      const inserted = await tx
        .insert(orders)
        .values({
          number: sql`'SO-' || nextval('order_number_seq')`,
          userId: input.userId,
          email: input.email,
          // A guest order placed with an address an account has verified joins that account's history.
          joinedUserId: input.userId === null ? verifiedAccountWithEmail(input.email) : null,
          currency: total.currency,
          subtotalAmount: subtotal.amount,
          discountAmount: claim?.amount ?? 0,
          discountCode: claim?.code ?? null,
          shippingAmount: shipping.amount,
          taxAmount: tax.amount,
          taxAddedAmount: taxAdded.amount,
          totalAmount: total.amount,
          deliveryOption: input.deliveryOption,
          shippingAddress: input.shippingAddress,
          settingsSnapshot: orderSettingsSnapshot(current, delivery.value),
          clientAddress: input.clientAddress ?? null,
        })
        .returning();
      const order = firstOrThrow(inserted, 'the new order');
      const [, reservations] = await Promise.all([
        tx.insert(orderItems).values(lines.map((line) => ({ ...line, orderId: order.id }))),
        tx
          .insert(inventoryReservations)
          .values(
            lines.map((line) => ({
              orderId: order.id,
              variantId: line.variantId,
              quantity: line.quantity,
              // The database clock decides expiry, never an app server's.
              reservedUntil: sql`now() + make_interval(mins => ${holdMinutes})`,
            })),
          )
          .returning({
            variantId: inventoryReservations.variantId,
            quantity: inventoryReservations.quantity,
            reservedUntil: inventoryReservations.reservedUntil,
          }),
        recordAudit(tx, {
          actor: input.userId ? { type: 'user', id: input.userId } : { type: 'system', id: `guest:${input.email}` },
          action: 'order.placed',
          entityType: 'order',
          entityId: order.id,
          after: {
            status: order.status,
            totalAmount: order.totalAmount,
            ...(claim ? { discountCode: claim.code, discountAmount: claim.amount } : {}),
            lines: lines.map(({ variantId, quantity }) => ({ variantId, quantity })),
          },
        }),
        claim ? recordRedemption(tx, claim, order.id) : null,
      ]);
      return ok({ order, reservations });
    });
    if (!placed.ok) return err(placed.error);

    const { order, reservations } = placed.value;
    const { reservedUntil } = firstOrThrow(reservations, 'a reservation for the order');
    return ok({
      id: order.id,
      number: order.number,
      email: order.email,
      joinedUserId: order.joinedUserId,
      currency: order.currency,
      subtotalAmount: order.subtotalAmount,
      discountAmount: order.discountAmount,
      discountCode: order.discountCode,
      shippingAmount: order.shippingAmount,
      taxAmount: order.taxAmount,
      taxAddedAmount: order.taxAddedAmount,
      totalAmount: order.totalAmount,
      reservedUntil,
    });
  } catch (error) {
    if (error instanceof OutOfStock) return err({ code: 'out_of_stock', lines: error.lines });
    throw error;
  }
}

function toShort(line: PricedLine): ShortLine {
  return { variantId: line.variantId, title: lineTitle(line.productTitle, line.variantTitle), requested: line.quantity, available: 0 };
}

async function loadVariants(tx: Tx, ids: string[]) {
  return tx
    .select({
      id: productVariants.id,
      sku: productVariants.sku,
      title: productVariants.title,
      priceAmount: productVariants.priceAmount,
      currency: productVariants.currency,
      maxPerOrder: productVariants.maxPerOrder,
      archivedAt: productVariants.archivedAt,
      productTitle: products.title,
      productStatus: products.status,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(inArray(productVariants.id, ids));
}
