// next-auth's session cookie by name: plain, `__Secure-` on https, or chunked (`.0`, `.1`, …) when the token is large.
// A request without one has no session (lib/server/deps/door-deps.ts skips next-auth for it; the fast lane serves it).
export const SESSION_COOKIE_NAME = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;
