// The setup project: signs a customer and an admin in through the real form once per run and saves each browser's
// state, so the specs that need a signed-in user start signed in (test.use({ storageState })) instead of each
// driving the form. The accounts are fresh (verified customer; the admin promoted in the database), so a spec that
// signs the demo accounts out, or a sign-in limit another spec trips, cannot end these sessions.
import { randomUUID } from 'node:crypto';
import { test as setup } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import { verifiedCustomer } from '../support/accounts';
import { testDatabase } from '../support/db';
import { clearSignInLimitsForLocalhost, type E2eAccount, type SignedInRole, saveAccount, signIn, storageStateOf } from './auth-helpers';

const accounts: Record<SignedInRole, Omit<E2eAccount, 'email'>> = {
  customer: { name: 'Chidi Customer', password: 'Lagos-Shopper-2026' },
  admin: { name: 'Adaeze Admin', password: 'Lagos-Console-2026' },
};

setup('sign in a customer and an admin once', async ({ browser }) => {
  const { db, sql } = testDatabase();
  try {
    await clearSignInLimitsForLocalhost();
    for (const role of ['customer', 'admin'] as const) {
      const account = { ...accounts[role], email: `e2e-${role}-${randomUUID().slice(0, 8)}@example.test` };
      await verifiedCustomer(db, account);
      saveAccount(role, account);
      if (role === 'admin') await db.update(users).set({ role: 'admin' }).where(eq(users.email, account.email));
      const context = await browser.newContext();
      await signIn(await context.newPage(), account);
      await context.storageState({ path: storageStateOf(role) });
      await context.close();
    }
  } finally {
    await sql.end();
  }
});
