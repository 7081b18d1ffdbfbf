// What a server action built on the doors (lib/server/doors/actions.ts) answered, read on the client: its data, or one
// failure with words a shopper can read — a refusal from the door (`serverError`) or input the schema rejected.
import type { ErrorReply } from '@/lib/errors';

export interface DoorResult<T> {
  data?: T;
  serverError?: ErrorReply;
  validationErrors?: { formErrors: string[]; fieldErrors: Record<string, string[] | undefined> };
}

export function actionFailure<T>(result: DoorResult<T> | undefined): ErrorReply | null {
  if (!result) return { code: 'internal_error', message: 'Something went wrong. Please try again.' };
  if (result.serverError) return result.serverError;
  const invalid = result.validationErrors;
  if (invalid) {
    const [field, messages] = Object.entries(invalid.fieldErrors).find(([, list]) => list?.length) ?? [];
    const message = field && messages?.[0] ? `${field}: ${messages[0]}` : (invalid.formErrors[0] ?? 'Invalid input');
    return { code: 'invalid_input', message };
  }
  return null;
}
