// Facts about the incoming request that plain header maps can answer (authorize gets headers, not a NextRequest).
import 'server-only';

/**
 * The caller's address for per-IP limits. `next start` only fills x-forwarded-for when it is absent, and proxies
 * (Vercel, nginx's $proxy_add_x_forwarded_for) append the address they saw, so the right-most entry is the one the
 * nearest trusted hop vouches for. Without a proxy the header is client-controlled; the per-email limit still holds.
 */
export function clientIp(headers: Record<string, string | undefined>): string {
  const forwarded = headers['x-forwarded-for']
    ?.split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const last = forwarded?.at(-1) ?? headers['x-real-ip']?.trim();
  return last && last.length <= 64 ? last : 'unknown';
}

/** One cookie's value from a raw Cookie header (the authorize callback gets headers, not a cookie store). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) {
      const raw = part.slice(index + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return undefined;
}
