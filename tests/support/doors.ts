// Runs real route handlers and server actions with chosen stand-ins for what a live Next request would supply (the
// signed-in user from next-auth's cookie, which needs a request) or for a Redis that is down — through the doors'
// own dependency seam (lib/server/deps/door-deps.ts), not by mocking modules.
import type { DoorDeps, SessionUser } from '@/lib/server/deps/door-deps';
import { withDoorDeps } from '@/lib/server/deps/door-deps';

/** Stand-ins read at call time, so a test can change who is signed in between calls. */
export type StandIns = () => Partial<DoorDeps>;

export function signedInAs(user: SessionUser | null): Partial<DoorDeps> {
  return { currentUser: async () => user, roleNow: async (id) => (user && user.id === id ? user.role : null) };
}

export function through<Args extends unknown[], R>(handler: (...args: Args) => Promise<R>, standIns: StandIns): (...args: Args) => Promise<R> {
  return (...args) => withDoorDeps(standIns(), () => handler(...args));
}
