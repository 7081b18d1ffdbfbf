// Shared edges of the Store API (/api/cart…): JSON replies with honest statuses, the cross-site refusal, body
// parsing and the cookie a first write issues. Every error body is { error: { code, message } } and never a stack.
import 'server-only';
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { describeInputError } from '@/lib/cart/cart-input';
import { cartErrorMessage, cartErrorStatus } from '@/lib/cart/cart-messages';
import type { CartError, CartView } from '@/lib/cart/types';
import type { Result } from '@/lib/result';
import type { CartSessionCookie } from '@/lib/server/cart-session';
import { checkSameOrigin } from '@/lib/server/origin-check';

const NO_STORE = { 'cache-control': 'no-store' };

export function errorReply(status: number, code: string, message: string): NextResponse {
  return NextResponse.json({ error: { code, message } }, { status, headers: NO_STORE });
}

/** The new cart (200) or the mapped error; the guest cookie is only set when the write succeeded. */
export function cartReply(result: Result<CartView, CartError>, issue: CartSessionCookie | null = null): NextResponse {
  if (!result.ok) return errorReply(cartErrorStatus[result.error.code], result.error.code, cartErrorMessage(result.error));
  const response = NextResponse.json(result.value, { status: 200, headers: NO_STORE });
  if (issue) response.cookies.set(issue.name, issue.value, issue.options);
  return response;
}

/** A 403 reply for a cross-site state-changing request, or null to carry on. */
export function refuseCrossSite(request: Request): NextResponse | null {
  const check = checkSameOrigin(request);
  return check.ok ? null : errorReply(403, 'cross_site_request', 'Cross-site requests cannot change the cart.');
}

/** Parses a JSON body with a schema; a reply (400) when it is missing, not JSON or invalid. */
export async function parseBody<T>(request: Request, schema: z.ZodType<T>): Promise<{ data: T } | { reply: NextResponse }> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return { reply: errorReply(400, 'invalid_input', 'The request body must be JSON.') };
  }
  return parseInput(body, schema);
}

export function parseInput<T>(input: unknown, schema: z.ZodType<T>): { data: T } | { reply: NextResponse } {
  const parsed = schema.safeParse(input);
  return parsed.success ? { data: parsed.data } : { reply: errorReply(400, 'invalid_input', describeInputError(parsed.error)) };
}

/** Anything unexpected is logged here and answered as a bare 500: no message, no stack reaches the client. */
export async function guarded(handler: () => Promise<NextResponse>): Promise<NextResponse> {
  try {
    return await handler();
  } catch (error) {
    console.error('[api/cart] unexpected error', error);
    return errorReply(500, 'internal_error', 'Something went wrong. Please try again.');
  }
}
