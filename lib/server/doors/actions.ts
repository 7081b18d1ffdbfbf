// The one door for server actions (next-safe-action). Every action is built from one of four clients, which decide
// who may call it before its input is even parsed: publicAction (anyone), shopperAction (anyone, with the cart they
// own), userAction (signed in) and adminAction (role re-read from the database on every call). Input is a zod schema.
// A thrown AppError comes back as `serverError: { code, message }` from the error catalogue; anything else is logged
// and answered as `internal_error`, so no message or stack of an unexpected failure reaches the browser.
import 'server-only';
import { createSafeActionClient } from 'next-safe-action';
import { z } from 'zod';
import { AppError, type ErrorReply, errorMessage } from '@/lib/errors';
import { log } from '@/lib/log';
import { requireAudience } from './auth';
import { getCartOwner } from './cart-session';
import { doorDeps } from '../deps/door-deps';
import { clientIp } from './request-meta';

const baseClient = createSafeActionClient({
  defaultValidationErrorsShape: 'flattened',
  handleServerError(error): ErrorReply {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    log().error({ err: error }, 'action: unexpected error');
    return { code: 'internal_error', message: errorMessage('internal_error') };
  },
});

/** Anyone may call it (Next checks the Origin of every server action itself). */
export const publicAction = baseClient.use(async ({ next }) => {
  const deps = doorDeps();
  return next({ ctx: { deps, ip: clientIp(Object.fromEntries(await deps.requestHeaders()), deps.trustedProxyHops()) } });
});

/** Anyone, with the cart this browser owns: the signed-in user's, else the guest cart its cookie names (or none yet). */
export const shopperAction = publicAction.use(async ({ next }) => next({ ctx: { owner: await getCartOwner() } }));

/** Signed-in users only; anonymous callers get `unauthenticated`. */
export const userAction = publicAction.use(async ({ next }) => next({ ctx: { user: await requireAudience('user') } }));

/** Admins only, re-checked against the database on every call: a customer's hand-made call gets `forbidden`. */
export const adminAction = publicAction.use(async ({ next }) => next({ ctx: { admin: await requireAudience('admin') } }));

/**
 * Input of a `<form action>`: the FormData itself. Its fields are then parsed with the form's own zod schema, which
 * reports errors by field name and hands back what was typed, so a refused form comes back filled in.
 */
export const formDataInput = z.instanceof(FormData, { error: 'Send the form as form data.' });
