// GET|POST /api/auth/* – next-auth (CSRF, credentials sign-in, session, sign-out); a sign-in also rotates the cart cookie
import NextAuth from 'next-auth';
import { NextResponse, type NextRequest } from 'next/server';
import { authOptions } from '@/lib/server/doors/auth-options';
import { cartSessionCookie, newCartSessionId } from '@/lib/server/doors/cart-session';

type Context = { params: Promise<{ nextauth: string[] }> };

const handler = NextAuth(authOptions) as (request: NextRequest, context: Context) => Promise<Response>;

// Session cookie names: `__Secure-` on https, chunked as `.0`, `.1`… when large. A sign-out writes it empty.
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?=[^;]/;

function setsSessionCookie(response: Response): boolean {
  return response.headers.getSetCookie().some((cookie) => SESSION_COOKIE.test(cookie));
}

export function GET(request: NextRequest, context: Context) {
  return handler(request, context);
}

export async function POST(request: NextRequest, context: Context) {
  const response = await handler(request, context);
  const [action, provider] = (await context.params).nextauth;
  if (action !== 'callback' || provider !== 'credentials' || !setsSessionCookie(response)) return response;

  // Signed in: the guest cart was merged inside authorize, so the old cart session id must not be reused
  // (it would be a fixation handle and could resurrect the consumed guest cart).
  const rotated = new NextResponse(response.body, { status: response.status, headers: response.headers });
  const cookie = cartSessionCookie(newCartSessionId());
  rotated.cookies.set(cookie.name, cookie.value, cookie.options);
  return rotated;
}
