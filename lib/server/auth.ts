// Who is signed in, for server components, actions and route handlers. Every protected page, action and route calls
// requireUser()/requireAdmin() itself; proxy.ts only saves anonymous visitors a round trip.
import 'server-only';
import { eq } from 'drizzle-orm';
import { getServerSession } from 'next-auth/next';
import { redirect } from 'next/navigation';
import { db } from '@/db';
import { users } from '@/db/schema';
import type { UserRole } from '@/lib/auth/types';
import { authOptions } from './auth-options';

export type SessionUser = { id: string; email: string; name: string; role: 'customer' | 'admin' };

export type AuthErrorCode = 'unauthenticated' | 'forbidden';

export class AuthError extends Error {
  override name = 'AuthError';
  constructor(readonly code: AuthErrorCode) {
    super(code === 'unauthenticated' ? 'Sign in to continue.' : 'You do not have access to this.');
  }
}

const ROLES: readonly UserRole[] = ['customer', 'admin'];

/**
 * The signed-in user, or null. Identity and role come from the signed, encrypted session JWT that sign-in wrote from
 * the database; nothing the browser sends can change them.
 */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const user = session?.user;
  if (!user?.id || !user.email || !ROLES.includes(user.role)) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AuthError('unauthenticated');
  return user;
}

/**
 * The token's role is what sign-in read, up to the session's lifetime ago. Admin power is checked against the
 * database as it is now, so a demoted or deleted admin loses it at once (one primary-key read per admin request).
 */
async function isAdminNow(userId: string): Promise<boolean> {
  const [row] = await db.select({ role: users.role }).from(users).where(eq(users.id, userId));
  return row?.role === 'admin';
}

export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== 'admin' || !(await isAdminNow(user.id))) throw new AuthError('forbidden');
  return user;
}

/** For route handlers: an AuthError becomes an honest 401/403 JSON reply; anything else is rethrown. */
export function authErrorResponse(error: unknown): Response {
  if (!(error instanceof AuthError)) throw error;
  return Response.json({ error: { code: error.code, message: error.message } }, { status: error.code === 'unauthenticated' ? 401 : 403 });
}

/**
 * Runs a route handler body as any signed-in user ('user') or an admin ('admin'), answering 401/403 itself:
 * `return withUser('admin', async (admin) => Response.json(...))`.
 */
export async function withUser(needs: 'user' | 'admin', handler: (user: SessionUser) => Promise<Response>): Promise<Response> {
  let user: SessionUser;
  try {
    user = needs === 'admin' ? await requireAdmin() : await requireUser();
  } catch (error) {
    return authErrorResponse(error);
  }
  return handler(user);
}

/**
 * For server components: the signed-in user, or a redirect — anonymous to sign-in (coming back to `returnTo`),
 * a customer on an admin page to /forbidden. Pages call this themselves even though proxy.ts gates the same paths.
 */
export async function userForPage(needs: 'user' | 'admin', returnTo: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?${new URLSearchParams({ callbackUrl: returnTo })}`);
  if (needs === 'admin' && (user.role !== 'admin' || !(await isAdminNow(user.id)))) redirect('/forbidden');
  return user;
}
