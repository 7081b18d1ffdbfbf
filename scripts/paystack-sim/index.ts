// Starts the Paystack simulator: Paystack's transaction and refund API, a hosted checkout page, signed
// webhooks and fault knobs, on one local port. The app talks to it through PAYSTACK_BASE_URL, unaware.
import { createServer } from 'node:http';
import { assertPortFree } from '../stack/errors';
import type { SimContext } from './context';
import { KnobBook } from './knobs';
import { createRequestHandler } from './server';
import { SimStore } from './store';
import { Timers } from './timers';
import { WebhookSender } from './webhooks';

export interface PaystackSimulatorOptions {
  port: number;
  secretKey: string;
  /** Accepted for symmetry with Paystack's keys; the redirect checkout flow never needs it. */
  publicKey?: string;
  /** Where webhooks go; changeable at runtime through POST /__simulator/config. */
  webhookUrl: string;
  merchantName?: string;
  log?: (line: string) => void;
}

export interface PaystackSimulator {
  url: string;
  stop(): Promise<void>;
}

export async function startPaystackSimulator(opts: PaystackSimulatorOptions): Promise<PaystackSimulator> {
  await assertPortFree(opts.port, 'Paystack simulator');
  const url = `http://127.0.0.1:${opts.port}`;
  const log = opts.log ?? (() => {});
  const domain = opts.secretKey.startsWith('sk_live_') ? 'live' : 'test';
  const timers = new Timers((error) => log(`background task failed: ${error instanceof Error ? error.message : String(error)}`));
  const knobs = new KnobBook({
    webhookUrl: opts.webhookUrl,
    webhookDelayMs: 0,
    webhookCopies: 1,
    webhookConcurrentCopies: 1,
    dropWebhooks: false,
    dropRefundWebhooks: false,
    customerBearsFees: false,
    outOfOrderWindowMs: 0,
    // Paystack retries test-mode and live-mode webhooks on different schedules.
    retrySchedule: domain,
    timeScale: 1,
    // Real refunds take days; locally a couple of seconds keeps the admin flow moving.
    refundAutoProcessMs: 2_000,
    refundOutcome: 'processed',
    pendingStatus: null,
    reusableAuthorization: true,
    chargeAuthorizationOutcome: 'success',
  });
  const ctx: SimContext = {
    store: new SimStore(),
    knobs,
    webhooks: new WebhookSender({ secretKey: opts.secretKey, knobs, timers, log, deliveryTimeoutMs: 10_000 }),
    timers,
    domain,
    baseUrl: url,
    secretKey: opts.secretKey,
    merchantName: opts.merchantName ?? 'Paystack Commerce',
    log,
  };

  const handle = createRequestHandler(ctx);
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: opts.port, host: '127.0.0.1' }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  log(`Paystack simulator on ${url} (webhooks → ${opts.webhookUrl})`);

  return {
    url,
    stop: async () => {
      timers.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Held (timeout-knob) requests and keep-alive sockets would otherwise keep close() waiting.
      server.closeAllConnections();
      await closed;
    },
  };
}
