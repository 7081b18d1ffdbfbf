// Credit notes, against the real Postgres, the Paystack simulator and the mail catcher: each accepted refund of an
// invoiced order gets one, numbered CN-<year>-<6 digits>, gapless per year under concurrent refunds; its PDF names the
// number, the amounts and the invoice it credits; the refund email carries it; the order's viewers download it (the
// invoice's holders) and nobody else. Orders are really paid and really refunded through the use case every door calls.
// A refund that fails after Paystack accepted it (the simulator fails it; its webhook, or the reconciliation, tells us)
// cancels its credit note once: the note keeps its number, its PDF says CANCELLED, and the series stays gapless.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as creditNoteRoute } from '@/app/api/orders/[id]/credit-notes/[creditNoteId]/route';
import { getOrderDetail } from '@/db/queries/orders';
import { auditLogs, creditNoteSequences, creditNotes, invoices, refunds as refundsTable } from '@/db/schema';
import { formatMoney, money } from '@/lib/core/money';
import { allocateCreditNote } from '@/lib/invoices/allocate-credit-note';
import { allocateInvoice } from '@/lib/invoices/allocate-invoice';
import { cancelCreditNoteOfRefund } from '@/lib/invoices/cancel-credit-note';
import { creditNotePdf } from '@/lib/invoices/render-credit-note';
import { definitionFor } from '@/lib/jobs/definitions';
import { signOrderAccess } from '@/lib/orders/order-access';
import { checkOpenRefunds } from '@/lib/refunds/check-open-refunds';
import { requestRefund } from '@/lib/refunds/request-refund';
import { env } from '@/lib/core/env';
import { request } from '../support/checkout-api-fixtures';
import { signedInAs, through } from '../support/doors';
import { mailTo } from '../support/inbox';
import { testJobDeps } from '../support/job-deps';
import { paidOrder, paidOrders, uniqueEmail } from '../support/paid-order-fixtures';
import { deliverWebhook, refundDeps, refundWebhook } from '../support/refund-fixtures';
import { simulator } from '../support/paystack-sim';
import { adminUser } from '../support/refund-fixtures';

const jobs = testJobDeps(25);
const { db } = jobs;
afterAll(() => jobs.close());
let adminId = '';
let lagosYear = 0;
beforeAll(async () => {
  adminId = (await adminUser(db)).id;
  const [row] = await db.execute<{ year: number }>(sql`SELECT extract(year FROM now() AT TIME ZONE 'Africa/Lagos')::int AS year`);
  lagosYear = row!.year;
});

function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('pdftotext', ['-layout', '-', '-'], { encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    child.stdin?.end(pdf);
  });
}

const refund = (orderId: string, amount: number, reason = 'Damaged in transit') =>
  requestRefund(refundDeps(db), { orderId, amount, reason, actor: { kind: 'admin', userId: adminId }, idempotencyKey: randomUUID() });

/** Every credit-note number of the year is 1..N, none skipped, and the counter stands at N. */
async function expectGaplessSeries() {
  const [row] = await db.execute<{ sequences: number[] | null; last_number: number | null }>(sql`
    SELECT (SELECT array_agg(sequence ORDER BY sequence) FROM ${creditNotes} WHERE year = ${lagosYear}) AS sequences,
           (SELECT last_number FROM ${creditNoteSequences} WHERE year = ${lagosYear}) AS last_number`);
  const sequences = row?.sequences ?? [];
  expect(sequences, 'every number of the year, 1..N, none skipped').toEqual(Array.from({ length: sequences.length }, (_, index) => index + 1));
  expect(row?.last_number).toBe(sequences.length);
}

const cancellations = (creditNoteId: string) =>
  db.$count(auditLogs, and(eq(auditLogs.entityType, 'credit_note'), eq(auditLogs.entityId, creditNoteId), eq(auditLogs.action, 'credit_note.cancelled')));

async function invoiced(count: number) {
  const orders = await paidOrders(db, count);
  for (const { order, payment } of orders) {
    await simulator.setKnobs(payment.reference, { refundAutoProcessMs: null });
    const invoice = await allocateInvoice(db, order.id);
    expect(invoice.ok).toBe(true);
  }
  return orders;
}

describe('credit notes', () => {
  it('numbers are gapless per year under concurrent refunds (and their retried jobs): one per accepted refund', async () => {
    const orders = await invoiced(8);
    // Eight orders refunded at once, one of them twice at once (two partial refunds of one order).
    const refunds = await Promise.all([...orders.map(({ order }) => refund(order.id, 1_000_00)), refund(orders[0]!.order.id, 2_000_00)]);
    const ids = refunds.map((result) => {
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      return result.value.id;
    });
    // Every refund's allocation runs twice at once (a retried job racing the first attempt): still one credit note each.
    const allocated = await Promise.all(ids.flatMap((refundId) => [0, 1].map(() => allocateCreditNote(db, refundId))));
    expect(allocated.every((result) => result.ok)).toBe(true);
    const notes = await db.select().from(creditNotes).where(inArray(creditNotes.refundId, ids));
    expect(notes).toHaveLength(ids.length);
    for (const note of notes) expect(note.number).toBe(`CN-${lagosYear}-${String(note.sequence).padStart(6, '0')}`);
    await expectGaplessSeries();
  });

  it('its PDF holds its number, the amounts and the invoice it credits; the refund email carries it', async () => {
    const email = uniqueEmail('credit');
    const { order, payment } = await paidOrder(db, { email, quantity: 1 });
    await simulator.setKnobs(payment.reference, { refundAutoProcessMs: null });
    const refunded = await refund(order.id, 5_000_00, 'Wrong size');
    if (!refunded.ok) throw new Error(JSON.stringify(refunded.error));
    for (const step of definitionFor('refund/settled')!.steps) await step.run(jobs.deps, { refundId: refunded.value.id, outcome: 'processed' });

    const [note] = await db.select().from(creditNotes).where(eq(creditNotes.refundId, refunded.value.id));
    const [invoice] = await db.select().from(invoices).where(eq(invoices.orderId, order.id));
    expect(note).toMatchObject({ amount: 5_000_00, invoiceId: invoice!.id, orderId: order.id });
    const text = await pdfText((await creditNotePdf(db, note!.id))!.pdf);
    expect(text).toContain('CREDIT NOTE');
    expect(text).toContain(note!.number);
    expect(text).toContain(invoice!.number);
    expect(text).toContain(order.number);
    expect(text).toContain(formatMoney(money(5_000_00, 'NGN')));
    expect(text).toContain(formatMoney(money(invoice!.totalAmount, 'NGN')));
    expect(text).toContain('Wrong size');

    const [mail] = await mailTo(email, 1, (candidate) => candidate.subject.startsWith('Refund of'));
    expect(mail!.text).toContain(note!.number);
    expect(mail!.attachments, JSON.stringify(mail!.attachments)).toHaveLength(1);
    expect(mail!.attachments![0]).toMatchObject({ contentType: 'application/pdf' });
    expect(JSON.stringify(mail!.attachments)).toContain(note!.number);
  });

  it('is downloaded by the order’s viewers only: the guest link token opens it, anyone else gets 404', async () => {
    const { order, payment } = await paidOrder(db, { quantity: 1 });
    await simulator.setKnobs(payment.reference, { refundAutoProcessMs: null });
    const refunded = await refund(order.id, 1_000_00);
    if (!refunded.ok) throw new Error(JSON.stringify(refunded.error));
    const note = await allocateCreditNote(db, refunded.value.id);
    if (!note.ok) throw new Error(note.error);
    const get = (query: string) =>
      through(creditNoteRoute, () => signedInAs(null))(request('GET', `/api/orders/${order.id}/credit-notes/${note.value.id}${query}`), {
        params: Promise.resolve({ id: order.id, creditNoteId: note.value.id }),
      });
    expect((await get('')).status).toBe(404);
    expect((await get('?token=not-a-token')).status).toBe(404);
    const ok = await get(`?token=${signOrderAccess(env().NEXTAUTH_SECRET, order.id)}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-disposition')).toContain(`${note.value.number}.pdf`);
    // Another order's token opens nothing here.
    const other = await paidOrder(db, { quantity: 1 });
    expect((await get(`?token=${signOrderAccess(env().NEXTAUTH_SECRET, other.order.id)}`)).status).toBe(404);
  });

  it('is cancelled, once, when its refund fails (the failure webhook delivered twice): it keeps its number, its PDF says so, the series stays gapless', async () => {
    const [{ order, payment }] = (await invoiced(1)) as [Awaited<ReturnType<typeof invoiced>>[number]];
    const refunded = await refund(order.id, 1_000_00, 'Out of stock');
    if (!refunded.ok) throw new Error(JSON.stringify(refunded.error));
    const issued = await allocateCreditNote(db, refunded.value.id);
    if (!issued.ok) throw new Error(issued.error);
    expect(issued.value.cancelledAt).toBeNull();

    await simulator.settleRefund(Number(refunded.value.gatewayRefundId), 'failed');
    const failed = await refundWebhook(payment.reference, 'refund.failed', refunded.value.gatewayRefundId!);
    const outcomes = await Promise.all([deliverWebhook(db, failed), deliverWebhook(db, failed)]);
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['duplicate', 'processed']);
    // Once more as if from another path: a note already cancelled is left as it is.
    expect(await db.transaction((tx) => cancelCreditNoteOfRefund(tx, refunded.value.id, { actor: { type: 'system' }, reason: 'again' }))).toBeNull();

    const [note] = await db.select().from(creditNotes).where(eq(creditNotes.refundId, refunded.value.id));
    const [refundRow] = await db.select().from(refundsTable).where(eq(refundsTable.id, refunded.value.id));
    expect(refundRow!.status).toBe('failed');
    expect(note).toMatchObject({ id: issued.value.id, number: issued.value.number, sequence: issued.value.sequence, amount: 1_000_00 });
    expect(note!.cancelledAt).toBeInstanceOf(Date);
    expect(note!.cancellationReason).toBe('The refund failed: Paystack reports the refund as failed');
    expect(await cancellations(note!.id)).toBe(1);
    // Asking for the refund's credit note again finds the same (cancelled) one: no new number.
    expect(await allocateCreditNote(db, refunded.value.id)).toMatchObject({ ok: true, value: { id: note!.id, created: false } });

    const text = await pdfText((await creditNotePdf(db, note!.id))!.pdf);
    expect(text).toContain(note!.number);
    expect(text).toContain('CANCELLED — the refund failed on');
    expect(text).toContain('no amount was credited');
    expect(text).not.toContain(`reduces invoice`);

    // The document still exists: its holders still download it; the order page shows it as cancelled.
    const download = await through(creditNoteRoute, () => signedInAs(null))(
      request('GET', `/api/orders/${order.id}/credit-notes/${note!.id}?token=${signOrderAccess(env().NEXTAUTH_SECRET, order.id)}`),
      { params: Promise.resolve({ id: order.id, creditNoteId: note!.id }) },
    );
    expect(download.status).toBe(200);
    const detail = await getOrderDetail(db, order.id);
    expect(detail!.refunds).toHaveLength(1);
    expect(detail!.refunds[0]).toMatchObject({ status: 'failed', creditNote: { id: note!.id, number: note!.number, cancelledAt: note!.cancelledAt } });
    await expectGaplessSeries();
  });

  it('is cancelled when the refund reconciliation finds its refund failed (the webhook lost)', async () => {
    const [{ order, payment }] = (await invoiced(1)) as [Awaited<ReturnType<typeof invoiced>>[number]];
    await simulator.setKnobs(payment.reference, { dropRefundWebhooks: true });
    const refunded = await refund(order.id, 1_000_00);
    if (!refunded.ok) throw new Error(JSON.stringify(refunded.error));
    const issued = await allocateCreditNote(db, refunded.value.id);
    if (!issued.ok) throw new Error(issued.error);
    await simulator.settleRefund(Number(refunded.value.gatewayRefundId), 'failed');
    // An hour of silence, stood in for by moving the refund's last answer back.
    await db.update(refundsTable).set({ gatewayCheckedAt: sql`now() - interval '61 minutes'` }).where(eq(refundsTable.id, refunded.value.id));
    expect(await checkOpenRefunds(refundDeps(db), { onlyIds: [refunded.value.id] })).toEqual({ settled: 1, unchanged: 0, unreachable: 0 });

    const [note] = await db.select().from(creditNotes).where(eq(creditNotes.id, issued.value.id));
    expect(note).toMatchObject({ number: issued.value.number, cancellationReason: expect.stringContaining('found by the refund reconciliation') });
    expect(note!.cancelledAt).toBeInstanceOf(Date);
    expect(await cancellations(note!.id)).toBe(1);
    await expectGaplessSeries();
  });

  it('is not issued for a refund that failed before its credit note was asked for: no number is used', async () => {
    const [{ order, payment }] = (await invoiced(1)) as [Awaited<ReturnType<typeof invoiced>>[number]];
    const refunded = await refund(order.id, 1_000_00);
    if (!refunded.ok) throw new Error(JSON.stringify(refunded.error));
    await simulator.settleRefund(Number(refunded.value.gatewayRefundId), 'failed');
    expect(await deliverWebhook(db, await refundWebhook(payment.reference, 'refund.failed', refunded.value.gatewayRefundId!))).toMatchObject({
      kind: 'processed',
    });
    expect(await allocateCreditNote(db, refunded.value.id)).toEqual({ ok: false, error: 'refund_not_accepted' });
    expect(await db.$count(creditNotes, eq(creditNotes.refundId, refunded.value.id))).toBe(0);
    await expectGaplessSeries();
  });
});
