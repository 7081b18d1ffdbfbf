// Disputes end to end against the real Postgres and the Paystack simulator, with every webhook signed and delivered by
// the simulator to a listener that hands it to the real webhook route: a dispute opened at the simulator lands in the
// inbox and emails every admin; a reminder emails again; evidence (with a file through Paystack's signed upload URL)
// and a decline or an acceptance reach Paystack (never an answer without a file: Paystack's resolve requires one) and come back as charge.dispute.resolve; copies and reordering apply
// once; refunds and acceptances racing on one payment never give back more than it captured. Orders are really paid.
// Stood in: who is signed in (the doors' own seam) for the JSON list — nothing else.
import { createServer, type Server } from 'node:http';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as listDisputesRoute } from '@/app/api/admin/disputes/route';
import { POST as webhookRoute } from '@/app/api/webhooks/paystack/route';
import { auditLogs, disputes, outbox, refunds, webhookEvents } from '@/db/schema';
import { eventKeyOf, settledEvent } from '../support/webhook-inbox';
import { listAdminDisputes } from '@/db/queries/admin-disputes';
import { addDisputeEvidence } from '@/lib/disputes/add-dispute-evidence';
import { answerDispute } from '@/lib/disputes/answer-dispute';
import { inProcessDriver } from '@/lib/jobs/drivers';
import { relayOutbox } from '@/lib/jobs/relay';
import { orderLedger } from '@/lib/refunds/order-ledger';
import { requestRefund } from '@/lib/refunds/request-refund';
import type { SessionUser } from '@/lib/server/deps/door-deps';
import { request } from '../support/checkout-api-fixtures';
import { testPaystack } from '../support/checkout-fixtures';
import { signedInAs, through } from '../support/doors';
import { mailTo } from '../support/inbox';
import { testJobDeps } from '../support/job-deps';
import { paidOrder } from '../support/paid-order-fixtures';
import { paystackEnv, simulator } from '../support/paystack-sim';
import { adminUser, newKey } from '../support/refund-fixtures';
import { waitFor } from '../support/wait';
import type { KnobsInput } from '../../scripts/paystack-sim/knobs';

const { db, deps: jobDeps, close } = testJobDeps(20);
const paystack = testPaystack();
let admin: { id: string; email: string; name: string };
let listener: Server;
let webhookUrl = '';
/** What the route answered to each delivery, by event. */
const answers: Array<{ event: string; status: number; reply: string; disputeId: number; body: string }> = [];

beforeAll(async () => {
  admin = await adminUser(db);
  listener = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const signature = req.headers['x-paystack-signature'];
      if (typeof signature === 'string') headers['x-paystack-signature'] = signature;
      const response = await webhookRoute(new Request('http://127.0.0.1:3100/api/webhooks/paystack', { method: 'POST', headers, body }));
      const reply = ((await response.json()) as { status?: string }).status ?? 'error';
      const parsed = JSON.parse(body) as { event: string; data: { id: number } };
      answers.push({ event: parsed.event, status: response.status, reply, disputeId: parsed.data.id, body });
      res.writeHead(response.status).end();
    });
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const address = listener.address();
  if (address === null || typeof address === 'string') throw new Error('listener has no port');
  webhookUrl = `http://127.0.0.1:${address.port}/paystack`;
});

afterAll(async () => {
  listener.closeAllConnections();
  await new Promise((resolve) => listener.close(resolve));
  await close();
});

/** A paid order whose dispute (and refund) webhooks the simulator signs and sends to this test's listener. */
async function paidWithHooks(knobs: KnobsInput = {}) {
  const made = await paidOrder(db, { quantity: 2 });
  await simulator.setKnobs(made.payment.reference, { dropWebhooks: false, webhookUrl, refundAutoProcessMs: null, ...knobs });
  return made;
}

async function control(path: string, body: unknown = {}) {
  const response = await fetch(`${paystackEnv().baseUrl}/__simulator${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { dispute: { id: number; status: string } } };
}

const openAtPaystack = async (reference: string, body: { amount?: number; category?: string; dueInHours?: number } = {}) => {
  const opened = await control(`/transactions/${encodeURIComponent(reference)}/dispute`, body);
  expect(opened.status).toBe(200);
  return opened.body.dispute.id;
};

const disputeRow = (gatewayId: number) =>
  waitFor(`dispute ${gatewayId} recorded`, async () => (await db.select().from(disputes).where(eq(disputes.gatewayDisputeId, gatewayId)))[0]);

/** Runs this dispute's queued alert jobs through the same definitions the job runner uses. */
async function runAlerts(disputeId: string) {
  const jobs = await db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.event, 'dispute/alert'), like(outbox.dedupeKey, `${disputeId}:%`)));
  await relayOutbox({ db, driver: inProcessDriver(jobDeps) }, { ids: jobs.map((job) => job.id) });
  return jobs.length;
}

/** What an admin does before answering: evidence with a file (a receipt), through Paystack's signed upload URL. */
async function sendEvidenceWithFile(disputeId: string, email: string) {
  const sent = await addDisputeEvidence(
    { db, paystack },
    {
      disputeId,
      adminId: admin.id,
      evidence: { customerEmail: email, customerName: 'Ada Obi', customerPhone: '08012345678', serviceDetails: 'Two shirts, delivered by courier' },
      file: { name: 'receipt.pdf', contentType: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4 receipt') },
    },
  );
  expect(sent.ok, JSON.stringify(sent)).toBe(true);
}

const simulatorDispute = async (gatewayId: number) =>
  (await (await fetch(`${paystackEnv().baseUrl}/__simulator/disputes/${gatewayId}`)).json()) as {
    dispute: { status: string; resolution: string | null; refund_amount: number; messages: unknown[] | null };
    uploads: Array<{ fileName: string }>;
  };

const resolveAtPaystack = (gatewayId: number, body: Record<string, unknown>) =>
  fetch(`${paystackEnv().baseUrl}/dispute/${gatewayId}/resolve`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${paystackEnv().secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const adminAs = (): SessionUser => ({ id: admin.id, email: admin.email, name: admin.name, role: 'admin' });

describe('disputes', () => {
  it('a dispute opened at Paystack lands in the inbox, emails every admin, and a reminder emails again', async () => {
    const { order, payment } = await paidWithHooks();
    const gatewayId = await openAtPaystack(payment.reference, { amount: 10_000_00, category: 'fraud', dueInHours: 30 });
    const row = await disputeRow(gatewayId);
    expect(row).toMatchObject({
      status: 'awaiting_merchant_feedback',
      orderId: order.id,
      paymentId: payment.id,
      amount: 10_000_00,
      category: 'fraud',
      lossAmount: 0,
    });
    expect(row.dueAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 3_600_000);

    const inbox = await listAdminDisputes(db, { page: 1, pageSize: 25, sort: 'due', dir: 'asc', q: order.number, due: '48h' });
    expect(inbox.rows).toEqual([expect.objectContaining({ id: row.id, status: 'awaiting_merchant_feedback', orderNumber: order.number, amount: 10_000_00 })]);

    expect(await runAlerts(row.id)).toBe(1);
    const [opened] = await mailTo(admin.email, 1, (mail) => mail.subject.includes(order.number));
    expect(opened!.subject).toMatch(new RegExp(`^Dispute opened on order ${order.number} \\(1 day \\d+ hours? left\\)$`));
    expect(opened!.text).toContain('₦10,000.00');
    expect(opened!.html).toContain(`/admin/disputes/${row.id}`);

    expect((await control(`/disputes/${gatewayId}/remind`)).status).toBe(200);
    await waitFor('the reminder applied', async () => ((await disputeRow(gatewayId)).reminders === 1 ? true : undefined));
    expect(await runAlerts(row.id)).toBe(2);
    const mails = await mailTo(admin.email, 2, (mail) => mail.subject.includes(order.number));
    expect(mails.map((mail) => mail.subject)).toContainEqual(expect.stringMatching(new RegExp(`^Reminder: answer the dispute on order ${order.number}`)));
    // The relay again sends nothing twice.
    await runAlerts(row.id);
    expect(await mailTo(admin.email, 2, (mail) => mail.subject.includes(order.number))).toHaveLength(2);
  });

  it('evidence with a file, then a decline: Paystack resolves it for the shop and its resolve webhook is applied once', async () => {
    const { order, payment } = await paidWithHooks();
    const gatewayId = await openAtPaystack(payment.reference);
    const row = await disputeRow(gatewayId);

    const refused = await answerDispute({ db, paystack }, { disputeId: row.id, adminId: admin.id, answer: 'decline', message: 'Delivered' });
    expect(refused).toEqual({ ok: false, error: { code: 'dispute_evidence_required' } });

    const pdf = new TextEncoder().encode('%PDF-1.4 signed delivery note');
    const evidence = await addDisputeEvidence(
      { db, paystack },
      {
        disputeId: row.id,
        adminId: admin.id,
        evidence: {
          customerEmail: order.email,
          customerName: 'Ada Obi',
          customerPhone: '08012345678',
          serviceDetails: 'Two shirts, delivered by courier',
          deliveryAddress: '1 Marina, Lagos',
          deliveryDate: '2026-11-30',
        },
        file: { name: 'delivery.pdf', contentType: 'application/pdf', bytes: pdf },
      },
    );
    expect(evidence.ok, JSON.stringify(evidence)).toBe(true);
    const atPaystack = (await (await fetch(`${paystackEnv().baseUrl}/__simulator/disputes/${gatewayId}`)).json()) as {
      dispute: { evidence: { customer_name: string } | null };
      uploads: Array<{ fileName: string; received: { bytes: number; contentType: string } | null }>;
    };
    expect(atPaystack.dispute.evidence).toMatchObject({ customer_name: 'Ada Obi' });
    expect(atPaystack.uploads).toEqual([{ fileName: expect.any(String), received: { bytes: pdf.byteLength, contentType: 'application/pdf' } }]);
    const recorded = (await disputeRow(gatewayId)).attachmentFilename;
    expect(recorded).toBe(atPaystack.uploads[0]!.fileName);

    const declined = await answerDispute({ db, paystack }, { disputeId: row.id, adminId: admin.id, answer: 'decline', message: 'Delivered and signed for' });
    expect(declined.ok && declined.value).toMatchObject({ status: 'won', answer: 'decline', lossAmount: 0, resolution: 'declined' });
    const again = await answerDispute({ db, paystack }, { disputeId: row.id, adminId: admin.id, answer: 'decline', message: 'Again' });
    expect(again).toEqual({ ok: false, error: { code: 'dispute_closed', status: 'won' } });

    const resolved = await waitFor('the resolve webhook answered', () =>
      answers.find((answer) => answer.disputeId === gatewayId && answer.event === 'charge.dispute.resolve'),
    );
    // The route stored it; the inbox worker applies it.
    await settledEvent(db, eventKeyOf(resolved.body));
    const [event] = await db
      .select()
      .from(webhookEvents)
      .where(eq(webhookEvents.eventKey, `charge.dispute.resolve:${gatewayId}`));
    expect(event).toMatchObject({ status: 'processed', attempts: 1 });
    const moves = await db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.entityId, row.id), eq(auditLogs.action, 'dispute.won')));
    expect(moves).toHaveLength(1);
    expect((await orderLedger(db, order.id))!.disputeLosses.amount).toBe(0);
  });

  it('an answer without a file uploaded to the dispute is refused before anything is recorded or sent; Paystack refuses it too', async () => {
    const { order, payment } = await paidWithHooks();
    const gatewayId = await openAtPaystack(payment.reference);
    const row = await disputeRow(gatewayId);
    const auditBefore = await db.$count(auditLogs, eq(auditLogs.entityId, row.id));
    let resolveCalls = 0;
    const counted = {
      ...paystack,
      resolveDispute: (...args: Parameters<typeof paystack.resolveDispute>) => {
        resolveCalls += 1;
        return paystack.resolveDispute(...args);
      },
    };

    const accept = await answerDispute({ db, paystack: counted }, { disputeId: row.id, adminId: admin.id, answer: 'accept', message: 'Sorry' });
    expect(accept).toEqual({ ok: false, error: { code: 'dispute_file_required' } });
    // Evidence without a file is not enough either: a decline needs the file too.
    const sent = await addDisputeEvidence(
      { db, paystack },
      {
        disputeId: row.id,
        adminId: admin.id,
        evidence: { customerEmail: order.email, customerName: 'Ada Obi', customerPhone: '08012345678', serviceDetails: 'Two shirts' },
      },
    );
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    const withEvidence = await disputeRow(gatewayId);
    const decline = await answerDispute({ db, paystack: counted }, { disputeId: row.id, adminId: admin.id, answer: 'decline', message: 'Delivered' });
    expect(decline).toEqual({ ok: false, error: { code: 'dispute_file_required' } });

    expect(resolveCalls).toBe(0);
    expect(await disputeRow(gatewayId)).toEqual(withEvidence);
    expect(withEvidence).toMatchObject({ status: 'awaiting_merchant_feedback', answer: null, answeredAt: null, lossAmount: 0, attachmentFilename: null });
    // Only the evidence was audited: no answer was recorded.
    const audit = await db.select({ action: auditLogs.action }).from(auditLogs).where(eq(auditLogs.entityId, row.id));
    expect(audit.map((entry) => entry.action).filter((action) => action.startsWith('dispute.') && action.includes('_sent'))).toEqual([]);
    expect(audit.length).toBe(auditBefore + 1);
    const atPaystack = await simulatorDispute(gatewayId);
    expect(atPaystack.dispute).toMatchObject({ status: 'awaiting-merchant-feedback', resolution: null });
    expect(atPaystack.uploads).toEqual([]);

    // Paystack's DisputeResolve requires uploaded_filename (a file of this dispute) and refund_amount.
    const base = { resolution: 'declined', message: 'Delivered', refund_amount: 0 };
    const refusals = await Promise.all([
      resolveAtPaystack(gatewayId, base),
      resolveAtPaystack(gatewayId, { ...base, uploaded_filename: 'not-uploaded.pdf' }),
      resolveAtPaystack(gatewayId, { resolution: 'declined', message: 'Delivered', uploaded_filename: 'not-uploaded.pdf' }),
    ]);
    expect(refusals.map((response) => response.status)).toEqual([400, 400, 400]);
    expect(await Promise.all(refusals.map((response) => response.json()))).toEqual([
      { status: false, message: 'uploaded_filename is required' },
      { status: false, message: 'Uploaded file not found for this dispute' },
      { status: false, message: 'Invalid refund amount' },
    ]);
    expect((await simulatorDispute(gatewayId)).dispute).toMatchObject({ status: 'awaiting-merchant-feedback', resolution: null });
  });

  it('an acceptance gives back at most what is left, is lost on the ledger, and later refunds see the money as gone', async () => {
    const { order, payment } = await paidWithHooks();
    const gatewayId = await openAtPaystack(payment.reference);
    const row = await disputeRow(gatewayId);
    const refund = await requestRefund(
      { db, paystack },
      { orderId: order.id, amount: payment.amount - 5_000_00, reason: 'Damaged', actor: { kind: 'admin', userId: admin.id }, idempotencyKey: newKey() },
    );
    expect(refund.ok, JSON.stringify(refund)).toBe(true);
    await sendEvidenceWithFile(row.id, order.email);

    const tooMuch = await answerDispute({ db, paystack }, { disputeId: row.id, adminId: admin.id, answer: 'accept', message: 'Sorry', refundAmount: 5_000_01 });
    expect(tooMuch).toEqual({ ok: false, error: { code: 'refund_exceeds_remaining', requested: 5_000_01, remaining: 5_000_00, currency: 'NGN' } });
    expect((await disputeRow(gatewayId)).lossAmount).toBe(0);

    const accepted = await answerDispute({ db, paystack }, { disputeId: row.id, adminId: admin.id, answer: 'accept', message: 'Sorry' });
    expect(accepted.ok && accepted.value).toMatchObject({ status: 'lost', lossAmount: 5_000_00, resolution: 'merchant-accepted' });
    const ledger = (await orderLedger(db, order.id))!;
    expect(ledger.disputes).toEqual([expect.objectContaining({ id: row.id, status: 'lost', loss: { amount: 5_000_00, currency: 'NGN' } })]);
    expect(ledger.net.amount).toBe(0);

    const after = await requestRefund(
      { db, paystack },
      { orderId: order.id, amount: 1_00, reason: 'More', actor: { kind: 'admin', userId: admin.id }, idempotencyKey: newKey() },
    );
    expect(after.ok === false && after.error).toMatchObject({ code: 'refund_exceeds_remaining', remaining: 0 });
    const resolved = await waitFor('the resolve webhook answered', () =>
      answers.find((answer) => answer.disputeId === gatewayId && answer.event === 'charge.dispute.resolve'),
    );
    // The route stored it; the inbox worker applies it.
    await settledEvent(db, eventKeyOf(resolved.body));
    expect((await disputeRow(gatewayId)).lossAmount).toBe(5_000_00);
  });

  it('dispute webhooks duplicated and out of order (resolve first) are applied once each, and the dispute ends as Paystack says', async () => {
    const { payment } = await paidWithHooks({ webhookCopies: 3, webhookConcurrentCopies: 3, outOfOrderWindowMs: 400 });
    const gatewayId = await openAtPaystack(payment.reference, { amount: 7_000_00 });
    expect((await control(`/disputes/${gatewayId}/remind`)).status).toBe(200);
    // Resolved in Paystack's dashboard, not through the shop: the shop learns of it only by webhook. Paystack takes the
    // answer only with a file uploaded to the dispute (here the refund confirmation).
    const target = await paystack.disputeUploadUrl(gatewayId);
    if (!target.ok) throw new Error(JSON.stringify(target.error));
    const uploaded = await paystack.uploadDisputeFile(target.value, { bytes: new TextEncoder().encode('%PDF-1.4 refund'), contentType: 'application/pdf' });
    expect(uploaded.ok, JSON.stringify(uploaded)).toBe(true);
    const resolved = await resolveAtPaystack(gatewayId, {
      resolution: 'merchant-accepted',
      message: 'Refund agreed by phone',
      refund_amount: 6_000_00,
      uploaded_filename: target.value.fileName,
    });
    expect(resolved.status).toBe(200);

    const mine = () => answers.filter((answer) => answer.disputeId === gatewayId);
    await waitFor('nine deliveries answered', () => (mine().length >= 9 ? mine() : undefined), 10_000);
    expect(mine().map((answer) => answer.event)[0]).toBe('charge.dispute.resolve');
    expect(mine().every((answer) => answer.status === 200)).toBe(true);
    for (const event of ['charge.dispute.create', 'charge.dispute.remind', 'charge.dispute.resolve']) {
      expect(
        mine()
          .filter((answer) => answer.event === event)
          .map((answer) => answer.reply)
          .sort(),
        event,
      ).toEqual(['duplicate', 'duplicate', 'received']);
      const stored = mine().find((answer) => answer.event === event && answer.reply === 'received')!;
      expect((await settledEvent(db, eventKeyOf(stored.body))).status, event).toBe('processed');
    }
    const row = await disputeRow(gatewayId);
    // First heard of resolved: Paystack's refund_amount by then is what was accepted, so that is all the shop can know.
    expect(row).toMatchObject({ status: 'lost', lossAmount: 6_000_00, resolution: 'merchant-accepted', amount: 6_000_00 });
    const audit = await db.select({ action: auditLogs.action }).from(auditLogs).where(eq(auditLogs.entityId, row.id));
    expect(audit.map((entry) => entry.action)).toEqual(['dispute.opened']);
    // Resolved before the shop heard of it: no alert for something nobody can answer any more.
    expect(await db.$count(outbox, and(eq(outbox.event, 'dispute/alert'), like(outbox.dedupeKey, `${row.id}:%`)))).toBe(0);
  });

  it('refunds and dispute acceptances fired at once on one payment never give back more than it captured', async () => {
    const { order, payment } = await paidWithHooks();
    const [first, second] = [await openAtPaystack(payment.reference), await openAtPaystack(payment.reference)];
    const rows = [await disputeRow(first), await disputeRow(second)];
    for (const row of rows) await sendEvidenceWithFile(row.id, order.email);
    const share = Math.floor(payment.amount * 0.3);
    const attempts = await Promise.all([
      ...Array.from({ length: 4 }, () =>
        requestRefund(
          { db, paystack },
          { orderId: order.id, amount: share, reason: 'Race', actor: { kind: 'admin', userId: admin.id }, idempotencyKey: newKey() },
        ),
      ),
      ...rows.map((row) => answerDispute({ db, paystack }, { disputeId: row.id, adminId: admin.id, answer: 'accept', message: 'Race', refundAmount: share })),
    ]);
    const won = attempts.filter((attempt) => attempt.ok);
    expect(won).toHaveLength(3);
    for (const attempt of attempts.filter((candidate) => !candidate.ok))
      expect(attempt).toMatchObject({ ok: false, error: { code: 'refund_exceeds_remaining' } });

    const refunded = (await db.select().from(refunds).where(eq(refunds.paymentId, payment.id))).filter((row) => row.status !== 'failed');
    const lost = await db.select().from(disputes).where(eq(disputes.paymentId, payment.id));
    const total = [...refunded.map((row) => row.amount), ...lost.map((row) => row.lossAmount)].reduce((sum, amount) => sum + amount, 0);
    expect(total).toBe(3 * share);
    expect(total).toBeLessThanOrEqual(payment.amount);
    // Paystack agrees: what it holds as refunded and accepted is the same.
    const atPaystack = (await (await fetch(`${paystackEnv().baseUrl}/__simulator/transactions/${payment.reference}`)).json()) as {
      refunds: Array<{ amount: number; status: string }>;
      disputes: Array<{ resolution: string | null; refund_amount: number }>;
    };
    const paystackTotal =
      atPaystack.refunds.filter((row) => row.status !== 'failed').reduce((sum, row) => sum + row.amount, 0) +
      atPaystack.disputes.filter((row) => row.resolution === 'merchant-accepted').reduce((sum, row) => sum + row.refund_amount, 0);
    expect(paystackTotal).toBe(total);
  });

  it('GET /api/admin/disputes lists disputes for admins only, paginated and filtered', async () => {
    const { order, payment } = await paidWithHooks();
    const gatewayId = await openAtPaystack(payment.reference, { dueInHours: 100 });
    await disputeRow(gatewayId);
    const get = (as: SessionUser | null, query: string) => through(listDisputesRoute, () => signedInAs(as))(request('GET', `/api/admin/disputes?${query}`));

    const listed = await get(adminAs(), `q=${order.number}&status=open&pageSize=25`);
    expect(listed.status).toBe(200);
    const page = (await listed.json()) as { rows: Array<{ gatewayDisputeId: number; orderNumber: string }>; total: number; pageSize: number };
    expect(page).toMatchObject({ total: 1, pageSize: 25, rows: [{ gatewayDisputeId: gatewayId, orderNumber: order.number }] });
    const dueSoon = (await (await get(adminAs(), `q=${order.number}&due=48h`)).json()) as { total: number };
    expect(dueSoon.total).toBe(0);
    expect((await get(null, '')).status).toBe(401);
    expect((await get({ ...adminAs(), role: 'customer' }, '')).status).toBe(403);
  });
});
