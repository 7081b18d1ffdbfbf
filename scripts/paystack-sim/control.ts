// The control API under /__simulator/ - a path Paystack does not have - for tests and local debugging:
// knobs, the webhook delivery log, acting as the customer, settling refunds, reset. See README.md.
import { z } from 'zod';
import type { SimContext } from './context';
import { performCustomerAction, settleTransaction } from './customer-actions';
import { json, type SimReply, type SimRequest } from './http-kit';
import { knobsSchema } from './knobs';
import { transactionJson } from './render';
import { refundJson } from './render-refunds';
import { settleRefund } from './refunds';
import { disputeJson, openDispute, remindDispute } from './disputes';

type ControlRoute = { method: 'GET' | 'POST'; pattern: string; handle: (ctx: SimContext, req: SimRequest) => SimReply };

const problem = (status: number, error: string, detail?: unknown) => json(status, { error, ...(detail ? { detail } : {}) });

function parseKnobs(body: unknown) {
  const parsed = knobsSchema.safeParse(body);
  return parsed.success
    ? { ok: true as const, knobs: parsed.data }
    : { ok: false as const, reply: problem(400, 'invalid knobs', z.treeifyError(parsed.error)) };
}

function describeTransaction(ctx: SimContext, reference: string) {
  const transaction = ctx.store.transaction(reference);
  return {
    transaction: transaction ? transactionJson(transaction, ctx.domain) : null,
    refunds: transaction ? ctx.store.refundsOf(transaction.id).map((refund) => refundJson(refund, transaction, ctx.domain)) : [],
    disputes: transaction ? ctx.store.disputesOf(transaction.id).map((dispute) => disputeJson(dispute, transaction, ctx)) : [],
    ...ctx.knobs.describe(reference),
  };
}

export const controlRoutes: ControlRoute[] = [
  { method: 'GET', pattern: '/__simulator/health', handle: () => json(200, { ok: true }) },
  { method: 'GET', pattern: '/__simulator/config', handle: (ctx) => json(200, ctx.knobs.describe()) },
  {
    method: 'POST',
    pattern: '/__simulator/config',
    handle: (ctx, req) => {
      const parsed = parseKnobs(req.body);
      if (!parsed.ok) return parsed.reply;
      ctx.knobs.updateGlobal(parsed.knobs);
      return json(200, ctx.knobs.describe());
    },
  },
  {
    method: 'POST',
    pattern: '/__simulator/reset',
    handle: (ctx) => {
      // Drops every transaction, refund, knob, pending timer and logged delivery of this simulator.
      ctx.timers.clear();
      ctx.store.reset();
      ctx.knobs.reset();
      ctx.webhooks.reset();
      return json(200, { ok: true });
    },
  },
  {
    method: 'GET',
    pattern: '/__simulator/transactions/:reference',
    handle: (ctx, req) => json(200, describeTransaction(ctx, req.params.reference ?? '')),
  },
  {
    method: 'POST',
    pattern: '/__simulator/transactions/:reference/knobs',
    handle: (ctx, req) => {
      const parsed = parseKnobs(req.body);
      if (!parsed.ok) return parsed.reply;
      // Allowed before the transaction exists: that is how a test makes its own initialize fail.
      const reference = req.params.reference ?? '';
      ctx.knobs.updateFor(reference, parsed.knobs);
      return json(200, ctx.knobs.describe(reference));
    },
  },
  {
    // Before the customer-action route below, which would take `dispute` for an unknown action.
    method: 'POST',
    pattern: '/__simulator/transactions/:reference/dispute',
    handle: (ctx, req) => {
      const parsed = z
        .strictObject({
          amount: z.number().int().positive().optional(),
          category: z.string().min(1).max(100).optional(),
          dueInHours: z
            .number()
            .positive()
            .max(24 * 90)
            .optional(),
          reason: z.string().min(1).max(500).optional(),
        })
        .safeParse(req.body);
      if (!parsed.success) return problem(400, 'invalid dispute', z.treeifyError(parsed.error));
      const transaction = ctx.store.transaction(req.params.reference ?? '');
      if (!transaction) return problem(404, 'no such transaction');
      const opened = openDispute(ctx, transaction, parsed.data);
      if ('error' in opened) return problem(409, opened.error);
      return json(200, { dispute: disputeJson(opened, transaction, ctx) });
    },
  },
  {
    method: 'POST',
    pattern: '/__simulator/disputes/:id/remind',
    handle: (ctx, req) => {
      const reminded = remindDispute(ctx, req.params.id ?? '');
      if ('error' in reminded) return problem(reminded.status, reminded.error);
      const transaction = ctx.store.transaction(reminded.transactionReference);
      return json(200, { dispute: transaction ? disputeJson(reminded, transaction, ctx) : null });
    },
  },
  {
    method: 'GET',
    pattern: '/__simulator/disputes/:id',
    handle: (ctx, req) => {
      const dispute = /^\d+$/.test(req.params.id ?? '') ? ctx.store.dispute(Number(req.params.id)) : undefined;
      const transaction = dispute && ctx.store.transaction(dispute.transactionReference);
      if (!dispute || !transaction) return problem(404, 'no such dispute');
      const uploads = dispute.attachments.map((name) => ({ fileName: name, received: ctx.store.upload(name)?.received ?? null }));
      return json(200, { dispute: disputeJson(dispute, transaction, ctx), uploads });
    },
  },
  {
    // Before the customer-action route below. Ends a transfer held by the `pendingStatus` knob.
    method: 'POST',
    pattern: '/__simulator/transactions/:reference/settle',
    handle: (ctx, req) => {
      const parsed = z.strictObject({ outcome: z.enum(['success', 'failed']) }).safeParse(req.body);
      if (!parsed.success) return problem(400, 'outcome must be success or failed');
      const transaction = ctx.store.transaction(req.params.reference ?? '');
      if (!transaction) return problem(404, 'no such transaction');
      const outcome = settleTransaction(ctx, transaction, parsed.data.outcome);
      return json(outcome === 'already_paid' ? 409 : 200, { outcome, ...describeTransaction(ctx, transaction.reference) });
    },
  },
  {
    method: 'POST',
    pattern: '/__simulator/transactions/:reference/:action',
    handle: (ctx, req) => {
      const action = ({ pay: 'pay', decline: 'decline', abandon: 'abandon' } as const)[req.params.action ?? ''];
      if (!action) return problem(404, 'action must be pay, decline or abandon');
      const transaction = ctx.store.transaction(req.params.reference ?? '');
      if (!transaction) return problem(404, 'no such transaction');
      const outcome = performCustomerAction(ctx, transaction, action);
      return json(outcome === 'already_paid' ? 409 : 200, { outcome, ...describeTransaction(ctx, transaction.reference) });
    },
  },
  {
    method: 'POST',
    pattern: '/__simulator/refunds/:id/settle',
    handle: (ctx, req) => {
      const parsed = z.object({ status: z.enum(['processing', 'processed', 'failed', 'needs-attention']) }).safeParse(req.body);
      if (!parsed.success) return problem(400, 'status must be processing, processed, failed or needs-attention');
      const id = Number(req.params.id);
      if (!ctx.store.refund(id)) return problem(404, 'no such refund');
      const moved = settleRefund(ctx, id, parsed.data.status);
      return json(moved ? 200 : 409, { moved, refund: ctx.store.refund(id) });
    },
  },
  {
    method: 'GET',
    pattern: '/__simulator/webhooks',
    handle: (ctx, req) =>
      json(200, {
        deliveries: ctx.webhooks.list({
          reference: req.query.get('reference') ?? undefined,
          event: req.query.get('event') ?? undefined,
        }),
      }),
  },
];
