// The paths `npm run bench:profile` records a CPU profile of (not part of `npm run bench`): many steady checkouts,
// and a webhook storm through HTTP. The profile is of next-server; the load comes from the driver.
import { fmt, type Scenario } from '../support/context';
import { closedLoop } from '../support/load';
import { cpuMs } from '../support/process';
import { steadyCheckouts } from './flash-sale';
import { addToCart } from './add-to-cart';
import { storm } from './webhooks';

export const profiled: Scenario[] = [
  {
    name: 'pages',
    title: 'Profile: the home page, a listing and a product page, 8 connections, 20 s',
    async run(context) {
      const paths = ['/', '/category/clothing', '/products/adire-indigo-shirt'];
      const before = cpuMs(context.pids.app);
      const load = await closedLoop({ connections: 8, seconds: 20 }, async (index) => {
        const response = await fetch(`${context.appUrl}${paths[index % paths.length]}`);
        await response.text();
        return { ok: response.status === 200, outcome: String(response.status) };
      });
      return {
        figures: [{ figure: 'app CPU per page', value: fmt.ms((cpuMs(context.pids.app) - before) / load.requests) }],
        verdicts: [{ name: 'all 200', ok: load.ok === load.requests, detail: `${load.ok} of ${load.requests}` }],
      };
    },
  },
  {
    name: 'checkout',
    title: 'Profile: 1,000 checkouts, 8 in flight (carts filled first)',
    async run(context) {
      const { perCheckout, placed } = await steadyCheckouts(context, 1_000, 9);
      return {
        figures: [{ figure: 'app CPU per checkout', value: `${perCheckout.toFixed(1)} ms` }],
        verdicts: [{ name: 'all placed', ok: placed === 1_000, detail: `${placed}` }],
      };
    },
  },
  {
    name: 'add-to-cart',
    title: 'Profile: add to cart, a new cart each request, 16 connections, 10 s',
    async run(context) {
      const run = await addToCart.run(context);
      return { figures: run.figures.filter((figure) => ['carts/s', 'app CPU per request'].includes(figure.figure)), verdicts: run.verdicts };
    },
  },
  {
    name: 'health',
    title: "Profile: GET /api/health/live (no query: Next's own request path), 16 connections, 15 s",
    async run(context) {
      const before = cpuMs(context.pids.app);
      const load = await closedLoop({ connections: 16, seconds: 15 }, async () => {
        const response = await fetch(`${context.appUrl}/api/health/live`);
        await response.arrayBuffer();
        return { ok: response.status === 200, outcome: String(response.status) };
      });
      return {
        figures: [{ figure: 'app CPU per request', value: fmt.ms((cpuMs(context.pids.app) - before) / load.requests) }],
        verdicts: [{ name: 'all 200', ok: load.ok === load.requests, detail: `${load.ok} of ${load.requests}` }],
      };
    },
  },
  {
    name: 'webhook',
    title: 'Profile: 1,300 webhook deliveries over HTTP, 32 at a time',
    async run(context) {
      const run = await storm(context, 'http', 'profile');
      return {
        figures: [{ figure: 'app CPU per delivery', value: `${run.cpuPerDelivery.toFixed(1)} ms` }],
        verdicts: [{ name: '0 lost, 0 double', ok: run.facts.lost === 0 && run.facts.double === 0, detail: JSON.stringify(run.facts) }],
      };
    },
  },
];
