// Sends an email at most once per dedupe key, as far as SMTP allows (see the at-least-once note below), using the
// `email_deliveries` row as both the record and the claim. A job may run twice, concurrently or after a crash; the
// row decides who sends.
//
// 1. Claim, in ONE statement: `INSERT … ON CONFLICT (dedupe_key) DO UPDATE SET status = 'sending', claim_token = …
//    WHERE status = 'failed' OR (status = 'sending' AND the lease ran out)`. Postgres runs the upsert under the
//    row's lock, so of two concurrent callers exactly one gets its claim token back; the other sees `sent` (nothing to
//    do) or a live `sending` claim (it throws EmailDeliveryInProgressError so its job retries later, when the email
//    is either sent or the claim has expired). The claim commits at once: no transaction is held over SMTP.
// 2. Send through the mailer, outside any transaction.
// 3. Record the outcome: `sent` with the provider's message id, or `failed` with the error — and then THROW, so the
//    job runner retries with backoff. A `failed` row is claimable again immediately.
//
// At-least-once, honestly: SMTP has no idempotency key. If the server accepted the message and this process died (or
// the database write failed) before step 3, the row stays `sending`; once its lease expires a retry sends the email
// again. The same happens if one SMTP exchange outlasts the lease. The lease is far above the mailer's own timeouts
// to keep the second case theoretical, and every attempt reuses one Message-ID so receiving systems can drop a copy.
import { randomUUID } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { emailDeliveries } from '../../db/schema';
import type { MailAttachment, Mailer } from './mailer';

export type EmailKind =
  | 'order_confirmation'
  | 'payment_receipt'
  | 'order_link'
  | 'payment_alert'
  | 'low_stock'
  | 'dispute_alert'
  | 'abandoned_checkout'
  | 'refund_processed'
  | 'refund_failed'
  | 'order_shipped'
  | 'verify_email'
  | 'password_reset'
  | 'already_registered'
  | 'password_changed';

export interface SendEmailDeps {
  /** The database itself, never a transaction (the type refuses one): the claim must commit before SMTP is called. */
  db: Database;
  mailer: Mailer;
  /** How long a `sending` claim protects an attempt before another may take over (default 5 minutes). */
  leaseMs?: number;
}

export interface EmailToSend {
  kind: EmailKind;
  /** One email per key, e.g. `order_confirmation:<orderId>`. */
  dedupeKey: string;
  orderId?: string | null;
  refundId?: string | null;
  to: string;
  subject: string;
  html: string;
  text: string;
  attachments?: MailAttachment[];
}

export type SendEmailOutcome =
  | { status: 'sent'; deliveryId: string; messageId: string }
  | { status: 'already_sent'; deliveryId: string; messageId: string | null };

export const DEFAULT_EMAIL_LEASE_MS = 5 * 60_000;

/** Another worker holds a live claim on this key; retrying later is safe (it will be `sent` or claimable). */
export class EmailDeliveryInProgressError extends Error {
  override name = 'EmailDeliveryInProgressError';
  readonly retryable = true;
}

/** The mail server refused or could not be reached; the delivery row is `failed` and a retry sends it. */
export class EmailSendError extends Error {
  override name = 'EmailSendError';
  readonly retryable = true;
}

export async function sendEmailOnce(deps: SendEmailDeps, email: EmailToSend): Promise<SendEmailOutcome> {
  const leaseMs = Math.max(1_000, Math.trunc(deps.leaseMs ?? DEFAULT_EMAIL_LEASE_MS));
  const claimToken = randomUUID();
  const [claimed] = await deps.db
    .insert(emailDeliveries)
    .values({
      kind: email.kind,
      dedupeKey: email.dedupeKey,
      orderId: email.orderId ?? null,
      refundId: email.refundId ?? null,
      recipient: email.to,
      subject: email.subject,
      status: 'sending',
      claimToken,
      claimedAt: sql`now()`,
      attempts: 1,
    })
    .onConflictDoUpdate({
      target: emailDeliveries.dedupeKey,
      set: {
        status: 'sending',
        claimToken,
        claimedAt: sql`now()`,
        attempts: sql`${emailDeliveries.attempts} + 1`,
        recipient: email.to,
        subject: email.subject,
        error: null,
      },
      setWhere: sql`${emailDeliveries.status} = 'failed' OR (${emailDeliveries.status} = 'sending' AND (${emailDeliveries.claimedAt} IS NULL OR ${emailDeliveries.claimedAt} < now() - make_interval(secs => ${leaseMs / 1000})))`,
    })
    .returning({ id: emailDeliveries.id, claimToken: emailDeliveries.claimToken });

  if (!claimed || claimed.claimToken !== claimToken) {
    const [existing] = await deps.db
      .select({ id: emailDeliveries.id, status: emailDeliveries.status, providerMessageId: emailDeliveries.providerMessageId })
      .from(emailDeliveries)
      .where(eq(emailDeliveries.dedupeKey, email.dedupeKey));
    if (existing?.status === 'sent') return { status: 'already_sent', deliveryId: existing.id, messageId: existing.providerMessageId };
    // `sending` under someone else's live claim (or `failed` again by the time we looked: retrying is right either way).
    throw new EmailDeliveryInProgressError(`Email ${email.dedupeKey} is being sent by another worker (${existing?.status ?? 'unknown'}); retry later`);
  }

  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send({
      to: email.to,
      subject: email.subject,
      html: email.html,
      text: email.text,
      attachments: email.attachments,
      stableId: `email-${claimed.id}`,
    }));
  } catch (error) {
    const reason = describeError(error);
    // Only our own live claim turns `failed`: a slower attempt must never overwrite a send that already succeeded.
    await deps.db
      .update(emailDeliveries)
      .set({ status: 'failed', error: reason })
      .where(and(eq(emailDeliveries.id, claimed.id), eq(emailDeliveries.claimToken, claimToken), eq(emailDeliveries.status, 'sending')));
    throw new EmailSendError(`Sending ${email.kind} email ${email.dedupeKey} failed: ${reason}`, { cause: error });
  }

  // Recorded whoever holds the claim now: the message has left, and `sent` is the truth about it.
  await deps.db
    .update(emailDeliveries)
    .set({ status: 'sent', providerMessageId: messageId, sentAt: sql`now()`, error: null })
    .where(and(eq(emailDeliveries.id, claimed.id), ne(emailDeliveries.status, 'sent')));
  return { status: 'sent', deliveryId: claimed.id, messageId };
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return message.slice(0, 1_000);
}
