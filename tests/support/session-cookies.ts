// Session cookies as next-auth mints and reads them, for tests that drive the doors with a real JWT instead of a
// browser: sign in through the credentials authorize, encode the token the cookie carries, and decode it again the
// way getServerSession does on a later request.
import { randomUUID } from 'node:crypto';
import type { Session } from 'next-auth';
import { decode, encode } from 'next-auth/jwt';
import { env } from '@/lib/core/env';
import type { DoorDeps } from '@/lib/server/deps/door-deps';
import { authOptions, authorizeCredentials } from '@/lib/server/doors/auth-options';

type SignInGuards = Parameters<typeof authorizeCredentials>[2];

/** Signs in through authorize (from a fresh address, with the given guards) and mints the session cookie's JWT. */
export async function signInCookie(email: string, password: string, guards?: SignInGuards): Promise<string> {
  const user = await authorizeCredentials({ email, password }, { 'x-forwarded-for': `browser-${randomUUID()}` }, guards);
  if (!user) throw new Error(`${email} could not sign in`);
  const token = await authOptions.callbacks!.jwt!({ token: {}, user, account: null });
  return encode({ token, secret: env().NEXTAUTH_SECRET });
}

/** What getServerSession makes of that cookie on a later request: decode, the jwt callback, the session callback. */
export const sessionFrom =
  (cookie: string): DoorDeps['session'] =>
  async () => {
    const decoded = await decode({ token: cookie, secret: env().NEXTAUTH_SECRET });
    if (!decoded) return null;
    const token = await authOptions.callbacks!.jwt!({ token: decoded, account: null, user: undefined as never });
    return (await authOptions.callbacks!.session!({ session: { expires: '' }, token } as never)) as Session;
  };
