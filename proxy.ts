// Runs before every page: sets the per-request Content-Security-Policy (a fresh nonce Next puts on its own scripts, or
// the fixed placeholder the nginx front replaces per response), marks the catalogue pages the front may cache,
// and is a cheap session gate for /account and /admin that saves anonymous visitors and customers a render. The gate
// is a convenience, not the lock — every protected page, action and route checks the session itself.
import { getToken, type JWT } from 'next-auth/jwt';
import { type NextRequest, NextResponse } from 'next/server';
import { env } from '@/lib/core/env';
import { CATALOGUE_CACHE_HEADER, contentSecurityPolicy, cspOptionsFromEnv, isCacheableCataloguePage, requestNonce } from '@/lib/server/doors/security-headers';

function gate(request: NextRequest, token: JWT | null): { redirect: URL } | null {
  const { pathname, search } = request.nextUrl;
  if (!pathname.startsWith('/account') && !pathname.startsWith('/admin')) return null;
  if (!token?.id) {
    const signIn = new URL('/sign-in', request.url);
    // Only the path and query: a full URL would carry this request's host, which may not be the cookie's.
    signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
    return { redirect: signIn };
  }
  // A signed-in customer on an admin page goes on to the page, whose own check answers a real 403 (forbidden()).
  return null;
}

export async function proxy(request: NextRequest) {
  const config = env();
  const needsSession = request.nextUrl.pathname.startsWith('/account') || request.nextUrl.pathname.startsWith('/admin');
  const decision = gate(request, needsSession ? await getToken({ req: request, secret: config.NEXTAUTH_SECRET }) : null);
  if (decision && 'redirect' in decision) return NextResponse.redirect(decision.redirect);

  const nonce = requestNonce(config);
  const policy = contentSecurityPolicy(cspOptionsFromEnv(config, nonce));
  // Next reads the nonce from the request's CSP header and puts it on every script it renders.
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  // The front caches only what the app marks (for a few seconds, whatever the cookies): the catalogue pages, which read
  // no session, cart or cookie on the server. Error answers (404, 500) are never stored: the front caches 200s only.
  if (isCacheableCataloguePage(request.method, request.nextUrl)) response.headers.set(CATALOGUE_CACHE_HEADER, 'catalogue');
  return response;
}

export const config = {
  // Pages only: API routes answer JSON (their static headers come from next.config.ts), and assets need no nonce —
  // the seed's images under /products/*.svg are files, but /products/<slug> is a page and must carry the policy.
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|favicon.ico|products/[^/]+\\.svg|uploads/|robots.txt|sitemap.xml).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
