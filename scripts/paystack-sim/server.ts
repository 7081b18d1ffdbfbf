// Routing for the simulator: Paystack's API (Bearer key, fault knobs), the hosted checkout, the control API.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { showCheckout, submitCheckout } from './checkout-page';
import { chargeAuthorization } from './charge-authorization';
import type { SimContext } from './context';
import { controlRoutes } from './control';
import { BadRequest, badRequest, json, readBody, writeReply, type SimReply, type SimRequest } from './http-kit';
import type { Endpoint, Fault } from './knobs';
import { createRefund, fetchRefund, listRefunds } from './refunds';
import { failure } from './render';
import { initializeTransaction, listTransactions, verifyTransaction } from './transactions';
import { addEvidence, fetchDispute, listDisputes, receiveUpload, resolveDispute, uploadUrl } from './disputes';

interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT';
  pattern: string;
  endpoint: Endpoint;
  /** Which transaction the call is about, so its own fault knobs apply. */
  referenceOf: (ctx: SimContext, req: SimRequest) => string | undefined;
  handle: (ctx: SimContext, req: SimRequest) => SimReply;
}

const apiRoutes: ApiRoute[] = [
  {
    method: 'POST',
    pattern: '/transaction/initialize',
    endpoint: 'initialize',
    referenceOf: (_ctx, req) => (typeof req.body.reference === 'string' ? req.body.reference : undefined),
    handle: (ctx, req) => initializeTransaction(ctx, req.body),
  },
  {
    method: 'POST',
    pattern: '/transaction/charge_authorization',
    endpoint: 'chargeAuthorization',
    referenceOf: (_ctx, req) => (typeof req.body.reference === 'string' ? req.body.reference : undefined),
    handle: (ctx, req) => chargeAuthorization(ctx, req.body),
  },
  {
    method: 'GET',
    pattern: '/transaction/verify/:reference',
    endpoint: 'verify',
    referenceOf: (_ctx, req) => req.params.reference,
    handle: (ctx, req) => verifyTransaction(ctx, req.params.reference ?? ''),
  },
  {
    method: 'GET',
    pattern: '/transaction',
    endpoint: 'listTransactions',
    referenceOf: () => undefined,
    handle: (ctx, req) => listTransactions(ctx, req.query),
  },
  {
    method: 'POST',
    pattern: '/refund',
    endpoint: 'refund',
    referenceOf: (ctx, req) => ctx.store.transactionByIdOrReference(String(req.body.transaction ?? ''))?.reference,
    handle: (ctx, req) => createRefund(ctx, req.body),
  },
  { method: 'GET', pattern: '/refund', endpoint: 'listRefunds', referenceOf: () => undefined, handle: (ctx, req) => listRefunds(ctx, req.query) },
  {
    method: 'GET',
    pattern: '/refund/:id',
    endpoint: 'fetchRefund',
    referenceOf: (ctx, req) => ctx.store.refund(Number(req.params.id))?.transactionReference,
    handle: (ctx, req) => fetchRefund(ctx, req.params.id ?? ''),
  },
];

/** A dispute call's transaction, so that transaction's fault knobs apply. */
const disputeReference = (ctx: SimContext, req: SimRequest) => {
  const id = req.params.id ?? '';
  return /^\d+$/.test(id) ? ctx.store.dispute(Number(id))?.transactionReference : undefined;
};

const disputeRoutes: ApiRoute[] = [
  { method: 'GET', pattern: '/dispute', endpoint: 'listDisputes', referenceOf: () => undefined, handle: (ctx, req) => listDisputes(ctx, req.query) },
  {
    method: 'GET',
    pattern: '/dispute/transaction/:id',
    endpoint: 'listDisputes',
    referenceOf: () => undefined,
    handle: (ctx, req) => listDisputes(ctx, req.query, req.params.id ?? ''),
  },
  {
    method: 'GET',
    pattern: '/dispute/:id',
    endpoint: 'fetchDispute',
    referenceOf: disputeReference,
    handle: (ctx, req) => fetchDispute(ctx, req.params.id ?? ''),
  },
  {
    method: 'POST',
    pattern: '/dispute/:id/evidence',
    endpoint: 'disputeEvidence',
    referenceOf: disputeReference,
    handle: (ctx, req) => addEvidence(ctx, req.params.id ?? '', req.body),
  },
  {
    method: 'GET',
    pattern: '/dispute/:id/upload_url',
    endpoint: 'disputeUploadUrl',
    referenceOf: disputeReference,
    handle: (ctx, req) => uploadUrl(ctx, req.params.id ?? ''),
  },
  {
    method: 'PUT',
    pattern: '/dispute/:id/resolve',
    endpoint: 'resolveDispute',
    referenceOf: disputeReference,
    handle: (ctx, req) => resolveDispute(ctx, req.params.id ?? '', req.body),
  },
];
apiRoutes.push(...disputeRoutes);

/** `/refund/:id` matched against `/refund/123` → `{ id: '123' }`. */
function match(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = got[index] ?? '';
    if (part.startsWith(':')) {
      if (actual === '') return undefined;
      const decoded = safeDecode(actual);
      if (decoded === undefined) return undefined;
      params[part.slice(1)] = decoded;
    } else if (part !== actual) return undefined;
  }
  return params;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function createRequestHandler(ctx: SimContext) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', ctx.baseUrl);
    const method = req.method ?? 'GET';
    try {
      const base = { method, path: url.pathname, query: url.searchParams, headers: req.headers };
      const reply = await route(ctx, req, res, base);
      if (reply) writeReply(res, reply);
    } catch (error) {
      if (error instanceof BadRequest) writeReply(res, badRequest(error.message));
      else {
        ctx.log(`error ${method} ${url.pathname}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        writeReply(res, json(500, failure('Simulator error')));
      }
    } finally {
      // Control calls are test plumbing; logging them would bury the API traffic worth reading.
      if (!url.pathname.startsWith('/__simulator/')) {
        ctx.log(`${method} ${url.pathname} → ${res.statusCode} ${Date.now() - started}ms`);
      }
    }
  };
}

type BaseRequest = Omit<SimRequest, 'params' | 'body'>;

async function route(ctx: SimContext, req: IncomingMessage, res: ServerResponse, base: BaseRequest): Promise<SimReply | undefined> {
  // The signed upload target takes raw bytes (the signature in its URL is the authorisation, as with a storage URL).
  const upload = base.method === 'PUT' ? match('/uploads/disputes/:fileName', base.path) : undefined;
  if (upload?.fileName) {
    const bytes = await readRawBytes(req);
    return receiveUpload(ctx, upload.fileName, base.query.get('signature'), bytes, String(base.headers['content-type'] ?? ''));
  }
  const body = base.method === 'POST' || base.method === 'PUT' ? await readBody(req) : {};
  for (const control of controlRoutes) {
    const params = control.method === base.method ? match(control.pattern, base.path) : undefined;
    if (params) return control.handle(ctx, { ...base, params, body });
  }
  const checkout = match('/checkout/:code', base.path) ?? match('/checkout/:code/:choice', base.path);
  if (checkout?.code) {
    if (base.method === 'GET' && !checkout.choice) return showCheckout(ctx, checkout.code, base.query);
    if (base.method === 'POST' && checkout.choice) return submitCheckout(ctx, checkout.code, checkout.choice);
  }
  // Paystack authenticates before it routes: a wrong key is a 401 on any API path.
  if (base.headers.authorization !== `Bearer ${ctx.secretKey}`) return json(401, failure('Invalid key'));
  for (const api of apiRoutes) {
    const params = api.method === base.method ? match(api.pattern, base.path) : undefined;
    if (!params) continue;
    const request = { ...base, params, body };
    const fault = ctx.knobs.takeFault(api.endpoint, api.referenceOf(ctx, request));
    if (fault?.phase === 'before') return suffer(fault, req, res);
    const reply = api.handle(ctx, request);
    return fault ? suffer(fault, req, res) : reply;
  }
  return json(404, failure(`No route for ${base.method} ${base.path}`));
}

/** Counts an upload's bytes (up to 10 MB) without keeping them. */
async function readRawBytes(req: IncomingMessage): Promise<number> {
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 10 * 1024 * 1024) throw new BadRequest('Upload too large');
  }
  return size;
}

/** Plays out a fault: an error status, a reply the client cannot parse, or silence until the client gives up. */
async function suffer(fault: Fault, req: IncomingMessage, res: ServerResponse): Promise<SimReply | undefined> {
  if (fault.mode === 'error') return json(fault.status, failure('An error occurred, please try again'));
  if (fault.mode === 'malformed') return json(200, { status: true, message: 'OK', data: { unexpected: 'shape' } });
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, fault.holdMs);
    req.socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  res.destroy();
  return undefined;
}
