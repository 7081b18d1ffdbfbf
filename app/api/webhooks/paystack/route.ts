// POST /api/webhooks/paystack – verify, dedupe and apply Paystack events
import { db } from '@/db';
import { env } from '@/lib/env';
import { verifyWebhookSignature } from '@/lib/payments/paystack/signature';
import { afterPaymentCommitted } from '@/lib/server/payment-effects';
import { clientIp } from '@/lib/server/request-meta';
import { receivePaystackWebhook } from '@/lib/webhooks/receive-paystack-webhook';

export const dynamic = 'force-dynamic';

const json = (status: number, body: Record<string, string>) => Response.json(body, { status });

export async function POST(request: Request): Promise<Response> {
  const { PAYSTACK_SECRET_KEY, PAYSTACK_WEBHOOK_IP_ALLOWLIST } = env();
  if (PAYSTACK_WEBHOOK_IP_ALLOWLIST) {
    const allowed = PAYSTACK_WEBHOOK_IP_ALLOWLIST.split(',').map((ip) => ip.trim());
    if (!allowed.includes(clientIp(Object.fromEntries(request.headers)))) return json(403, { error: 'source address not allowed' });
  }

  // The signature covers the exact bytes Paystack sent: read the raw body, never a re-serialised object.
  const rawBody = await request.text();
  if (!verifyWebhookSignature(rawBody, request.headers.get('x-paystack-signature'), PAYSTACK_SECRET_KEY)) {
    return json(401, { error: 'invalid signature' });
  }

  const result = await receivePaystackWebhook(
    { db },
    { rawBody, headers: pickHeaders(request.headers) },
    { expectedDomain: PAYSTACK_SECRET_KEY.startsWith('sk_live_') ? 'live' : 'test' },
  );
  switch (result.kind) {
    case 'invalid':
      return json(400, { error: result.error });
    case 'duplicate':
      return json(200, { status: 'duplicate' });
    case 'failed':
      // Non-2xx makes Paystack deliver again; the error itself stays in webhook_events, not in the response.
      return json(500, { status: 'failed' });
    default:
      if (result.effects) await afterPaymentCommitted(result.effects);
      return json(200, { status: result.kind });
  }
}

function pickHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ['user-agent', 'content-type', 'x-forwarded-for', 'x-real-ip']) {
    const value = headers.get(name);
    if (value) kept[name] = value;
  }
  return kept;
}
