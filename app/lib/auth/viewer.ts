import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { resolveSession } from '@/db/sessions';
import { sessionCookieName } from '@/lib/auth/cookie';
import { clientAddress, isSecureRequest } from '@/lib/auth/request';
import type { Viewer } from '@/lib/auth/roles';
import { hashSessionToken, looksLikeToken } from '@/lib/auth/token';

/** The hash of the session token this request carries, if it carries one that could be ours. */
export async function presentedSessionHash(): Promise<string | null> {
  const h = await headers();
  // Over https only the __Host- cookie counts: a plain-named one could have been planted by a neighbour.
  const token = (await cookies()).get(sessionCookieName(isSecureRequest((n) => h.get(n))))?.value;
  return looksLikeToken(token) ? hashSessionToken(token) : null;
}

/**
 * The signed-in user of this request, or null. Looked up once per request (React `cache`), in the
 * database, so a logout or a disabled account takes effect on every app server at once.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const hash = await presentedSessionHash();
  return hash ? resolveSession(hash) : null;
});

/** The client address for the audit log and login throttling. */
export async function requestAddress(): Promise<string> {
  const h = await headers();
  return clientAddress((n) => h.get(n));
}
