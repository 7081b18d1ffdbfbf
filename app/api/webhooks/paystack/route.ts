// POST /api/webhooks/paystack – verify, store in the webhook inbox, acknowledge; the inbox worker applies the event
import { env, webhookIpAllowlist } from '@/lib/core/env';
import { cardVault } from '@/lib/cards/vault-from-env';
import { verifyWebhookSignature } from '@/lib/payments/paystack/signature';
import { wakeWebhookInbox } from '@/lib/server/deps/webhook-inbox';
import { apiError, apiJson, DEFAULT_RAW_BODY_BYTES, route } from '@/lib/server/doors/route';
import { acceptPaystackWebhook } from '@/lib/webhooks/inbox';

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
    // Stored, then answered: a 200 means the event is safely in the inbox, NOT that it was applied (README,
    // "What happens when… a webhook arrives"). If the store fails the route throws → 500, and Paystack retries.
    const result = await acceptPaystackWebhook({ db: deps.db, cardVault: cardVault() }, { rawBody, headers: pickHeaders(request.headers) });
    switch (result.kind) {
      case 'invalid':
        return apiError('invalid_payload', { message: result.error });
      case 'duplicate':
        return apiJson({ status: 'duplicate' });
      default:
        wakeWebhookInbox();
        return apiJson({ status: 'received' });
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
