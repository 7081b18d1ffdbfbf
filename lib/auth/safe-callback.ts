// Open-redirect guard for `callbackUrl`: only a path on this site survives; anything else becomes '/'.
// Browsers treat `//host`, `/\host` and `\\host` as other origins, and strip tabs/newlines before parsing,
// so those are refused outright rather than "cleaned".

const FALLBACK = '/';

export function safeCallbackPath(value: unknown, fallback: string = FALLBACK): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return fallback;
  // Control characters (incl. tab, CR, LF) are dropped by URL parsers and can turn "/\t/evil" into "//evil".
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this check's whole purpose
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  if (!value.startsWith('/')) return fallback;
  const second = value[1];
  if (second === '/' || second === '\\') return fallback;
  // Parse against a throwaway origin: if the result leaves it, the input named another host.
  let parsed: URL;
  try {
    parsed = new URL(value, 'http://same.invalid');
  } catch {
    return fallback;
  }
  if (parsed.origin !== 'http://same.invalid') return fallback;
  const path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  // Dot segments can collapse into a protocol-relative path ("/.//evil.com" → "//evil.com"): check the result too.
  return path.startsWith('//') || path.startsWith('/\\') ? fallback : path;
}
