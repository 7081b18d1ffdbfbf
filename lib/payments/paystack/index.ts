// The Paystack boundary's public face. Everything else in the app imports from here; only this file reads
// the environment, so tests and scripts can build their own client with createPaystackClient.
import { env } from '../../core/env';
import { createPaystackClient, type PaystackClient } from './client';

export { createPaystackClient } from './client';
export { fetchTransport, type PaystackTransport, pooledTransport } from './transport';
export type { PaystackClient, PaystackClientOptions, PaystackResult } from './client';
export { describePaystackError, isOutcomeUnknown, isTransient } from './errors';
export type { PaystackError, PaystackErrorKind } from './errors';
export { signWebhookBody, verifyWebhookSignature } from './signature';
export { toConfirmedCharge } from './map';
export { CHARGE_SUCCESS_EVENT, chargeEventKey, type DisputeEvent, readWebhookEvent, type PaystackWebhookEvent, type RefundEvent } from './webhook-events';
export * from './types';
export * from './disputes';

let defaultClient: PaystackClient | undefined;

/** The client for this process, configured from PAYSTACK_SECRET_KEY and PAYSTACK_BASE_URL. */
export function paystackClient(): PaystackClient {
  defaultClient ??= createPaystackClient({
    secretKey: env().PAYSTACK_SECRET_KEY,
    baseUrl: env().PAYSTACK_BASE_URL,
  });
  return defaultClient;
}
