// Internal notes on an order or a customer, for every door (the admin order and customer pages' actions, the JSON
// route). One transaction each: the admin is re-checked against the database, the note is written with its audit
// entry (the body too: the audit log is the record of who wrote what). Notes are admin-only: nothing a shopper can
// reach selects from these tables.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { customerNotes, NOTE_MAX_LENGTH, orderNotes, orders, users } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { err, ok, type Result } from '../core/result';
import { describeInputError } from '../errors';

export const noteBodySchema = z
  .string({ error: 'Write the note' })
  .trim()
  .min(1, 'Write the note')
  .max(NOTE_MAX_LENGTH, `Keep a note under ${NOTE_MAX_LENGTH.toLocaleString('en-NG')} characters`);

export const orderNoteInputSchema = z.object({ orderId: z.uuid(), body: noteBodySchema });
export const customerNoteInputSchema = z.object({ email: z.email().transform((value) => value.toLowerCase()), body: noteBodySchema });

export interface NoteView {
  id: string;
  body: string;
  authorId: string | null;
  authorName: string | null;
  createdAt: string;
}

export type NoteError = { code: 'forbidden' } | { code: 'order_not_found' } | { code: 'invalid_input'; message: string };

async function isAdmin(tx: Pick<Database, 'select'>, userId: string): Promise<boolean> {
  const [user] = await tx.select({ role: users.role }).from(users).where(eq(users.id, userId));
  return user?.role === 'admin';
}

export async function addOrderNote(db: Database, input: { orderId: string; body: unknown; adminId: string }): Promise<Result<NoteView, NoteError>> {
  const parsed = orderNoteInputSchema.safeParse({ orderId: input.orderId, body: input.body });
  if (!parsed.success) return err({ code: 'invalid_input', message: describeInputError(parsed.error) });
  return db.transaction(async (tx): Promise<Result<NoteView, NoteError>> => {
    if (!(await isAdmin(tx, input.adminId))) return err({ code: 'forbidden' });
    const [order] = await tx.select({ id: orders.id }).from(orders).where(eq(orders.id, parsed.data.orderId));
    if (!order) return err({ code: 'order_not_found' });
    const [note] = await tx.insert(orderNotes).values({ orderId: order.id, authorId: input.adminId, body: parsed.data.body }).returning();
    if (!note) throw new Error('order note insert returned no row');
    await recordAudit(tx, {
      actor: { type: 'admin', id: input.adminId },
      action: 'order.note_added',
      entityType: 'order',
      entityId: order.id,
      after: { note: note.body },
      metadata: { noteId: note.id },
    });
    return ok(await viewOf(tx, note));
  });
}

export async function addCustomerNote(db: Database, input: { email: unknown; body: unknown; adminId: string }): Promise<Result<NoteView, NoteError>> {
  const parsed = customerNoteInputSchema.safeParse({ email: input.email, body: input.body });
  if (!parsed.success) return err({ code: 'invalid_input', message: describeInputError(parsed.error) });
  return db.transaction(async (tx): Promise<Result<NoteView, NoteError>> => {
    if (!(await isAdmin(tx, input.adminId))) return err({ code: 'forbidden' });
    const [note] = await tx.insert(customerNotes).values({ customerEmail: parsed.data.email, authorId: input.adminId, body: parsed.data.body }).returning();
    if (!note) throw new Error('customer note insert returned no row');
    await recordAudit(tx, {
      actor: { type: 'admin', id: input.adminId },
      action: 'customer.note_added',
      entityType: 'customer',
      entityId: parsed.data.email,
      after: { note: note.body },
      metadata: { noteId: note.id },
    });
    return ok(await viewOf(tx, note));
  });
}

async function viewOf(tx: Pick<Database, 'select'>, note: { id: string; body: string; authorId: string | null; createdAt: Date }): Promise<NoteView> {
  const [author] = note.authorId ? await tx.select({ name: users.name }).from(users).where(eq(users.id, note.authorId)) : [];
  return { id: note.id, body: note.body, authorId: note.authorId, authorName: author?.name ?? null, createdAt: note.createdAt.toISOString() };
}
