// Next glue for internal notes, shared by the admin pages' actions and the JSON route: expected failures in the error
// catalogue's terms, and the pages to render fresh after a note is added.
import 'server-only';
import { revalidatePath } from 'next/cache';
import type { NoteError } from '@/lib/notes/admin-notes';
import { AppError } from '@/lib/errors';

export function noteFailure(error: NoteError): AppError {
  switch (error.code) {
    case 'forbidden':
    case 'order_not_found':
      return new AppError(error.code);
    case 'invalid_input':
      return new AppError('invalid_input', error.message);
  }
}

export function revalidateNotes(path: string): void {
  revalidatePath(path);
}
