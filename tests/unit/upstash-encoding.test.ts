import { describe, expect, it } from 'vitest';
import { encodeReply, stripUpstashOnlyFlags } from '../../scripts/stack/upstash-bridge.ts';

// The client decodes base64 into bytes and then reads them as UTF-8, the way these helpers do.
const decode = (value: string) => Buffer.from(value, 'base64').toString('utf8');

describe('encodeReply', () => {
  it('base64-encodes the exact bytes of a reply, not its text', () => {
    expect(encodeReply(Buffer.from([0xff, 0x00, 0x80]), true)).toBe('/wCA');
    const text = '₦ naïve 🚀';
    const encoded = encodeReply(Buffer.from(text), true);
    expect(typeof encoded === 'string' && decode(encoded)).toBe(text);
  });

  it('passes numbers and null through and encodes strings nested at any depth', () => {
    const reply = [Buffer.from('a'), 42, null, [Buffer.from('b'), [Buffer.from('OK'), -1]]];
    expect(encodeReply(reply, true)).toEqual(['YQ==', 42, null, ['Yg==', ['T0s=', -1]]]);
  });

  it('returns plain UTF-8 text when the client did not ask for base64', () => {
    expect(encodeReply([Buffer.from('₦'), 7, null], false)).toEqual(['₦', 7, null]);
  });

  it('encodes an error nested in a reply as its message', () => {
    expect(encodeReply([new Error('WRONGTYPE no')], false)).toEqual(['WRONGTYPE no']);
  });
});

describe('stripUpstashOnlyFlags', () => {
  it('drops the Upstash-only flag but keeps the shebang line, so Lua line numbers do not move', () => {
    const script = '#!lua flags=allow-key-locking\nreturn 1';
    expect(stripUpstashOnlyFlags(script)).toBe('#!lua\nreturn 1');
  });

  it('keeps flags Redis understands', () => {
    expect(stripUpstashOnlyFlags('#!lua flags=no-writes,allow-key-locking\nreturn 1')).toBe('#!lua flags=no-writes\nreturn 1');
  });

  it('leaves scripts without the flag untouched', () => {
    for (const script of ['return 1', '#!lua flags=no-writes\nreturn 1', '-- #!lua flags=allow-key-locking']) {
      expect(stripUpstashOnlyFlags(script)).toBe(script);
    }
  });
});
