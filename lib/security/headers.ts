/**
 * Every security header the app sends, defined once and applied by proxy.ts to every response
 * (pages, route handlers, server actions, static files). Pure, so it is tested without a server.
 */

/** A fresh nonce for one response: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy of one response. Scripts run only with this response's nonce (Next
 * puts it on its own scripts when it finds it in the request's CSP header); what they load inherits
 * the trust ('strict-dynamic'). No 'unsafe-eval' outside `next dev`, which needs it for React's
 * error overlay. Style elements need the nonce too; style *attributes* stay allowed because React
 * and echarts position elements with them (they cannot run script). Fonts, images and XHR/fetch:
 * this origin only; nothing may frame the app, nor load plugins.
 */
export function contentSecurityPolicy(nonce: string, dev = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // `next dev` injects unnonced styles; a nonce would make the browser ignore 'unsafe-inline'.
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The headers every response carries; `X-Powered-By` is switched off in next.config.js. */
export function securityHeaders(nonce: string, dev = false): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(nonce, dev),
    // For browsers that predate frame-ancestors.
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/**
 * For the one route that proxy.ts does not run for (the upload, which must stream its own body):
 * the same headers on every response it gives, refusals included.
 */
export function withSecurityHeaders<A extends unknown[]>(handler: (...args: A) => Promise<Response>): (...args: A) => Promise<Response> {
  return async (...args) => {
    const res = await handler(...args);
    for (const [k, v] of Object.entries(securityHeaders(newNonce(), process.env.NODE_ENV === 'development'))) res.headers.set(k, v);
    return res;
  };
}
