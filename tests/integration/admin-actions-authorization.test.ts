// Every admin server action, found on the file system, refuses a signed-in customer's hand-made call (`forbidden`)
// and an anonymous one (`unauthenticated`) before looking at its input — so a new admin action is covered the day it
// is added. Who is calling is stood in through the doors' seam (no live Next request in a test).
import { describe, expect, it } from 'vitest';
import { withDoorDeps } from '@/lib/server/deps/door-deps';
import { adminActionFiles } from '../support/admin-surface';

type AnyAction = (...args: unknown[]) => Promise<{ serverError?: { code: string } } | undefined>;
const caller = (user: { id: string; role: 'customer' | 'admin' } | null) => ({
  currentUser: async () => (user ? { ...user, email: 'someone@example.test', name: 'Someone' } : null),
  roleNow: async () => user?.role ?? null,
  requestHeaders: async () => new Headers(),
});

describe.each(adminActionFiles())('%s', (file) => {
  it('refuses customers and anonymous callers in every exported action', async () => {
    const module = (await import(`../../${file}`)) as Record<string, unknown>;
    const actions = Object.entries(module).filter((entry): entry is [string, AnyAction] => typeof entry[1] === 'function');
    expect(actions.length).toBeGreaterThan(0);
    for (const [name, action] of actions) {
      // Deliberately junk input: the door must answer before the input is parsed.
      const input = { junk: true };
      const byCustomer = await withDoorDeps(caller({ id: '00000000-0000-4000-8000-000000000001', role: 'customer' }), () =>
        action.length >= 2 ? action(undefined, input) : action(input),
      );
      expect(byCustomer?.serverError?.code, `${name} for a customer`).toBe('forbidden');
      const byAnonymous = await withDoorDeps(caller(null), () => (action.length >= 2 ? action(undefined, input) : action(input)));
      expect(byAnonymous?.serverError?.code, `${name} anonymously`).toBe('unauthenticated');
    }
  });
});
