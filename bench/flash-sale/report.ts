// The sale's verdict and numbers, as printed (and pasted into REPORT.md).
import os from 'node:os';
import type { SaleOptions, SaleResult } from './driver';
import { ms, summarise } from './stats';

export function verdict(opts: SaleOptions, result: SaleResult) {
  const won = result.outcomes.filter((outcome) => outcome.status === 201).length;
  const expected = Math.min(opts.stock, opts.shoppers);
  const { facts } = result;
  return {
    won,
    expected,
    oversell: Math.max(0, facts.heldUnits - opts.stock),
    undersell: Math.max(0, expected - facts.heldUnits),
    // Every 201 is one order holding one unit with a live Paystack intent, and the row's counter agrees.
    consistent: facts.reserved === facts.heldUnits && facts.orders === won && facts.paymentIntents === won,
  };
}

export function formatReport(opts: SaleOptions, result: SaleResult): string {
  const { outcomes, facts, anchor, wallSeconds } = result;
  const v = verdict(opts, result);
  const byStatus = new Map<string, number>();
  for (const outcome of outcomes) byStatus.set(`${outcome.status} ${outcome.code}`, (byStatus.get(`${outcome.status} ${outcome.code}`) ?? 0) + 1);
  const all = summarise(outcomes.map((outcome) => outcome.latencyMs));
  const wins = summarise(outcomes.filter((outcome) => outcome.status === 201).map((outcome) => outcome.latencyMs));
  const losses = summarise(outcomes.filter((outcome) => outcome.status === 409).map((outcome) => outcome.latencyMs));
  const cpu = os.cpus();
  return `
## Flash sale: ${opts.shoppers} shoppers, ${opts.stock} units of ${result.sku}, ${opts.concurrency} in flight, ${opts.baseUrls.length} app process(es)
machine          ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load avg ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')}
orders placed    ${v.won} (201), expected ${v.expected}
database         reserved=${facts.reserved} on_hand=${facts.stockOnHand} held_units=${facts.heldUnits} orders=${facts.orders} payment_intents=${facts.paymentIntents}
oversell         ${v.oversell}
undersell        ${v.undersell}
consistent       ${v.consistent ? 'yes (reserved = held units; orders = 201s = payment intents)' : 'NO'}
responses        ${[...byStatus].map(([key, count]) => `${key}: ${count}`).join(', ')}
checkouts/s      ${(opts.shoppers / wallSeconds).toFixed(0)} (all ${opts.shoppers} answered in ${wallSeconds.toFixed(2)} s)
reservations/s   ${(facts.heldUnits / facts.reservationWindowSeconds).toFixed(0)} (${facts.heldUnits} holds by ${facts.reservationWindowSeconds.toFixed(2)} s after the sale opened, database clock)
latency, all     p50 ${ms(all.p50)}  p95 ${ms(all.p95)}  p99 ${ms(all.p99)}  max ${ms(all.max)}
latency, 201     p50 ${ms(wins.p50)}  p95 ${ms(wins.p95)}  p99 ${ms(wins.p99)}
latency, 409     p50 ${ms(losses.p50)}  p95 ${ms(losses.p95)}  p99 ${ms(losses.p99)}
HTTP floor       ${result.floor.perSecond.toFixed(0)} req/s for GET /api/health (${result.floor.concurrency} in flight, one process; one SELECT 1): the ceiling for any route here, now
DB-only anchor   ${anchor.perSecond.toFixed(0)} reservations/s (${anchor.reserved} single-statement reservations on one row, 20 connections, ${anchor.seconds.toFixed(2)} s)
`;
}
