// Sends signed webhooks the way Paystack does - `{event, data}`, no event id, `x-paystack-signature` over the
// exact bytes sent - and bends delivery with the knobs: delay, copies, drop, reordering, retries.
import { signWebhookBody } from '../../lib/payments/paystack/signature';
import type { KnobBook, Knobs } from './knobs';
import type { Timers } from './timers';

const minute = 60_000;
const maxLoggedDeliveries = 5_000;
const hour = 60 * minute;

/**
 * Waits before each retry, from Paystack's "Webhooks" guide: live mode retries every 3 minutes for the first
 * 4 tries, then hourly for 72 hours; test mode hourly for 72 hours. `timeScale` compresses both for tests.
 */
export const retrySchedules: Record<Knobs['retrySchedule'], number[]> = {
  test: Array.from({ length: 72 }, () => hour),
  live: [...Array.from({ length: 4 }, () => 3 * minute), ...Array.from({ length: 71 }, () => hour)],
  none: [],
};

export interface Delivery {
  id: number;
  event: string;
  reference: string;
  copy: number;
  body: string;
  signature: string;
  state: 'scheduled' | 'held' | 'delivering' | 'delivered' | 'retrying' | 'failed' | 'dropped';
  attempts: { at: string; url: string; status: number | null; error?: string; durationMs: number }[];
  nextAttemptAt: string | null;
}

interface Deps {
  secretKey: string;
  knobs: KnobBook;
  timers: Timers;
  log: (line: string) => void;
  deliveryTimeoutMs: number;
}

export class WebhookSender {
  private deliveries: Delivery[] = [];
  private nextId = 1;
  private held = new Map<string, Delivery[][]>();

  constructor(private readonly deps: Deps) {}

  emit(event: string, data: unknown, reference: string): void {
    const knobs = this.deps.knobs.resolve(reference);
    const body = JSON.stringify({ event, data });
    const signature = signWebhookBody(body, this.deps.secretKey);
    const drop = knobs.dropWebhooks || (knobs.dropRefundWebhooks && event.startsWith('refund.'));
    const copies = Array.from({ length: drop ? 1 : knobs.webhookCopies }, (_, index) => this.record({ event, reference, body, signature, copy: index + 1 }));
    if (drop) {
      for (const delivery of copies) delivery.state = 'dropped';
      this.deps.log(`webhook ${event} ${reference} dropped (knob)`);
      return;
    }
    if (knobs.outOfOrderWindowMs > 0) {
      this.hold(reference, copies, knobs.outOfOrderWindowMs);
      return;
    }
    this.dispatch(copies, knobs);
  }

  list(filter: { reference?: string; event?: string } = {}): Delivery[] {
    return this.deliveries.filter(
      (delivery) =>
        (filter.reference === undefined || delivery.reference === filter.reference) && (filter.event === undefined || delivery.event === filter.event),
    );
  }

  reset(): void {
    this.deliveries = [];
    this.held.clear();
  }

  private record(fields: Pick<Delivery, 'event' | 'reference' | 'body' | 'signature' | 'copy'>): Delivery {
    const delivery: Delivery = { id: this.nextId++, ...fields, state: 'scheduled', attempts: [], nextAttemptAt: null };
    this.deliveries.push(delivery);
    // A long `npm start` session should not keep every body forever; tests look at recent ones.
    if (this.deliveries.length > maxLoggedDeliveries) this.deliveries.shift();
    return delivery;
  }

  /** Collects a transaction's events over the window, then releases them newest first. */
  private hold(reference: string, copies: Delivery[], windowMs: number): void {
    for (const delivery of copies) delivery.state = 'held';
    const batch = this.held.get(reference);
    if (batch) return void batch.push(copies);
    this.held.set(reference, [copies]);
    this.deps.timers.after(windowMs, async () => {
      const events = this.held.get(reference) ?? [];
      this.held.delete(reference);
      // One event after the other, so the receiver sees them in exactly the reversed order.
      for (const eventCopies of events.reverse()) await this.deliverRound(eventCopies, this.deps.knobs.resolve(reference));
    });
  }

  private dispatch(copies: Delivery[], knobs: Knobs): void {
    this.deps.timers.after(knobs.webhookDelayMs, () => this.deliverRound(copies, knobs));
  }

  /** First attempt of every copy: some at the same instant, the rest one by one. Retries run on their own. */
  private async deliverRound(copies: Delivery[], knobs: Knobs): Promise<void> {
    const together = copies.slice(0, knobs.webhookConcurrentCopies);
    const oneByOne = copies.slice(knobs.webhookConcurrentCopies);
    await Promise.all(together.map((delivery) => this.attempt(delivery)));
    for (const delivery of oneByOne) await this.attempt(delivery);
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const knobs = this.deps.knobs.resolve(delivery.reference);
    const url = knobs.webhookUrl;
    const started = Date.now();
    delivery.state = 'delivering';
    delivery.nextAttemptAt = null;
    let status: number | null = null;
    let error: string | undefined;
    try {
      if (!url) throw new Error('no webhook URL configured');
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-paystack-signature': delivery.signature },
        body: delivery.body,
        signal: AbortSignal.any([AbortSignal.timeout(this.deps.deliveryTimeoutMs), this.deps.timers.stopSignal]),
      });
      status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (caught) {
      const cause = (caught as { cause?: { code?: unknown } }).cause?.code;
      error = `${caught instanceof Error ? caught.message : String(caught)}${typeof cause === 'string' ? ` (${cause})` : ''}`;
    }
    delivery.attempts.push({ at: new Date(started).toISOString(), url, status, error, durationMs: Date.now() - started });
    const delivered = status !== null && status >= 200 && status < 300;
    this.deps.log(`webhook ${delivery.event} ${delivery.reference} #${delivery.copy} → ${status ?? error}`);
    if (delivered) {
      delivery.state = 'delivered';
      return;
    }
    const wait = retrySchedules[knobs.retrySchedule][delivery.attempts.length - 1];
    if (wait === undefined) {
      delivery.state = 'failed';
      return;
    }
    const delay = Math.round(wait * knobs.timeScale);
    delivery.state = 'retrying';
    delivery.nextAttemptAt = new Date(Date.now() + delay).toISOString();
    this.deps.timers.after(delay, () => this.attempt(delivery));
  }
}
