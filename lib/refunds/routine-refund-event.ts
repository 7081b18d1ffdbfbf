// A refund webhook that tells the shop what it already knows — `refund.pending` for a refund Paystack's own answer
// already made pending, or any state the refund has already reached or passed — is routine: recorded (so a redelivery
// is a duplicate) and nothing to act on or replay. Its outcome is written and recognised here only, so the webhook
// inbox can say "Recorded" instead of "Ignored" without guessing. Pure: the inbox's client components read it.

const ROUTINE = /^refund already ([a-z_]+); ([a-z_]+) changes nothing$/;

/** The outcome stored for a refund event that moved nothing because the refund is already there (or further on). */
export const routineRefundOutcome = (current: string, reported: string) => `refund already ${current}; ${reported} changes nothing`;

export const isRoutineRefundOutcome = (outcome: string | null | undefined): boolean => typeof outcome === 'string' && ROUTINE.test(outcome);
