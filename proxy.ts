import { NextResponse, type NextRequest } from 'next/server';
import { passwordSlots } from '@/lib/auth/slots';
import { allowedOriginHosts } from '@/lib/auth/request';
import { newNonce, securityHeaders } from '@/lib/security/headers';
import { requestRefusal } from '@/lib/security/request-check';

/**
 * Runs before every request but the upload route (which streams its own body, see config below):
 * gives each response its CSP nonce and the security headers, and turns requests that would
 * otherwise reach Next as a 500 into a plain 4xx.
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders(nonce, process.env.NODE_ENV === 'development');
  const refusal = requestRefusal(
    {
      method: request.method,
      url: request.url,
      get: (n) => request.headers.get(n),
      passwordQueueFull: () => passwordSlots().full,
    },
    allowedOriginHosts(),
  );
  if (refusal) {
    return new NextResponse(refusal.message, {
      status: refusal.status,
      headers: { ...headers, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...(refusal.status === 429 ? { 'retry-after': '1' } : {}) },
    });
  }
  // Next reads the nonce from the request's CSP header and puts it on the scripts it renders.
  const forwarded = new Headers(request.headers);
  forwarded.set('content-security-policy', headers['Content-Security-Policy']!);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  return response;
}

export const config = {
  // The upload route (of a well-formed round slug) reads its body as a stream with a byte limit;
  // through the proxy, Next would first buffer it. It sets the same headers itself.
  matcher: ['/((?!rounds/[A-Za-z0-9_-]+/upload$).*)'],
};
