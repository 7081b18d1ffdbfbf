// Everything a handler needs, built once per simulator instance (several can run side by side in tests).
import type { KnobBook } from './knobs';
import type { Domain } from './render';
import type { SimStore } from './store';
import type { Timers } from './timers';
import type { WebhookSender } from './webhooks';

export interface SimContext {
  store: SimStore;
  knobs: KnobBook;
  webhooks: WebhookSender;
  timers: Timers;
  /** `test` for sk_test_ keys, `live` for sk_live_ keys, as Paystack reports in `data.domain`. */
  domain: Domain;
  /** Where this server is reachable; the hosted checkout lives under it. */
  baseUrl: string;
  secretKey: string;
  merchantName: string;
  log: (line: string) => void;
}
