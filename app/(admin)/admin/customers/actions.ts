'use server';
// The customer pages' internal note (an account's page and a guest's), through the admin door: the role is re-read from
// the database before the input is parsed; the note is keyed by the email the customer buys with and audited. Never
// shown to the shopper.
import { addCustomerNote, customerNoteInputSchema, type NoteView } from '@/lib/notes/admin-notes';
import { adminAction } from '@/lib/server/doors/actions';
import { noteFailure } from '@/lib/server/deps/notes';

export const addCustomerNoteAction = adminAction.inputSchema(customerNoteInputSchema).action(async ({ parsedInput, ctx }): Promise<{ note: NoteView }> => {
  const result = await addCustomerNote(ctx.deps.db, { ...parsedInput, adminId: ctx.admin.id });
  if (!result.ok) throw noteFailure(result.error);
  return { note: result.value };
});
