// Use cases of a shopper's saved delivery addresses: list, add, edit, delete and choose the default (which prefills
// checkout). Every statement is scoped to the owner — an address id alone finds nothing — and every change takes a
// lock on the owner's user row first, so two tabs changing the default at once end with exactly one default (the
// partial unique index addresses_one_default_per_user backs it up).
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Tx } from '../../db/client';
import { type AddressRow, addresses, users } from '../../db/schema';
import { recordAudit } from '../audit/record-audit';
import { err, ok, type Result } from '../core/result';
import { shippingAddressSchema } from '../checkout/checkout-input';

/** Plenty for home, office and family; a list longer than this is a script, not a shopper. */
export const MAX_SAVED_ADDRESSES = 10;

export const savedAddressInputSchema = shippingAddressSchema.extend({
  label: z
    .string()
    .trim()
    .max(40, 'Use at most 40 characters.')
    .transform((value) => value || undefined)
    .optional(),
  isDefault: z.boolean().optional(),
});

export type SavedAddressInput = z.infer<typeof savedAddressInputSchema>;

/** What the account pages, the checkout and the Store API show of an address. */
export interface SavedAddress {
  id: string;
  label: string | null;
  fullName: string;
  phone: string;
  line1: string;
  line2: string | null;
  city: string;
  state: string;
  postalCode: string | null;
  country: 'NG';
  isDefault: boolean;
}

export type AddressError = { code: 'address_not_found' } | { code: 'too_many_addresses' };

function view(row: AddressRow): SavedAddress {
  const { id, label, fullName, phone, line1, line2, city, state, postalCode, isDefault } = row;
  return { id, label, fullName, phone, line1, line2, city, state, postalCode, country: 'NG', isDefault };
}

const columnsOf = (input: SavedAddressInput) => ({
  label: input.label ?? null,
  fullName: input.fullName,
  phone: input.phone,
  line1: input.line1,
  line2: input.line2 ?? null,
  city: input.city,
  state: input.state,
  postalCode: input.postalCode ?? null,
  country: 'NG',
});

/** The owner's addresses, the default first, then newest first. */
export async function listAddresses(db: Database | Tx, userId: string): Promise<SavedAddress[]> {
  const rows = await db
    .select()
    .from(addresses)
    .where(eq(addresses.userId, userId))
    .orderBy(desc(addresses.isDefault), desc(addresses.createdAt), asc(addresses.id));
  return rows.map(view);
}

async function lockOwner(tx: Tx, userId: string): Promise<void> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('update');
}

async function clearDefault(tx: Tx, userId: string, except?: string): Promise<void> {
  await tx
    .update(addresses)
    .set({ isDefault: false })
    .where(and(eq(addresses.userId, userId), eq(addresses.isDefault, true), except ? ne(addresses.id, except) : undefined));
}

const audit = (tx: Tx, userId: string, action: string, addressId: string) =>
  // The address itself stays out of the audit trail (it is personal data the account can delete); its id is enough.
  recordAudit(tx, { actor: { type: 'user', id: userId }, action, entityType: 'user', entityId: userId, metadata: { addressId } });

/** Adds an address; the first one, or one sent with `isDefault`, becomes the default. */
export async function createAddress(db: Database, userId: string, input: SavedAddressInput): Promise<Result<SavedAddress, AddressError>> {
  return db.transaction(async (tx) => {
    await lockOwner(tx, userId);
    const [{ total }] = (await tx.select({ total: sql<number>`count(*)::int` }).from(addresses).where(eq(addresses.userId, userId))) as [{ total: number }];
    if (total >= MAX_SAVED_ADDRESSES) return err({ code: 'too_many_addresses' as const });
    const isDefault = total === 0 || input.isDefault === true;
    if (isDefault) await clearDefault(tx, userId);
    const [row] = await tx
      .insert(addresses)
      .values({ userId, ...columnsOf(input), isDefault })
      .returning();
    if (!row) throw new Error('address insert returned nothing');
    await audit(tx, userId, 'user.address_added', row.id);
    return ok(view(row));
  });
}

/** Replaces an address's fields; `isDefault: true` makes it the default (false is ignored: choose another instead). */
export async function updateAddress(db: Database, userId: string, addressId: string, input: SavedAddressInput): Promise<Result<SavedAddress, AddressError>> {
  return db.transaction(async (tx) => {
    await lockOwner(tx, userId);
    if (input.isDefault === true) await clearDefault(tx, userId, addressId);
    const [row] = await tx
      .update(addresses)
      .set({ ...columnsOf(input), ...(input.isDefault === true ? { isDefault: true } : {}) })
      .where(and(eq(addresses.id, addressId), eq(addresses.userId, userId)))
      .returning();
    if (!row) return err({ code: 'address_not_found' as const });
    await audit(tx, userId, 'user.address_updated', row.id);
    return ok(view(row));
  });
}

export async function setDefaultAddress(db: Database, userId: string, addressId: string): Promise<Result<SavedAddress, AddressError>> {
  return db.transaction(async (tx) => {
    await lockOwner(tx, userId);
    const [exists] = await tx
      .select({ id: addresses.id })
      .from(addresses)
      .where(and(eq(addresses.id, addressId), eq(addresses.userId, userId)));
    if (!exists) return err({ code: 'address_not_found' as const });
    await clearDefault(tx, userId, addressId);
    const [row] = await tx.update(addresses).set({ isDefault: true }).where(eq(addresses.id, addressId)).returning();
    if (!row) return err({ code: 'address_not_found' as const });
    await audit(tx, userId, 'user.address_default_set', row.id);
    return ok(view(row));
  });
}

/** Deletes an address; when it was the default, the newest remaining one becomes the default. */
export async function deleteAddress(db: Database, userId: string, addressId: string): Promise<Result<{ id: string }, AddressError>> {
  return db.transaction(async (tx) => {
    await lockOwner(tx, userId);
    const [gone] = await tx
      .delete(addresses)
      .where(and(eq(addresses.id, addressId), eq(addresses.userId, userId)))
      .returning({ id: addresses.id, isDefault: addresses.isDefault });
    if (!gone) return err({ code: 'address_not_found' as const });
    if (gone.isDefault) {
      const [next] = await tx
        .select({ id: addresses.id })
        .from(addresses)
        .where(eq(addresses.userId, userId))
        .orderBy(desc(addresses.createdAt), asc(addresses.id))
        .limit(1);
      if (next) await tx.update(addresses).set({ isDefault: true }).where(eq(addresses.id, next.id));
    }
    await audit(tx, userId, 'user.address_deleted', gone.id);
    return ok({ id: gone.id });
  });
}
