import { SESSION_ABSOLUTE_MS } from './session-policy';

/** The session cookie over plain http (a bureau's intranet, development, the tests). */
export const SESSION_COOKIE = 'scorecard_session';
/**
 * Over https the name carries the `__Host-` prefix: browsers then accept it only when Secure, for
 * Path=/ and without a Domain, so a neighbouring subdomain cannot plant or shadow a session cookie.
 */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/**
 * httpOnly keeps the token away from scripts; SameSite=Lax keeps it off cross-site POSTs;
 * the cookie dies with the session's absolute limit (the server enforces both limits anyway).
 */
export function sessionCookieOptions(secure: boolean) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    path: '/',
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  };
}
