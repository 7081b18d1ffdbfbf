// Disputes, from Paystack's OpenAPI description (Dispute tag): GET /dispute, GET /dispute/:id,
// GET /dispute/transaction/:id, POST /dispute/:id/evidence, GET /dispute/:id/upload_url (+ the signed upload target,
// PUT /uploads/disputes/:fileName), PUT /dispute/:id/resolve; and the control side — opening a dispute on a paid
// transaction and reminding the merchant — each sending its signed `charge.dispute.*` webhook.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SimContext } from './context';
import { json, type SimReply } from './http-kit';
import { customerJson, envelope, failure, integrationId, iso, transactionJson } from './render';
import { isEmail, parseAmount, randomCode } from './rules';
import type { SimDispute, SimTransaction } from './store';

const hour = 60 * 60 * 1000;

export const disputeMessages = {
  retrieved: 'Dispute retrieved',
  listed: 'Disputes retrieved',
  notFound: 'Dispute not found',
  evidenceAdded: 'Evidence created',
  uploadUrl: 'Upload url generated',
  resolved: 'Dispute successfully resolved',
  alreadyResolved: 'Dispute has already been resolved',
  invalidResolution: 'Resolution must be merchant-accepted or declined',
  messageRequired: 'Message is required',
  invalidRefundAmount: 'Invalid refund amount',
  refundAboveDisputed: 'Refund amount cannot be greater than the disputed amount',
  refundAboveRemaining: 'Refund amount cannot be greater than the unrefunded amount of the transaction',
  fileRequired: 'uploaded_filename is required',
  unknownFile: 'Uploaded file not found for this dispute',
  evidenceFields: 'customer_email, customer_name, customer_phone and service_details are required',
};

/** `data` of GET /dispute/:id, each item of GET /dispute, and of the `charge.dispute.*` webhooks. */
export function disputeJson(dispute: SimDispute, tx: SimTransaction, ctx: SimContext) {
  return {
    id: dispute.id,
    refund_amount: dispute.refundAmount,
    currency: dispute.currency,
    status: dispute.status,
    resolution: dispute.resolution,
    domain: ctx.domain,
    transaction: transactionJson(tx, ctx.domain),
    transaction_reference: null,
    category: dispute.category,
    customer: { ...customerJson(tx), first_name: '', last_name: '', metadata: '' },
    bin: tx.authorization?.bin ?? null,
    last4: tx.authorization?.last4 ?? null,
    dueAt: iso(dispute.dueAt),
    resolvedAt: iso(dispute.resolvedAt),
    evidence: dispute.evidence ? evidenceJson(dispute) : null,
    attachments: dispute.attachments.length > 0 ? dispute.attachments.join(',') : null,
    note: null,
    history: dispute.history.map((entry) => ({ status: entry.status, by: entry.by, createdAt: iso(entry.createdAt) })),
    messages: dispute.messages.map((entry) => ({ sender: entry.sender, body: entry.body, createdAt: iso(entry.createdAt) })),
    createdAt: iso(dispute.createdAt),
    updatedAt: iso(dispute.updatedAt),
  };
}

function evidenceJson(dispute: SimDispute) {
  const evidence = dispute.evidence;
  if (!evidence) return null;
  return {
    customer_email: evidence.customerEmail,
    customer_name: evidence.customerName,
    customer_phone: evidence.customerPhone,
    service_details: evidence.serviceDetails,
    delivery_address: evidence.deliveryAddress,
    delivery_date: evidence.deliveryDate,
    dispute: dispute.id,
    id: evidence.id,
    createdAt: iso(evidence.createdAt),
    updatedAt: iso(evidence.createdAt),
  };
}

/** Every change gets a later `updatedAt` than the last, even within one millisecond (webhooks are ordered by it). */
function touch(dispute: SimDispute): Date {
  const now = Date.now();
  dispute.updatedAt = new Date(Math.max(now, dispute.updatedAt.getTime() + 1));
  return dispute.updatedAt;
}

function withTransaction(ctx: SimContext, id: string | undefined): { dispute: SimDispute; tx: SimTransaction } | undefined {
  const dispute = id && /^\d+$/.test(id) ? ctx.store.dispute(Number(id)) : undefined;
  const tx = dispute && ctx.store.transaction(dispute.transactionReference);
  return dispute && tx ? { dispute, tx } : undefined;
}

function emit(ctx: SimContext, event: 'create' | 'remind' | 'resolve', dispute: SimDispute, tx: SimTransaction): void {
  ctx.webhooks.emit(`charge.dispute.${event}`, disputeJson(dispute, tx, ctx), tx.reference);
}

// ——— control: a customer disputes, Paystack reminds ———

export function openDispute(
  ctx: SimContext,
  tx: SimTransaction,
  input: { amount?: number; category?: string; dueInHours?: number; reason?: string },
): SimDispute | { error: string } {
  if (tx.status !== 'success' && tx.status !== 'reversed') return { error: 'only a successful transaction can be disputed' };
  const amount = input.amount ?? tx.amount;
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > tx.amount) return { error: 'amount must be between 1 and the transaction amount' };
  const now = new Date();
  const dispute: SimDispute = {
    id: ctx.store.nextDisputeId(),
    transactionId: tx.id,
    transactionReference: tx.reference,
    refundAmount: amount,
    currency: tx.currency,
    category: input.category ?? 'chargeback',
    status: 'awaiting-merchant-feedback',
    resolution: null,
    dueAt: new Date(now.getTime() + (input.dueInHours ?? 48) * hour),
    resolvedAt: null,
    createdAt: now,
    updatedAt: now,
    evidence: null,
    attachments: [],
    history: [{ status: 'awaiting-merchant-feedback', by: 'customer', createdAt: now }],
    messages: [{ sender: 'customer', body: input.reason ?? 'I did not receive the goods I paid for.', createdAt: now }],
  };
  ctx.store.addDispute(dispute);
  emit(ctx, 'create', dispute, tx);
  return dispute;
}

/** Paystack's reminder that the answer is due: the dispute itself does not change but for its `updatedAt`. */
export function remindDispute(ctx: SimContext, id: string): SimDispute | { error: string; status: number } {
  const found = withTransaction(ctx, id);
  if (!found) return { error: 'no such dispute', status: 404 };
  if (found.dispute.status === 'resolved') return { error: 'dispute is resolved', status: 409 };
  touch(found.dispute);
  emit(ctx, 'remind', found.dispute, found.tx);
  return found.dispute;
}

// ——— Paystack's API ———

export function fetchDispute(ctx: SimContext, id: string): SimReply {
  const found = withTransaction(ctx, id);
  if (!found) return json(404, failure(disputeMessages.notFound));
  return json(200, envelope(disputeMessages.retrieved, disputeJson(found.dispute, found.tx, ctx)));
}

export function listDisputes(ctx: SimContext, query: URLSearchParams, transactionId?: string): SimReply {
  const perPage = clampInt(query.get('perPage'), 1, 100, 50);
  const page = clampInt(query.get('page'), 1, Number.MAX_SAFE_INTEGER, 1);
  const status = query.get('status');
  const transaction = transactionId ?? query.get('transaction');
  const matching = ctx.store
    .allDisputes()
    .filter((dispute) => (!status || dispute.status === status) && (!transaction || String(dispute.transactionId) === transaction));
  const items = matching.slice((page - 1) * perPage, page * perPage).flatMap((dispute) => {
    const tx = ctx.store.transaction(dispute.transactionReference);
    return tx ? [disputeJson(dispute, tx, ctx)] : [];
  });
  const meta = { total: matching.length, skipped: (page - 1) * perPage, perPage, page, pageCount: Math.max(1, Math.ceil(matching.length / perPage)) };
  return json(200, envelope(disputeMessages.listed, items, meta));
}

export function addEvidence(ctx: SimContext, id: string, body: Record<string, unknown>): SimReply {
  const found = withTransaction(ctx, id);
  if (!found) return json(404, failure(disputeMessages.notFound));
  if (found.dispute.status === 'resolved') return json(400, failure(disputeMessages.alreadyResolved));
  const text = (key: string) => (typeof body[key] === 'string' && (body[key] as string).trim() !== '' ? (body[key] as string).trim() : undefined);
  const [email, name, phone, details] = [text('customer_email'), text('customer_name'), text('customer_phone'), text('service_details')];
  if (!email || !name || !phone || !details || !isEmail(email)) return json(400, failure(disputeMessages.evidenceFields));
  const now = new Date();
  found.dispute.evidence = {
    id: ctx.store.nextEvidenceId(),
    customerEmail: email,
    customerName: name,
    customerPhone: phone,
    serviceDetails: details,
    deliveryAddress: text('delivery_address') ?? null,
    deliveryDate: text('delivery_date') ?? null,
    createdAt: now,
  };
  touch(found.dispute);
  return json(200, envelope(disputeMessages.evidenceAdded, evidenceJson(found.dispute)));
}

/** A signed URL on this server that takes one PUT of the file (as Paystack hands out a signed storage URL). */
export function uploadUrl(ctx: SimContext, id: string): SimReply {
  const found = withTransaction(ctx, id);
  if (!found) return json(404, failure(disputeMessages.notFound));
  const fileName = `${found.dispute.id}-${randomCode(16)}`;
  const signature = uploadSignature(ctx, fileName);
  ctx.store.addUpload({ disputeId: found.dispute.id, fileName, signature, received: null });
  const signedUrl = `${ctx.baseUrl}/uploads/disputes/${fileName}?signature=${signature}`;
  return json(200, envelope(disputeMessages.uploadUrl, { signedUrl, fileName }));
}

const uploadSignature = (ctx: SimContext, fileName: string) => createHmac('sha256', ctx.secretKey).update(`dispute-upload:${fileName}`).digest('hex');

/** The upload target: the bytes are counted, not kept; a wrong signature or a name never handed out is a 403. */
export function receiveUpload(ctx: SimContext, fileName: string, signature: string | null, bytes: number, contentType: string): SimReply {
  const upload = ctx.store.upload(fileName);
  const expected = Buffer.from(uploadSignature(ctx, fileName));
  const given = Buffer.from(signature ?? '');
  if (!upload || expected.length !== given.length || !timingSafeEqual(expected, given)) return json(403, { message: 'Signature does not match' });
  if (bytes === 0) return json(400, { message: 'Empty upload' });
  upload.received = { bytes, contentType };
  const dispute = ctx.store.dispute(upload.disputeId);
  if (dispute && !dispute.attachments.includes(fileName)) dispute.attachments.push(fileName);
  return json(200, { ok: true });
}

export function resolveDispute(ctx: SimContext, id: string, body: Record<string, unknown>): SimReply {
  const found = withTransaction(ctx, id);
  if (!found) return json(404, failure(disputeMessages.notFound));
  const { dispute, tx } = found;
  if (dispute.status === 'resolved') return json(400, failure(disputeMessages.alreadyResolved));
  const resolution = body.resolution;
  if (resolution !== 'merchant-accepted' && resolution !== 'declined') return json(400, failure(disputeMessages.invalidResolution));
  if (typeof body.message !== 'string' || body.message.trim() === '') return json(400, failure(disputeMessages.messageRequired));
  // DisputeResolve requires refund_amount (0 when declining) and uploaded_filename, a file uploaded to this dispute.
  const refundAmount = parseAmount(body.refund_amount);
  if (refundAmount === undefined || refundAmount < 0) return json(400, failure(disputeMessages.invalidRefundAmount));
  const file = typeof body.uploaded_filename === 'string' ? body.uploaded_filename.trim() : '';
  if (file === '') return json(400, failure(disputeMessages.fileRequired));
  if (!dispute.attachments.includes(file)) return json(400, failure(disputeMessages.unknownFile));

  if (resolution === 'merchant-accepted') {
    if (refundAmount === 0) return json(400, failure(disputeMessages.invalidRefundAmount));
    if (refundAmount > dispute.refundAmount) return json(400, failure(disputeMessages.refundAboveDisputed));
    // Checked and recorded synchronously, like POST /refund: refunds and accepted disputes never pass the amount paid.
    if (refundAmount > tx.amount - ctx.store.refundedAmount(tx.id)) return json(400, failure(disputeMessages.refundAboveRemaining));
    dispute.refundAmount = refundAmount;
  }
  const now = touch(dispute);
  dispute.status = 'resolved';
  dispute.resolution = resolution;
  dispute.resolvedAt = now;
  dispute.history.push({ status: 'resolved', by: 'merchant', createdAt: now });
  dispute.messages.push({ sender: 'merchant', body: body.message.trim(), createdAt: now });
  emit(ctx, 'resolve', dispute, tx);
  return json(
    200,
    envelope(disputeMessages.resolved, {
      ...disputeJson(dispute, tx, ctx),
      // DisputeResolveResponse names the transaction by id and repeats its reference.
      transaction: tx.id,
      merchant_transaction_reference: tx.reference,
      integration: integrationId,
      evidence: dispute.evidence?.id ?? null,
      message: { dispute: dispute.id, sender: 'merchant', body: body.message.trim(), id: dispute.messages.length, createdAt: iso(now), updatedAt: iso(now) },
    }),
  );
}

function clampInt(value: string | null, min: number, max: number, fallback: number): number {
  const number = Number(value ?? fallback);
  return Number.isInteger(number) ? Math.min(max, Math.max(min, number)) : fallback;
}
