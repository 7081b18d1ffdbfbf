// Use cases of a shopper's own profile: read it, and change the name and phone. The email is not editable here (it is
// the sign-in and the address orders are joined by; changing it would need the new address proven first).
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import { users } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { err, ok, type Result } from '../core/result';
import { nigerianPhoneSchema } from '../checkout/checkout-input';

export const profileInputSchema = z.object({
  name: z.string({ error: 'Enter your name.' }).trim().min(1, 'Enter your name.').max(100, 'Use at most 100 characters.'),
  // Optional: an empty field clears it.
  phone: z
    .string()
    .trim()
    .max(30, 'Enter a Nigerian phone number, e.g. 0803 123 4567')
    .transform((value) => value.replace(/[\s-]/g, ''))
    .pipe(z.union([z.literal(''), nigerianPhoneSchema]))
    .transform((value) => value || null)
    .optional(),
});

export type ProfileInput = z.infer<typeof profileInputSchema>;

export interface Profile {
  email: string;
  name: string;
  phone: string | null;
}

export async function getProfile(db: DbOrTx, userId: string): Promise<Profile | null> {
  const [row] = await db.select({ email: users.email, name: users.name, phone: users.phone }).from(users).where(eq(users.id, userId));
  return row ?? null;
}

/** Changes what was sent (an absent phone stays as it is); audited with before and after. */
export async function updateProfile(db: DbOrTx, userId: string, input: ProfileInput): Promise<Result<Profile, { code: 'not_found' }>> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ email: users.email, name: users.name, phone: users.phone }).from(users).where(eq(users.id, userId)).for('update');
    if (!before) return err({ code: 'not_found' as const });
    const next = { name: input.name, phone: input.phone === undefined ? before.phone : input.phone };
    if (next.name === before.name && next.phone === before.phone) return ok(before);
    await tx.update(users).set(next).where(eq(users.id, userId));
    await recordAudit(tx, {
      actor: { type: 'user', id: userId },
      action: 'user.profile_updated',
      entityType: 'user',
      entityId: userId,
      before: { name: before.name, phone: before.phone },
      after: next,
    });
    return ok({ email: before.email, ...next });
  });
}
