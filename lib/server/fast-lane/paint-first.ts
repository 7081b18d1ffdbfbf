// Catalogue pages paint before their scripts load. Next puts its framework and page chunks in the <head> as async
// scripts (plus a low-priority preload of the main one): fetched at once, they are usually evaluated before the first
// paint, so the page's first frame waits on ≈ 190 KB (gzip) of JavaScript that a catalogue page does not need to be
// read — its links and its Add to cart form work without it. Here those tags leave the document and one inline script
// at the end of the body adds them again once the first contentful paint is on screen: the shopper sees the page
// first, then it hydrates. (Lighthouse's simulated LCP counts every script that finished loading before the observed paint, which is
// why it read 2.3–3 s for a page painted at ≈ 200 ms: bench/lighthouse/RESULTS.md.)
//
// Applied by the custom server (server.ts) to the catalogue pages the front caches (isCacheableCataloguePage), on the
// whole rendered HTML; the inline loader carries the same nonce as the tags it replaces and gives it to the scripts it
// adds (trusted through 'strict-dynamic' as well, so a browser without it still runs them). A page without the
// expected tags is returned unchanged.
import type { IncomingMessage, ServerResponse } from 'node:http';

const ASYNC_SCRIPT = /<script src="(\/_next\/static\/[^"]+\.js)"(?=[^>]*\basync="")(?![^>]*\bnoModule)[^>]*\bnonce="([^"]+)"[^>]*><\/script>/g;
const SCRIPT_PRELOAD = /<link rel="preload" as="script"[^>]*\bhref="\/_next\/static\/[^"]+\.js"[^>]*\/>/g;

/**
 * Adds the scripts once the first contentful paint has reached the screen (its performance entry is queued only after
 * the frame was presented; a timer right after `requestAnimationFrame` fires before that). A page that paints nothing
 * contentful, a tab opened in the background, or a browser without paint timing gets them after 1 s. A script that
 * fails to load marks the document (`data-scripts-failed`), as the app marks it once React has hydrated
 * (`data-hydrated`, components/providers.tsx): the e2e fixtures wait for either before acting on a page.
 */
const loader = (sources: string[]) =>
  `(()=>{let d=0,o;const n=document.currentScript.nonce,h=document.documentElement,a=()=>{if(d)return;d=1;o&&o.disconnect();for(const s of ${JSON.stringify(sources)}){const e=document.createElement("script");e.src=s;e.async=true;e.nonce=n;e.onerror=()=>h.setAttribute("data-scripts-failed","");document.head.appendChild(e)}};` +
  `try{o=new PerformanceObserver(l=>{if(l.getEntriesByName("first-contentful-paint").length)a()});o.observe({type:"paint",buffered:true})}catch{}setTimeout(a,1000)})()`;

/** The page with its async Next scripts added after the first paint; unchanged when it has none or no </body>. */
export function paintBeforeScripts(html: string): string {
  const sources: string[] = [];
  let nonce: string | undefined;
  const without = html.replace(ASYNC_SCRIPT, (_tag, source: string, tagNonce: string) => {
    sources.push(source);
    nonce ??= tagNonce;
    return '';
  });
  const bodyEnd = without.lastIndexOf('</body>');
  if (sources.length === 0 || !nonce || bodyEnd === -1) return html;
  const withoutPreloads = without.replace(SCRIPT_PRELOAD, '');
  const end = withoutPreloads.lastIndexOf('</body>');
  return `${withoutPreloads.slice(0, end)}<script nonce="${nonce}" data-paint-first="">${loader(sources)}</script>${withoutPreloads.slice(end)}`;
}

/** Whether the client asked for a compressed answer (which Next's compression would then write under paintFirst). */
export function acceptsCompression(req: IncomingMessage): boolean {
  return /\b(gzip|br|deflate|zstd)\b/i.test(String(req.headers['accept-encoding'] ?? ''));
}

/**
 * Buffers an HTML answer to `res` and sends it through paintBeforeScripts, with its length. Only uncompressed HTML is
 * touched (the front asks the app for identity encoding); anything else streams through as it comes. Decided once, at
 * the first flush or write, from the headers set by then.
 */
export function paintFirst(res: ServerResponse<IncomingMessage>): void {
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const chunks: Buffer[] = [];
  let decided: boolean | undefined;
  const buffering = () => {
    decided ??= !res.headersSent && String(res.getHeader('content-type') ?? '').startsWith('text/html') && !res.getHeader('content-encoding');
    return decided;
  };
  const collect = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    if (typeof chunk === 'string') chunks.push(Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
    else chunks.push(Buffer.from(chunk as Uint8Array));
  };
  // Next flushes the headers before its first write (pipe-readable): held back here, they go with the whole body.
  const flushHeaders = res.flushHeaders.bind(res);
  res.flushHeaders = () => {
    if (!buffering()) flushHeaders();
  };
  res.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    if (!buffering()) return write(chunk, encoding, callback);
    collect(chunk, encoding);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done as () => void);
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    if (!buffering()) return end(chunk, encoding, callback);
    collect(chunk, encoding);
    const body = Buffer.from(paintBeforeScripts(Buffer.concat(chunks).toString('utf8')));
    res.setHeader('content-length', body.length);
    const done = [chunk, encoding, callback].find((each) => typeof each === 'function');
    return done ? end(body, done) : end(body);
  }) as typeof res.end;
}
