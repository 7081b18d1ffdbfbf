// Small request/response vocabulary shared by the simulator's handlers, over plain node:http.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { failure } from './render';

export interface SimRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export type SimReply =
  | { kind: 'json'; status: number; body: unknown }
  | { kind: 'html'; status: number; body: string }
  | { kind: 'redirect'; status: 302 | 303; location: string };

export const json = (status: number, body: unknown): SimReply => ({ kind: 'json', status, body });
export const html = (status: number, body: string): SimReply => ({ kind: 'html', status, body });
export const redirect = (location: string, status: 302 | 303 = 302): SimReply => ({ kind: 'redirect', status, location });

const maxBodyBytes = 1024 * 1024;

export class BadRequest extends Error {}

/** Paystack accepts JSON and form-encoded bodies on every POST; both become a plain object here. */
export async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new BadRequest('Request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequest('Invalid JSON in request body');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new BadRequest('Request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

export function writeReply(res: ServerResponse, reply: SimReply): void {
  if (res.headersSent || res.destroyed) return;
  if (reply.kind === 'redirect') {
    res.writeHead(reply.status, { location: reply.location, 'cache-control': 'no-store' }).end();
    return;
  }
  const isJson = reply.kind === 'json';
  const payload = isJson ? JSON.stringify(reply.body) : reply.body;
  res
    .writeHead(reply.status, {
      'content-type': isJson ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(payload),
      'cache-control': 'no-store',
    })
    .end(payload);
}

export const badRequest = (message: string) => json(400, failure(message));
