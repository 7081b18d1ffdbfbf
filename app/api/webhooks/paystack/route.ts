// POST /api/webhooks/paystack – verify, dedupe and apply Paystack events
import { env, paystackMode, webhookIpAllowlist } from '@/lib/core/env';
import { verifyWebhookSignature } from '@/lib/payments/paystack/signature';
import { relayAfterResponse } from '@/lib/server/deps/jobs';
import { afterPaymentCommitted } from '@/lib/server/deps/payment-effects';
import { apiError, apiJson, DEFAULT_RAW_BODY_BYTES, route } from '@/lib/server/doors/route';
import { receivePaystackWebhook } from '@/lib/webhooks/receive-paystack-webhook';

export const dynamic = 'force-dynamic';

// Server to server: no cookie rides along, so no same-origin rule; the signature is the authentication.
export const POST = route(
  // Paystack's events are a few KB: 1 MB is generous, and nothing larger is read (413).
  { name: 'api/webhooks/paystack', audience: 'public', sameOrigin: false, rawBody: true, maxBodyBytes: DEFAULT_RAW_BODY_BYTES, allowFrom: webhookIpAllowlist },
  async ({ request, rawBody, deps }) => {
    // The signature covers the exact bytes Paystack sent: the raw body, never a re-serialised object.
    if (!verifyWebhookSignature(rawBody, request.headers.get('x-paystack-signature'), env().PAYSTACK_SECRET_KEY)) {
      return apiError('invalid_signature');
    }
    const result = await receivePaystackWebhook({ db: deps.db }, { rawBody, headers: pickHeaders(request.headers) }, { expectedDomain: paystackMode() });
    switch (result.kind) {
      case 'invalid':
        return apiError('invalid_payload', { message: result.error });
      case 'duplicate':
        return apiJson({ status: 'duplicate' });
      case 'failed':
        // Non-2xx makes Paystack deliver again; the error itself stays in webhook_events, not in the response.
        return apiJson({ status: 'failed' }, { status: 500 });
      default:
        if (result.effects) await afterPaymentCommitted(result.effects, { mirrors: 'after-response' });
        // Refund and dispute events queue jobs too (emails to the shopper or the admins): wake the relay for them.
        else relayAfterResponse();
        return apiJson({ status: result.kind });
    }
  },
);

function pickHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ['user-agent', 'content-type', 'x-forwarded-for', 'x-real-ip']) {
    const value = headers.get(name);
    if (value) kept[name] = value;
  }
  return kept;
}
