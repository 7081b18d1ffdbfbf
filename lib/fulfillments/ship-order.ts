// The shipping use case, for every door (the admin order page's action, POST /api/admin/orders/:id/fulfillments).
// ONE transaction, no network call in it:
//   1. the admin is re-checked against the database; the order row is locked (the shop's first lock: refunds take it
//      too, so a shipment and a refund that restocks the same line are decided one after the other);
//   2. the same key again finds its fulfillment (same request) or is refused (another request);
//   3. the order must be paid and not wholly refunded; every line must be the order's and fit what it may still ship
//      (sold − shipped − cancelled by refunds) — two admins shipping the same line at once: the second sees the
//      first's shipment and gets `fulfillment_exceeds_remaining`;
//   4. the fulfillment and its lines are written, each line's shipped_quantity grows (a CHECK keeps it ≤ quantity),
//      the order moves paid → partially_fulfilled → fulfilled through its state machine, an audit entry records the
//      parcel, and the shopper's shipping email is queued in the outbox.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { fulfillmentLines, fulfillments, orderItems, orders, users } from '../../db/schema';
import { type AuditActor, recordAudit } from '../audit/record-audit';
import { err, ok, type Result } from '../core/result';
import { describeInputError, fieldErrorsOf } from '../errors';
import { transitionLockedOrder } from '../orders/order-status';
import { enqueue } from '../outbox/enqueue';
import { checkShipLines, fulfillmentFingerprint, fulfillmentInputSchema, type FulfillmentInput, shippingStatusFor } from './fulfillment-rules';
import { type FulfillmentView, loadFulfillment } from './fulfillment-view';
import { loadLineFacts } from './line-facts';

/**
 * Paid and not wholly refunded; a partly refunded order may still ship what was not given back. A fulfilled order is
 * let through to the line check, which answers "nothing left on that line" — what the second of two admins shipping
 * the last units at once should hear.
 */
const SHIPPABLE_ORDER_STATUSES = ['paid', 'partially_fulfilled', 'fulfilled', 'partially_refunded'] as const;

export interface ShipOrderInput {
  orderId: string;
  /** As sent: checked here again (a script is a door too). */
  shipment: unknown;
  adminId: string;
  idempotencyKey: string;
}

export type ShipError =
  | { code: 'forbidden' }
  | { code: 'order_not_found' }
  | { code: 'invalid_input'; message: string; fieldErrors?: Record<string, string[]> }
  | { code: 'unknown_line'; orderItemId: string }
  | { code: 'not_shippable'; status: string }
  | { code: 'fulfillment_exceeds_remaining'; orderItemId: string; requested: number; remaining: number }
  | { code: 'idempotency_key_reused' };

export type Shipped = { fulfillment: FulfillmentView; created: boolean };

export async function shipOrder(db: Database, input: ShipOrderInput): Promise<Result<Shipped, ShipError>> {
  const parsed = fulfillmentInputSchema.safeParse(input.shipment);
  if (!parsed.success) {
    return err({ code: 'invalid_input', message: describeInputError(parsed.error), fieldErrors: fieldErrorsOf(parsed.error) });
  }
  const shipment = parsed.data;
  const fingerprint = fulfillmentFingerprint(input.orderId, shipment);
  const actor: AuditActor = { type: 'admin', id: input.adminId };

  const decided = await db.transaction(async (tx): Promise<Result<{ id: string; created: boolean }, ShipError>> => {
    const [user] = await tx.select({ role: users.role }).from(users).where(eq(users.id, input.adminId));
    if (user?.role !== 'admin') return err({ code: 'forbidden' });
    const [order] = await tx.select({ id: orders.id, status: orders.status }).from(orders).where(eq(orders.id, input.orderId)).for('update');
    if (!order) return err({ code: 'order_not_found' });

    const [existing] = await tx
      .select({ id: fulfillments.id, orderId: fulfillments.orderId, fingerprint: fulfillments.requestFingerprint })
      .from(fulfillments)
      .where(eq(fulfillments.idempotencyKey, input.idempotencyKey));
    if (existing) return existing.fingerprint === fingerprint ? ok({ id: existing.id, created: false }) : err({ code: 'idempotency_key_reused' });

    if (!(SHIPPABLE_ORDER_STATUSES as readonly string[]).includes(order.status)) return err({ code: 'not_shippable', status: order.status });
    const facts = await loadLineFacts(tx, order.id);
    const problem = checkShipLines(shipment.lines, facts);
    if (problem?.kind === 'unknown_line') return err({ code: 'unknown_line', orderItemId: problem.orderItemId });
    if (problem)
      return err({ code: 'fulfillment_exceeds_remaining', orderItemId: problem.orderItemId, requested: problem.requested, remaining: problem.remaining });

    const [{ next } = { next: 1 }] = await tx
      .select({ next: sql<number>`coalesce(max(${fulfillments.sequence}), 0)::int + 1` })
      .from(fulfillments)
      .where(eq(fulfillments.orderId, order.id));
    const [created] = await tx
      .insert(fulfillments)
      .values({
        orderId: order.id,
        sequence: next,
        carrier: shipment.carrier,
        trackingNumber: shipment.trackingNumber,
        trackingUrl: shipment.trackingUrl ?? null,
        idempotencyKey: input.idempotencyKey,
        requestFingerprint: fingerprint,
        createdBy: input.adminId,
      })
      .onConflictDoNothing({ target: fulfillments.idempotencyKey })
      .returning({ id: fulfillments.id });
    if (!created) {
      // The same key on another order, committed meanwhile (each order's lock serialises only its own shipments).
      const [raced] = await tx
        .select({ id: fulfillments.id, fingerprint: fulfillments.requestFingerprint })
        .from(fulfillments)
        .where(eq(fulfillments.idempotencyKey, input.idempotencyKey));
      return raced?.fingerprint === fingerprint ? ok({ id: raced.id, created: false }) : err({ code: 'idempotency_key_reused' });
    }
    await tx
      .insert(fulfillmentLines)
      .values(shipment.lines.map((line) => ({ fulfillmentId: created.id, orderItemId: line.orderItemId, quantity: line.quantity })));
    for (const line of shipment.lines) {
      await tx
        .update(orderItems)
        .set({ shippedQuantity: sql`${orderItems.shippedQuantity} + ${line.quantity}` })
        .where(eq(orderItems.id, line.orderItemId));
    }

    await recordAudit(tx, {
      actor,
      action: 'order.shipped',
      entityType: 'order',
      entityId: order.id,
      after: { fulfillmentId: created.id, sequence: next, carrier: shipment.carrier, trackingNumber: shipment.trackingNumber, lines: shipment.lines },
      metadata: { idempotencyKey: input.idempotencyKey },
    });
    // Once money has gone back, the refund states say more than the shipping ones: the order keeps its status.
    if (order.status === 'paid' || order.status === 'partially_fulfilled') {
      const after = facts.map((fact) => ({
        ...fact,
        shipped: fact.shipped + (shipment.lines.find((line) => line.orderItemId === fact.orderItemId)?.quantity ?? 0),
      }));
      const target = shippingStatusFor(after);
      if (target !== order.status) {
        await transitionLockedOrder(tx, { id: order.id, status: order.status }, target, {
          audit: { actor, before: { status: order.status }, after: { status: target }, metadata: { fulfillmentId: created.id } },
        });
      }
    }
    await enqueue(tx, [{ event: 'order/shipped', payload: { orderId: order.id, fulfillmentId: created.id }, dedupeKey: created.id }]);
    return ok({ id: created.id, created: true });
  });
  if (!decided.ok) return decided;
  const fulfillment = await loadFulfillment(db, decided.value.id);
  if (!fulfillment) throw new Error(`fulfillment ${decided.value.id} was written but cannot be read`);
  if (fulfillment.orderId !== input.orderId) return err({ code: 'idempotency_key_reused' });
  return ok({ fulfillment, created: decided.value.created });
}

export type { FulfillmentInput };
