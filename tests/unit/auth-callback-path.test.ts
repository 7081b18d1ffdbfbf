// The callbackUrl sanitiser is the only thing between a crafted sign-in link and an open redirect.
import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from '@/lib/auth/safe-callback';

describe('safeCallbackPath', () => {
  it.each([
    ['/account', '/account'],
    ['/admin/orders?status=paid', '/admin/orders?status=paid'],
    ['/products/adire-indigo-shirt#reviews', '/products/adire-indigo-shirt#reviews'],
    ['/cart', '/cart'],
    ['/%2F%2Fevil.com', '/%2F%2Fevil.com'],
  ])('keeps the same-site path %j', (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });

  it.each([
    ['protocol-relative', '//evil.com'],
    ['protocol-relative with path', '//evil.com/account'],
    ['backslash host', '/\\evil.com'],
    ['double backslash', '\\\\evil.com'],
    ['absolute https', 'https://evil.com'],
    ['absolute http', 'http://evil.com/account'],
    ['javascript scheme', 'javascript:alert(1)'],
    ['data scheme', 'data:text/html,<script>alert(1)</script>'],
    ['relative without slash', 'account'],
    ['tab smuggled into the host', '/\t/evil.com'],
    ['newline smuggled into the host', '/\n/evil.com'],
    ['dot segments collapsing to //', '/.//evil.com'],
    ['parent segments collapsing to //', '/a/../..//evil.com'],
    ['empty', ''],
  ])('refuses %s (%j) with "/"', (_label, input) => {
    expect(safeCallbackPath(input)).toBe('/');
  });

  it('refuses non-strings and oversized values', () => {
    expect(safeCallbackPath(undefined)).toBe('/');
    expect(safeCallbackPath(['/account'])).toBe('/');
    expect(safeCallbackPath(`/${'a'.repeat(3000)}`)).toBe('/');
  });

  it('uses the given fallback', () => {
    expect(safeCallbackPath('https://evil.com', '/account')).toBe('/account');
  });
});
