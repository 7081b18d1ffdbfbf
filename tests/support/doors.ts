// Runs real route handlers and server actions with chosen stand-ins for what a live Next request would supply (the
// signed-in user from next-auth's cookie, which needs a request) or for a Redis that is down — through the doors'
// own dependency seam (lib/server/deps/door-deps.ts), not by mocking modules.
import type { CookieJar, DoorDeps, SessionUser } from '@/lib/server/deps/door-deps';
import { withDoorDeps } from '@/lib/server/deps/door-deps';

/** Stand-ins read at call time, so a test can change who is signed in between calls. */
export type StandIns = () => Partial<DoorDeps>;

export function signedInAs(user: SessionUser | null): Partial<DoorDeps> {
  return { currentUser: async () => user, roleNow: async (id) => (user && user.id === id ? user.role : null) };
}

export function through<Args extends unknown[], R>(handler: (...args: Args) => Promise<R>, standIns: StandIns): (...args: Args) => Promise<R> {
  return (...args) => withDoorDeps(standIns(), () => handler(...args));
}

/**
 * A browser's cookie jar for actions that read or set cookies (next/headers needs a live request): what the action
 * sets is kept, so the next call in the same "browser" sends it back. Path and expiry are recorded, not enforced.
 */
export function memoryCookieJar(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  const jar: CookieJar = {
    get: (name) => (values.has(name) ? { value: values.get(name) ?? '' } : undefined),
    set: (name, value) => void values.set(name, value),
    delete: ({ name }) => void values.delete(name),
  };
  return { jar, values, deps: { cookieJar: async () => jar } satisfies Partial<DoorDeps> };
}
