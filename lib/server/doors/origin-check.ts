// CSRF defence for route handlers that change state with the session cookie. Next protects server actions itself;
// route handlers get nothing, so each state-changing one calls checkSameOrigin first and answers 403 on refusal.
import 'server-only';
import { env } from '@/lib/core/env';

export type OriginCheck = { ok: true } | { ok: false; reason: string };

function hostOf(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    return new URL(value).host;
  } catch {
    return null;
  }
}

/**
 * Refuses a request a browser marks as cross-site (`Sec-Fetch-Site: cross-site`) or whose `Origin` is not this site:
 * the request's own host (Host / X-Forwarded-Host, which a cross-site page cannot set without a failing CORS
 * preflight) or the configured public URL. A request with neither header is not from a browser page — browsers send
 * Origin on every POST, PATCH and DELETE — so headless clients and load tools pass, and they carry no ambient cookies
 * an attacker could ride on.
 */
export function checkSameOrigin(request: Request, trustedOrigins: readonly string[] = [env().NEXTAUTH_URL]): OriginCheck {
  if (request.headers.get('sec-fetch-site') === 'cross-site') return { ok: false, reason: 'cross-site request' };
  const origin = request.headers.get('origin');
  if (origin === null) return { ok: true };
  const originHost = hostOf(origin);
  if (!originHost) return { ok: false, reason: 'opaque or malformed Origin' };
  const ownHosts = [
    hostOf(request.url),
    request.headers.get('host'),
    request.headers.get('x-forwarded-host')?.split(',')[0]?.trim(),
    ...trustedOrigins.map(hostOf),
  ];
  return ownHosts.includes(originHost) ? { ok: true } : { ok: false, reason: `Origin ${origin} is not this site` };
}
