// Credit notes, against the real Postgres, the Paystack simulator and the mail catcher: each accepted refund of an
// invoiced order gets one, numbered CN-<year>-<6 digits>, gapless per year under concurrent refunds; its PDF names the
// number, the amounts and the invoice it credits; the refund email carries it; the order's viewers download it (the
// invoice's holders) and nobody else. Orders are really paid and really refunded through the use case every door calls.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as creditNoteRoute } from '@/app/api/orders/[id]/credit-notes/[creditNoteId]/route';
import { creditNoteSequences, creditNotes, invoices } from '@/db/schema';
import { formatMoney, money } from '@/lib/core/money';
import { allocateCreditNote } from '@/lib/invoices/allocate-credit-note';
import { allocateInvoice } from '@/lib/invoices/allocate-invoice';
import { creditNotePdf } from '@/lib/invoices/render-credit-note';
import { definitionFor } from '@/lib/jobs/definitions';
import { signOrderAccess } from '@/lib/orders/order-access';
import { requestRefund } from '@/lib/refunds/request-refund';
import { env } from '@/lib/core/env';
import { request } from '../support/checkout-api-fixtures';
import { signedInAs, through } from '../support/doors';
import { mailTo } from '../support/inbox';
import { testJobDeps } from '../support/job-deps';
import { paidOrder, paidOrders, uniqueEmail } from '../support/paid-order-fixtures';
import { refundDeps } from '../support/refund-fixtures';
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
    const [row] = await db.execute<{ sequences: number[] | null; last_number: number | null }>(sql`
      SELECT (SELECT array_agg(sequence ORDER BY sequence) FROM ${creditNotes} WHERE year = ${lagosYear}) AS sequences,
             (SELECT last_number FROM ${creditNoteSequences} WHERE year = ${lagosYear}) AS last_number`);
    const sequences = row?.sequences ?? [];
    expect(sequences, 'every number of the year, 1..N, none skipped').toEqual(Array.from({ length: sequences.length }, (_, index) => index + 1));
    expect(row?.last_number).toBe(sequences.length);
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
});
