// The one door for server actions (next-safe-action). Every action is built from one of four clients, which decide
// who may call it before its input is even parsed: publicAction (anyone), shopperAction (anyone, with the cart they
// own), userAction (signed in) and adminAction (role re-read from the database on every call). Input is a zod schema.
// An action declares its rate limit as metadata, as a route() spec does (`.metadata({ rateLimit })`): the client checks it
// after the audience and before the input is parsed, and a refusal is the catalogue's `rate_limited` (or
// `rate_limit_unavailable`). A thrown AppError comes back as `serverError: { code, message }` from the error catalogue;
// anything else is logged and answered as `internal_error`, so no message or stack of an unexpected failure reaches
// the browser.
import 'server-only';
import { createSafeActionClient } from 'next-safe-action';
import { z } from 'zod';
import { zfd } from 'zod-form-data';
import { AppError, type ErrorReply, errorMessage } from '@/lib/errors';
import { log } from '@/lib/log';
import type { CartOwner } from '@/lib/cart/types';
import { requireAudience, type SessionUser } from './auth';
import { getCartOwner } from './cart-session';
import { type DoorDeps, doorDeps } from '../deps/door-deps';
import { type RateLimitDecision, RateLimitRefusal } from './rate-limit';
import { clientIp } from './request-meta';

/** What an action's rate limit is asked with: the caller's address, for shopper actions the cart they own, for user actions the user. */
export interface ActionLimitContext {
  deps: DoorDeps;
  ip: string;
  owner?: CartOwner | null;
  user?: SessionUser;
}

export interface ActionMetadata {
  /** The limit this action runs under; none when absent (admin actions: the role is the gate). */
  rateLimit?: (context: ActionLimitContext) => Promise<RateLimitDecision>;
}

const actionMetadataSchema = z.object({
  rateLimit: z.custom<ActionMetadata['rateLimit']>((value) => value === undefined || typeof value === 'function').optional(),
});

const baseClient = createSafeActionClient({
  defaultValidationErrorsShape: 'flattened',
  defineMetadataSchema: () => actionMetadataSchema,
  handleServerError(error): ErrorReply {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    log().error({ err: error }, 'action: unexpected error');
    return { code: 'internal_error', message: errorMessage('internal_error') };
  },
});

/** Who is calling from where: every client starts here. No rate limit unless the action declares one. */
const withCaller = baseClient.metadata({}).use(async ({ next }) => {
  const deps = doorDeps();
  return next({ ctx: { deps, ip: clientIp(Object.fromEntries(await deps.requestHeaders()), deps.trustedProxyHops()) } });
});

/** The action's declared limit, asked once its audience is known; refused in the catalogue's words. */
async function checkRateLimit(metadata: ActionMetadata, ctx: ActionLimitContext): Promise<void> {
  if (!metadata.rateLimit) return;
  const decision = await metadata.rateLimit(ctx);
  if (!decision.allowed) throw new RateLimitRefusal(decision);
}

/** Anyone may call it (Next checks the Origin of every server action itself). */
export const publicAction = withCaller.use(async ({ next, ctx, metadata }) => {
  await checkRateLimit(metadata, ctx);
  return next();
});

/** Anyone, with the cart this browser owns: the signed-in user's, else the guest cart its cookie names (or none yet). */
export const shopperAction = withCaller
  .use(async ({ next }) => next({ ctx: { owner: await getCartOwner() } }))
  .use(async ({ next, ctx, metadata }) => {
    await checkRateLimit(metadata, ctx);
    return next();
  });

/** Signed-in users only; anonymous callers get `unauthenticated`. */
export const userAction = withCaller
  .use(async ({ next }) => next({ ctx: { user: await requireAudience('user') } }))
  .use(async ({ next, ctx, metadata }) => {
    await checkRateLimit(metadata, ctx);
    return next();
  });

/** Admins only, re-checked against the database on every call: a customer's hand-made call gets `forbidden`. */
export const adminAction = withCaller
  .use(async ({ next }) => next({ ctx: { admin: await requireAudience('admin') } }))
  .use(async ({ next, ctx, metadata }) => {
    await checkRateLimit(metadata, ctx);
    return next();
  });

/**
 * A text field of a form, as typed (at most `max` characters; absent, empty, a file or too long reads as ''): for
 * forms whose refusal hands back what was typed, so nothing in the field's form can fail the parse itself.
 */
export const formText = (max = 500) => zfd.text(z.string().max(max).optional().catch(undefined)).transform((value) => value ?? '');

/**
 * Input of a `<form action>`: the FormData itself. Its fields are then parsed with the form's own zod schema, which
 * reports errors by field name and hands back what was typed, so a refused form comes back filled in.
 */
export const formDataInput = z.instanceof(FormData, { error: 'Send the form as form data.' });
