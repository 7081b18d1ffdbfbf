// What a paid order's page says about its confirmation email, only while it is true: "sent" once the email went out
// (email_deliveries), "on its way" for a short while after payment (the job normally sends it within seconds), and
// nothing after that — an order page opened days later never promises an email that is not coming.
export type ConfirmationEmailNote = 'sent' | 'on_its_way' | null;

/** How long after payment an unsent confirmation is still honestly "on its way" (the job's retries fit well inside). */
export const CONFIRMATION_EXPECTED_WITHIN_MS = 30 * 60_000;

export function confirmationEmailNote(order: { paidAt: Date | null; confirmationSentAt: Date | null }, now: Date): ConfirmationEmailNote {
  if (order.confirmationSentAt) return 'sent';
  if (order.paidAt && now.getTime() - order.paidAt.getTime() < CONFIRMATION_EXPECTED_WITHIN_MS) return 'on_its_way';
  return null;
}
