'use server';
// The admin order page's internal note, through the admin door: the role is re-read from the database before the input
// is parsed, and the notes use case writes the note with its audit entry. Never shown to the shopper.
import { addOrderNote, type NoteView, orderNoteInputSchema } from '@/lib/notes/admin-notes';
import { adminAction } from '@/lib/server/doors/actions';
import { noteFailure } from '@/lib/server/deps/notes';

export const addOrderNoteAction = adminAction.inputSchema(orderNoteInputSchema).action(async ({ parsedInput, ctx }): Promise<{ note: NoteView }> => {
  const result = await addOrderNote(ctx.deps.db, { ...parsedInput, adminId: ctx.admin.id });
  if (!result.ok) throw noteFailure(result.error);
  return { note: result.value };
});
