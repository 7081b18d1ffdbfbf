// Use case: create a customer account. Registration can never create an admin: the role is not an input.
import type { DbOrTx } from '@/db/client';
import { users } from '@/db/schema';
import { err, ok, type Result } from '@/lib/result';
import { hashPassword } from './passwords';
import { registerSchema } from './schemas';
import type { AuthenticatedUser } from './types';

export type RegisterError = { code: 'invalid_input'; fieldErrors: Partial<Record<'email' | 'name' | 'password', string[]>> } | { code: 'email_taken' };

export interface RegisterDeps {
  db: DbOrTx;
  hash?: (password: string) => Promise<string>;
}

export async function registerUser(deps: RegisterDeps, input: unknown): Promise<Result<AuthenticatedUser, RegisterError>> {
  const parsed = registerSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<'email' | 'name' | 'password', string[]>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === 'email' || field === 'name' || field === 'password') fieldErrors[field] = [...(fieldErrors[field] ?? []), issue.message];
    }
    return err({ code: 'invalid_input', fieldErrors });
  }
  const { email, name, password } = parsed.data;
  const passwordHash = await (deps.hash ?? hashPassword)(password);

  // The unique index on lower(email) decides races between two registrations of the same address:
  // the loser inserts nothing and gets email_taken, never a 500.
  const [row] = await deps.db
    .insert(users)
    .values({ email, name, passwordHash, role: 'customer' })
    .onConflictDoNothing()
    .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
  if (!row) return err({ code: 'email_taken' });
  return ok(row);
}
