// The stack's process settings and the nginx configuration it writes: APP_PROCESSES refused with its meaning when it
// is not a count, and the upstream block never left with every server down (nginx would refuse to reload it).
import { describe, expect, it } from 'vitest';
import { appProcessCount } from '../../scripts/stack/app-pool';
import { StackError } from '../../scripts/stack/errors';
import { FRONT_NONCE_PLACEHOLDER, nginxConfig, upstreamConfig } from '../../scripts/stack/front';

describe('APP_PROCESSES', () => {
  it.each([
    ['1', 1],
    [' 2 ', 2],
    ['64', 64],
  ])('reads %j as %i', (value, expected) => {
    expect(appProcessCount(value)).toBe(expected);
  });

  it('defaults to at least one process when unset or empty', () => {
    expect(appProcessCount(undefined)).toBeGreaterThanOrEqual(1);
    expect(appProcessCount('')).toBe(appProcessCount(undefined));
  });

  it.each(['0', '-1', '1.5', 'two', '65'])('refuses %j with what it means', (value) => {
    expect(() => appProcessCount(value)).toThrow(StackError);
    expect(() => appProcessCount(value)).toThrow(/APP_PROCESSES must be a whole number from 1 to 64/);
  });
});

describe('upstream block', () => {
  it('marks a server taken out as down', () => {
    expect(upstreamConfig([{ port: 3001 }, { port: 3002, down: true }])).toBe(
      'server 127.0.0.1:3001 max_fails=1 fail_timeout=2s;\nserver 127.0.0.1:3002 max_fails=1 fail_timeout=2s down;\n',
    );
  });

  it('keeps every server listed when all are failing, rather than an upstream nginx refuses', () => {
    expect(
      upstreamConfig([
        { port: 3001, down: true },
        { port: 3002, down: true },
      ]),
    ).not.toContain('down');
  });
});

describe('nginx.conf', () => {
  const conf = nginxConfig({ port: 3000, dataDir: '/tmp/x', nginxDir: '/tmp/x/nginx', servers: [{ port: 3001 }] });

  it('keeps everything it writes under the data folder and runs in the foreground', () => {
    expect(conf).toContain('daemon off;');
    expect(conf).toContain('pid /tmp/x/nginx/nginx.pid;');
    for (const line of conf.split('\n').filter((l) => /_path |error_log|access_log /.test(l))) {
      expect(line).toMatch(/\/tmp\/x\/nginx\/|access_log off/);
    }
  });

  it('never retries a request that reached an app unless it is idempotent, and never caches what sets a cookie', () => {
    expect(conf).toContain('proxy_next_upstream error timeout http_502 http_503;');
    expect(conf).not.toMatch(/proxy_next_upstream [^;]*non_idempotent/);
    expect(conf).toMatch(/proxy_no_cache [^;]*\$upstream_http_set_cookie/);
    expect(conf).not.toMatch(/proxy_ignore_headers[^;]*Set-Cookie/);
  });

  it('stamps the placeholder the app renders', () => {
    expect(conf).toContain(`sub_filter '${FRONT_NONCE_PLACEHOLDER}' '$request_id';`);
    expect(FRONT_NONCE_PLACEHOLDER).toBe('cspNoncePlaceholder0000000000000000');
  });
});
