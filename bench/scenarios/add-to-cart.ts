// Add to cart, a new guest cart every request (the peers' drivers/atc.mjs): POST /api/cart/items with no cookie,
// 16 connections for 10 s, each request from its own address (20 new carts per address per 10 minutes).
import { benchProduct, fmt, outcomesText, type Scenario } from '../support/context';
import { closedLoop } from '../support/load';
import { cpuWindow } from '../support/parts';
import { shopperIp } from '../support/shoppers';

export const addToCart: Scenario = {
  name: 'add-to-cart',
  title: 'Add to cart: a new cart each request, 16 connections, 10 s',
  async run(context) {
    const { variants, archive } = await benchProduct(context.db, 'add-to-cart', [{ title: 'Plenty', stock: 1_000_000 }]);
    const body = JSON.stringify({ variantId: variants[0]!.id, quantity: 1 });
    const window = cpuWindow(context.pids);
    const load = await closedLoop({ connections: 16, seconds: 10 }, async (index) => {
      const response = await fetch(`${context.appUrl}/api/cart/items`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': shopperIp(index, 6) },
        body,
      });
      const reply = (await response.json().catch(() => null)) as { error?: { code?: string }; lines?: unknown[] } | null;
      const ok =
        response.status === 200 &&
        Array.isArray(reply?.lines) &&
        reply.lines.length === 1 &&
        response.headers.getSetCookie().some((c) => c.startsWith('cart_session='));
      return { ok, outcome: `${response.status}${reply?.error?.code ? ` ${reply.error.code}` : ''}` };
    });
    const cpu = window.stop();
    const cpuPerRequest = cpu.parts.app / load.requests;
    await archive();
    const floor = context.floor?.okPerSecond ?? Number.NaN;
    // Issue #26: ≥ 0.075 carts/s per bare-floor request/s (≈ 430/s at a 5,700 req/s floor), ≤ 2 ms of app CPU each.
    const bare = context.bareFloor?.okPerSecond ?? Number.NaN;
    const perFloor = load.okPerSecond / bare;
    return {
      figures: [
        { figure: 'carts/s', value: fmt.n(load.okPerSecond) },
        {
          figure: 'carts/s per bare-floor request/s',
          value: `${perFloor.toFixed(3)} (bare floor ${fmt.n(bare)} req/s)`,
          goal: `≥ 0.075 (≥ ${fmt.n(0.075 * bare)}/s here)`,
          met: perFloor >= 0.075,
        },
        { figure: 'p99', value: fmt.ms(load.p99), goal: '≤ 100 ms', met: load.p99 <= 100 },
        { figure: 'p50', value: fmt.ms(load.p50) },
        { figure: 'share of the HTTP floor', value: fmt.pct(load.okPerSecond / floor) },
        { figure: 'app CPU per request', value: fmt.ms(cpuPerRequest), goal: '≤ 2 ms', met: cpuPerRequest <= 2 },
        { figure: 'answers', value: outcomesText(load.outcomes) },
      ],
      verdicts: [{ name: 'every answer a one-line cart with its cookie', ok: load.ok === load.requests, detail: `${load.ok} of ${load.requests}` }],
      scaling: [
        { label: 'add to cart', unit: 'cart', units: load.requests, throughput: load.okPerSecond, perMinute: false, p99: load.p99, p99Of: 'request', cpu },
      ],
      data: { load, cpuPerRequest },
    };
  },
};
