// A request on a connection of its own, never taken from (nor left in) a keep-alive pool.
// Load drivers use it for their one resend after a reused keep-alive connection closed under a request: a browser resends
// such a request too, and as long as it keeps getting reused connections that close it keeps resending; a new connection
// is the end of that chain, so a failure here is a real one.
import http from 'node:http';

export function requestOnNewConnection(url: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: init.method, headers: init.headers, agent: false }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) {
          for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
        }
        resolve(new Response(Buffer.concat(chunks), { status: incoming.statusCode ?? 0, headers }));
      });
    });
    request.on('error', reject);
    request.end(init.body);
  });
}
