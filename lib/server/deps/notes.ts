// Next glue for internal notes, shared by the admin pages' actions and the JSON route: expected failures in the error
// catalogue's terms. Nothing to revalidate after a note: the admin pages are dynamic (rendered per request), and the
// form refreshes the page it is on.
import 'server-only';
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
