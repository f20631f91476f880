/** Where to go after login: the page that sent the visitor here if it is one of ours, else home. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string') return '/';
  // Only a path on this site: no scheme, no protocol-relative //host, no backslash tricks.
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\') || next.startsWith('/login')) return '/';
  return next.slice(0, 512);
}
