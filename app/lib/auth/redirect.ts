/**
 * Where to go after login: the page that sent the visitor here if it is one of ours, else home.
 *
 * The check is made on the URL as a browser would read it, not on the raw string: browsers drop tabs
 * and newlines anywhere in a URL (`/\t/evil.example` becomes `//evil.example`), read `\` as `/`, and
 * resolve `..` segments (`/..//evil.example`). So anything with a control character or a backslash
 * is refused outright, the rest is parsed against a dummy origin, and the result must still be a
 * path on that origin that does not begin with `//`, also once decoded (`/%2F%2Fevil.example`).
 * What comes back is the parsed URL re-serialised: non-ASCII is percent-encoded, so it is always a
 * valid Location header.
 */
const BASE = 'http://scorecard.invalid';
const CONTROL = /[\u0000-\u001f\u007f]/;
const MAX = 512;

export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > MAX || !next.startsWith('/')) return '/';
  if (CONTROL.test(next) || next.includes('\\')) return '/';
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE || url.pathname.startsWith('//')) return '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return '/';
  }
  if (decoded.startsWith('//') || decoded.includes('\\') || CONTROL.test(decoded)) return '/';
  // Back to the login page would be a loop.
  if (/^\/login(\/|$)/.test(url.pathname)) return '/';
  const out = `${url.pathname}${url.search}${url.hash}`;
  return out.length > MAX ? '/' : out;
}
