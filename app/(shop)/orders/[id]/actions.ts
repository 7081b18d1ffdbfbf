'use server';
// A guest whose order link expired asks for a fresh one. Only a genuine link (expired or not) may ask, the new link
// goes to the address on the order — never to one the requester names — and each order may ask a few times an hour.
// The answer is the same whether or not an email goes out, so it reveals nothing about the order.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { env } from '@/lib/core/env';
import { checkOrderAccess } from '@/lib/orders/order-access';
import { enqueue } from '@/lib/outbox/enqueue';
import { publicAction } from '@/lib/server/doors/actions';
import { relayAfterResponse } from '@/lib/server/deps/jobs';

export type FreshLinkState = { status: 'idle' } | { status: 'sent' | 'refused'; message: string };

const SENT = 'If this link was for one of our orders, a fresh one is on its way to the email address on that order.';

export const requestFreshOrderLinkAction = publicAction
  .inputSchema(z.object({ orderId: z.uuid(), token: z.string().max(200) }))
  .action(async ({ parsedInput: { orderId, token }, ctx }): Promise<FreshLinkState> => {
    if (checkOrderAccess(env().NEXTAUTH_SECRET, orderId, token) === 'invalid') return { status: 'sent', message: SENT };
    const allowed = await ctx.deps.limiter().limit('orderLinkByOrder', orderId);
    if (!allowed.allowed) return { status: 'refused', message: 'A fresh link was sent recently. Please check your inbox, or try again in an hour.' };
    await enqueue(ctx.deps.db, [{ event: 'order/link-requested', payload: { orderId, requestId: randomUUID() }, dedupeKey: randomUUID() }]);
    relayAfterResponse();
    return { status: 'sent', message: SENT };
  });
