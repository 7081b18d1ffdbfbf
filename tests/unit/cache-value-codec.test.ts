import { describe, expect, it } from 'vitest';
import { decodeCacheValue, encodeCacheValue } from '@/lib/server/cache/cache-value-codec';

describe('the shared cache value codec', () => {
  it('keeps a page entry byte for byte through JSON: Buffers, Maps of Buffers, strings and numbers', () => {
    const bytes = Buffer.from([0, 255, 254, 10, 13, 0x24]);
    const page = {
      kind: 'APP_PAGE',
      html: '<p>₦12,500 $1</p>',
      rscData: bytes,
      segmentData: new Map([['/_tree', Buffer.from('tree')]]),
      headers: { 'x-next-cache-tags': 'catalog,catalog:listings' },
      status: 200,
      postponed: undefined,
    };
    const back = decodeCacheValue(JSON.parse(JSON.stringify(encodeCacheValue(page)))) as typeof page;
    expect(back.html).toBe(page.html);
    expect(Buffer.compare(back.rscData, bytes)).toBe(0);
    expect(back.segmentData).toBeInstanceOf(Map);
    expect(back.segmentData.get('/_tree')?.toString()).toBe('tree');
    expect(back.headers).toEqual(page.headers);
    expect(back.status).toBe(200);
    expect('postponed' in back).toBe(false);
  });

  it('leaves a fetch entry (plain JSON) as it is', () => {
    const entry = { kind: 'FETCH', data: { headers: {}, body: '{"a":[1,2]}', url: '', status: 200 }, revalidate: 300, tags: ['catalog'] };
    expect(decodeCacheValue(JSON.parse(JSON.stringify(encodeCacheValue(entry))))).toEqual(entry);
  });
});
