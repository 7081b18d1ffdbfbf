// Helpers for tests that drive the Paystack simulator of the test stack: its URL and key come from the
// environment the integration setup provides; its control API (/__simulator/...) stands in for a browser.
import { randomUUID } from 'node:crypto';
import type { KnobsInput } from '../../scripts/paystack-sim/knobs';
import type { Delivery } from '../../scripts/paystack-sim/webhooks';

export function paystackEnv(): { baseUrl: string; secretKey: string } {
  const baseUrl = process.env.PAYSTACK_BASE_URL;
  const secretKey = process.env.PAYSTACK_SECRET_KEY;
  if (!baseUrl || !secretKey) throw new Error('PAYSTACK_BASE_URL and PAYSTACK_SECRET_KEY must be set (integration setup)');
  return { baseUrl, secretKey };
}

/** A reference no other test (or earlier run against the same simulator) has used; Paystack's charset only. */
export function uniqueReference(label: string): string {
  return `T-${label}-${randomUUID().slice(0, 12)}`;
}

async function control<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${paystackEnv().baseUrl}/__simulator${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

export const simulator = {
  setKnobs: async (reference: string, knobs: KnobsInput) => {
    const reply = await control('POST', `/transactions/${encodeURIComponent(reference)}/knobs`, knobs);
    if (reply.status !== 200) throw new Error(`knobs refused: ${JSON.stringify(reply.body)}`);
  },
  act: (reference: string, action: 'pay' | 'decline' | 'abandon') =>
    control<{ outcome: string }>('POST', `/transactions/${encodeURIComponent(reference)}/${action}`),
  settleTransaction: (reference: string, outcome: 'success' | 'failed') =>
    control<{ outcome: string }>('POST', `/transactions/${encodeURIComponent(reference)}/settle`, { outcome }),
  settleRefund: (id: number, status: 'processing' | 'processed' | 'failed' | 'needs-attention') =>
    control<{ moved: boolean }>('POST', `/refunds/${id}/settle`, { status }),
  deliveries: async (reference: string): Promise<Delivery[]> =>
    (await control<{ deliveries: Delivery[] }>('GET', `/webhooks?reference=${encodeURIComponent(reference)}`)).body.deliveries,
  config: () => control<{ knobs: Record<string, unknown> }>('GET', '/config'),
  setConfig: (knobs: KnobsInput) => control('POST', '/config', knobs),
};

/** Raw call to the simulated Paystack API, for checks on exact status codes and bodies. */
export async function paystackApi(
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; secretKey?: string | null } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const { baseUrl, secretKey } = paystackEnv();
  const key = options.secretKey === undefined ? secretKey : options.secretKey;
  const headers: Record<string, string> = key === null ? {} : { authorization: `Bearer ${key}` };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
