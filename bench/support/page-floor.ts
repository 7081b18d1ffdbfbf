// A page's own floor (issue #21): the very bytes the front sent for one page, with the same encoding and the same
// content headers, served by a bare `node:http` server — what any server on this machine could reach for a response
// of that size in the same minute. The server runs in a child process of its own (plain Node, no tsx), like the front
// and the app, so it never shares an event loop with the load loops that measure it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import os from 'node:os';
import path from 'node:path';

export interface SentPage {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body exactly as it came over the wire (still gzip-encoded when the front compressed it). */
  body: Buffer;
}

/**
 * GETs `url` as the load driver's fetch asks for it (undici over plain http sends `accept-encoding: gzip, deflate`),
 * without decoding: the exact bytes and headers the front answered.
 */
export function fetchAsSent(url: string): Promise<SentPage> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': 'gzip, deflate' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

// Connection-level headers are the server's own business; everything else (content-type, content-encoding, the CSP,
// cache-control, vary, the security headers) is answered as the front sent it.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date', 'server']);

const SERVER = `
const { createServer } = require('node:http');
const { readFileSync } = require('node:fs');
const body = readFileSync(process.env.FLOOR_BODY);
const headers = JSON.parse(process.env.FLOOR_HEADERS);
const server = createServer((_request, response) => { response.writeHead(200, headers).end(body); });
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

/** Starts the bare server answering `page`'s bytes and headers on every request; `stop()` ends that child only. */
export async function startPageFloor(page: SentPage): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-page-floor-'));
  const bodyFile = path.join(dir, 'body');
  writeFileSync(bodyFile, page.body);
  const headers = Object.fromEntries(Object.entries(page.headers).filter(([name, value]) => value !== undefined && !HOP_BY_HOP.has(name)));
  const child = spawn(process.execPath, ['-e', SERVER], {
    env: { ...process.env, NODE_OPTIONS: '', FLOOR_BODY: bodyFile, FLOOR_HEADERS: JSON.stringify(headers) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(Number(out.trim()));
    });
    child.once('exit', (code: number | null) => reject(new Error(`the page floor server exited with ${code} before listening`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(killer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
