// Catalogue pages paint before their scripts load: Next's async chunk tags and script preloads leave the document and
// one inline loader with the same nonce adds the same scripts after the first frame (lib/server/fast-lane/paint-first.ts).
import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { acceptsCompression, paintBeforeScripts } from '@/lib/server/fast-lane/paint-first';

const page = (nonce: string) =>
  `<!DOCTYPE html><html><head><link rel="preload" as="script" fetchPriority="low" nonce="${nonce}" href="/_next/static/chunks/main.js"/>` +
  `<script src="/_next/static/chunks/a.js" async="" nonce="${nonce}"></script><script src="/_next/static/chunks/b.js" async="" nonce="${nonce}"></script>` +
  `<script src="/_next/static/chunks/polyfills.js" noModule="" nonce="${nonce}"></script><style>h1{color:red}</style></head>` +
  `<body><h1>Adire</h1><script nonce="${nonce}" id="_R_">self.__next_r="x"</script>` +
  `<script src="/_next/static/chunks/main.js" nonce="${nonce}" async=""></script><script nonce="${nonce}">(self.__next_f=self.__next_f||[]).push([0])</script></body></html>`;

describe('paintBeforeScripts', () => {
  it('moves every async Next chunk into one loader at the end of the body, with the page nonce, in document order', () => {
    const html = paintBeforeScripts(page('N0NCE'));
    expect(html).not.toMatch(/<script src="\/_next\/static\/chunks\/(a|b|main)\.js"/);
    expect(html).not.toContain('rel="preload" as="script"');
    const loader = /<script nonce="N0NCE" data-paint-first="">(\(\(\)=>\{.*?\}\)\(\))<\/script><\/body>/.exec(html);
    expect(loader?.[1]).toContain(JSON.stringify(['/_next/static/chunks/a.js', '/_next/static/chunks/b.js', '/_next/static/chunks/main.js']));
    expect(loader?.[1]).toContain('first-contentful-paint');
    // The scripts it adds carry the loader's own nonce, as the tags they replace did.
    expect(loader?.[1]).toContain('e.nonce=n');
  });

  it('keeps what is not an async chunk: the inline bootstrap and flight scripts, the noModule polyfills, the styles, the content', () => {
    const html = paintBeforeScripts(page('N0NCE'));
    for (const kept of [
      '<script nonce="N0NCE" id="_R_">self.__next_r="x"</script>',
      '<script nonce="N0NCE">(self.__next_f=self.__next_f||[]).push([0])</script>',
      '<script src="/_next/static/chunks/polyfills.js" noModule="" nonce="N0NCE"></script>',
      '<style>h1{color:red}</style>',
      '<h1>Adire</h1>',
    ]) {
      expect(html).toContain(kept);
    }
  });

  it('leaves a document without async chunks, or without a body end, as it is', () => {
    const plain = '<html><body><p>hello</p></body></html>';
    expect(paintBeforeScripts(plain)).toBe(plain);
    const cut = page('N0NCE').replace('</body></html>', '');
    expect(paintBeforeScripts(cut)).toBe(cut);
  });

  it('is applied only to the uncompressed HTML the front asks for: a client asking for gzip or br gets Next’s page as it is', () => {
    const asking = (encoding?: string) => acceptsCompression({ headers: encoding === undefined ? {} : { 'accept-encoding': encoding } } as IncomingMessage);
    expect(asking()).toBe(false); // the front: proxy_set_header Accept-Encoding ""
    expect(asking('')).toBe(false);
    expect(asking('identity')).toBe(false);
    expect(asking('gzip, deflate, br')).toBe(true); // Node's fetch, a browser without the front
    expect(asking('br')).toBe(true);
  });
});
