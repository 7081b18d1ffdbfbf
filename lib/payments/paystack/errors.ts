// What can go wrong talking to Paystack, as values a caller can act on. The split that matters is
// "Paystack answered no" (retrying the same request cannot help) versus "we do not know what happened"
// (for initialize and refund the money movement may or may not exist: verify or fetch before retrying).

export type PaystackError =
  /** Paystack refused the request (4xx with `{status:false, message}`). Retrying unchanged will fail again. */
  | { kind: 'rejected'; status: number; message: string; code?: string }
  /** The secret key is missing, wrong or for another integration: a configuration problem, not a payment one. */
  | { kind: 'unauthorized'; status: number; message: string }
  /** 5xx, 429 or a network failure. For writes the outcome is unknown. */
  | { kind: 'unavailable'; status?: number; message: string }
  /** No answer within the timeout. For writes the outcome is unknown. */
  | { kind: 'timeout'; message: string }
  /** Paystack answered 2xx with something we cannot read; treat the outcome as unknown. */
  | { kind: 'invalid_response'; status: number; message: string };

export type PaystackErrorKind = PaystackError['kind'];

/**
 * True when the request may have taken effect even though we got no usable answer. A caller that sees this
 * after initialize or createRefund must look the object up (verify / listRefunds) before sending it again.
 */
export function isOutcomeUnknown(error: PaystackError): boolean {
  return error.kind === 'unavailable' || error.kind === 'timeout' || error.kind === 'invalid_response';
}

/** Safe-to-repeat reads are retried on these; a 4xx would only repeat the same refusal. */
export function isTransient(error: PaystackError): boolean {
  return error.kind === 'unavailable' || error.kind === 'timeout';
}

/** One line for logs and admin screens; never includes the key or request body. */
export function describePaystackError(error: PaystackError): string {
  switch (error.kind) {
    case 'rejected':
      return `Paystack rejected the request (${error.status}${error.code ? `, ${error.code}` : ''}): ${error.message}`;
    case 'unauthorized':
      return `Paystack did not accept the secret key (${error.status}): ${error.message}`;
    case 'unavailable':
      return `Paystack is unavailable${error.status ? ` (${error.status})` : ''}: ${error.message}`;
    case 'timeout':
      return `Paystack did not answer in time: ${error.message}`;
    case 'invalid_response':
      return `Paystack sent an unreadable response (${error.status}): ${error.message}`;
  }
}
