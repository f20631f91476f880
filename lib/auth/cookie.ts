import { SESSION_ABSOLUTE_MS } from './session-policy';

export const SESSION_COOKIE = 'scorecard_session';

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
