// A cached page through the front against its floor, in one sitting: the real nginx with the generated config in
// front of a stand-in app that answers the page (rendered with the placeholder nonce, marked X-Shop-Cache: catalogue),
// and a bare node:http server answering the very bytes the front sends (same size, same gzip encoding, headers
// included). 32 connections of fetch loops, 8 s each, two rounds.
//   npx tsx bench/front/floor.ts page.html     # e.g. `curl -s http://127.0.0.1:3000/ > page.html` under npm start
import { readFileSync } from 'node:fs';
import { createServer, get } from 'node:http';
import path from 'node:path';
import { FRONT_NONCE_PLACEHOLDER, startFront } from '../../scripts/stack/front';
import { profiles } from '../../scripts/stack/profiles';
import { closedPort } from '../../tests/support/closed-port';
import { closedLoop } from '../support/load';

const file = process.argv[2];
if (!file) throw new Error('usage: npx tsx bench/front/floor.ts <page.html>');
const html = readFileSync(file, 'utf8').replace(/nonce="[^"]+"/g, `nonce="${FRONT_NONCE_PLACEHOLDER}"`);
const policy = `default-src 'self'; script-src 'self' 'nonce-${FRONT_NONCE_PLACEHOLDER}' 'strict-dynamic'; frame-ancestors 'none'`;

let renders = 0;
const app = createServer((_request, response) => {
  renders += 1;
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy, 'x-shop-cache': 'catalogue' }).end(html);
});
const appPort = await closedPort();
await new Promise<void>((resolve) => app.listen(appPort, '127.0.0.1', resolve));
const front = await startFront({ port: await closedPort(), dataDir: path.join(profiles.test.dataDir, 'front-floor'), servers: [{ port: appPort }] });

// What a client gets from the front when it asks for gzip, as fetch does: the floor answers exactly that.
const sent = await new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
  get(`${front.url}/`, { headers: { 'accept-encoding': 'gzip, deflate' } }, (response) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
  }).on('error', reject);
});
const floor = createServer((_request, response) => {
  response
    .writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-encoding': String(sent.headers['content-encoding'] ?? 'identity'),
      'content-security-policy': String(sent.headers['content-security-policy']),
      'cache-control': 'no-cache',
    })
    .end(sent.body);
});
const floorPort = await closedPort();
await new Promise<void>((resolve) => floor.listen(floorPort, '127.0.0.1', resolve));
console.log(`page: ${html.length} bytes, ${sent.body.length} bytes as sent (${sent.headers['content-encoding'] ?? 'identity'})`);

const measure = (url: string) =>
  closedLoop({ connections: 32, seconds: 8 }, async () => {
    const response = await fetch(url);
    const body = await response.text();
    const whole = response.status === 200 && body.includes('</html>') && response.headers.has('content-security-policy');
    return { ok: whole, outcome: String(response.status) };
  });
try {
  for (let round = 1; round <= 2; round++) {
    const viaFront = await measure(`${front.url}/`);
    const bare = await measure(`http://127.0.0.1:${floorPort}/`);
    console.log(
      `round ${round}: front ${viaFront.okPerSecond.toFixed(0)}/s (p99 ${viaFront.p99.toFixed(0)} ms) · floor ${bare.okPerSecond.toFixed(0)}/s ` +
        `(p99 ${bare.p99.toFixed(0)} ms) · ${((100 * viaFront.okPerSecond) / bare.okPerSecond).toFixed(0)} % of the floor · renders so far ${renders}`,
    );
  }
} finally {
  await front.stop();
  app.close();
  floor.close();
}
