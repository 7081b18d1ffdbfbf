// Cheap session gate for /account and /admin: saves anonymous visitors and customers a render. It is a convenience,
// not the lock — every protected page, action and route checks the session itself (lib/server/auth.ts).
import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/env';

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const token = await getToken({ req: request, secret: env().NEXTAUTH_SECRET });

  if (!token?.id) {
    const signIn = new URL('/sign-in', request.url);
    // Only the path and query: a full URL would carry this request's host, which may not be the cookie's.
    signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }

  // A signed-in customer on an admin page goes on to the page, whose own check answers a real 403 (forbidden()).

  return NextResponse.next();
}

export const config = {
  matcher: ['/account/:path*', '/admin/:path*'],
};
