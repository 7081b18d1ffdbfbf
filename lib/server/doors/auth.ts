// Who is signed in, for server components, actions and route handlers. The doors (lib/server/doors/route.ts, lib/server/
// actions.ts) check it for every route and action; protected pages call userForPage() themselves; proxy.ts only saves
// anonymous visitors a round trip.
import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { AppError } from '@/lib/errors';
import { doorDeps, type SessionUser } from '../deps/door-deps';

export type { SessionUser } from '../deps/door-deps';

/** The signed-in user, or null. Nothing the browser sends can change identity or role: both come from sign-in. */
export function getCurrentUser(): Promise<SessionUser | null> {
  return doorDeps().currentUser();
}

/**
 * The token's role is what sign-in read, up to the session's lifetime ago. Admin power is checked against the
 * database as it is now, so a demoted or deleted admin loses it at once (one primary-key read per admin request).
 */
export async function isAdminNow(user: SessionUser): Promise<boolean> {
  return user.role === 'admin' && (await doorDeps().roleNow(user.id)) === 'admin';
}

/** The user a door needs, or an AppError the door answers as 401/403. */
export async function requireAudience(needs: 'user' | 'admin'): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError('unauthenticated');
  if (needs === 'admin' && !(await isAdminNow(user))) throw new AppError('forbidden');
  return user;
}

/**
 * For server components: the signed-in user, or a redirect — anonymous to sign-in (coming back to `returnTo`),
 * a customer on an admin page gets a real 403 (forbidden(), rendered by app/forbidden.tsx). Pages call this themselves even though proxy.ts gates the same paths.
 */
export async function userForPage(needs: 'user' | 'admin', returnTo: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?${new URLSearchParams({ callbackUrl: returnTo })}`);
  if (needs === 'admin' && !(await isAdminNow(user))) forbidden();
  return user;
}
