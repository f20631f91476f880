'use server';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE, sessionCookieName, sessionCookieOptions } from '@/lib/auth/cookie';
import { allowedOriginHosts, checkSameOrigin, isSecureRequest } from '@/lib/auth/request';
import { BAD_INPUT, formFields, type ActionState } from '@/app/lib/auth/guard';
import { safeNext } from '@/app/lib/auth/redirect';
import { presentedSessionHash, requestAddress } from '@/app/lib/auth/viewer';
import { signIn, signOut } from '@/app/lib/services/session';
import { getTranslator } from '@/app/i18n/server';
import { refusalText } from './refusal';

const LoginForm = z.object({
  username: z.string().max(64),
  password: z.string().max(256),
  next: z.string().max(512).optional(),
});

/**
 * Signs in. Open to anyone (it is the way in) but still same-origin only. Whatever session the
 * browser brought is ended and a new one issued, so a planted session id never becomes a login.
 */
export async function loginAction(_prev: ActionState | null, formData: FormData): Promise<ActionState> {
  const h = await headers();
  const origin = checkSameOrigin((n) => h.get(n), allowedOriginHosts());
  if (!origin.ok) return { ok: false, denied: true, message: origin.message };
  const fields = formFields(formData);
  const { t } = await getTranslator();
  if (!fields) return { ...BAD_INPUT, message: t('badForm') };
  const parsed = LoginForm.safeParse(fields);
  if (!parsed.success) return { ok: false, message: t('loginMissing') };
  const result = await signIn({
    username: parsed.data.username,
    password: parsed.data.password,
    address: await requestAddress(),
    userAgent: h.get('user-agent'),
    presentedSession: await presentedSessionHash(),
  });
  if (!result.ok) return { ok: false, message: refusalText(result, t), data: { username: parsed.data.username } };
  const secure = isSecureRequest((n) => h.get(n));
  (await cookies()).set(sessionCookieName(secure), result.token, sessionCookieOptions(secure));
  redirect(safeNext(parsed.data.next));
}

/** Signs out: the session row is deleted on the server, then the cookie. Harmless without a session. */
export async function logoutAction(): Promise<void> {
  const h = await headers();
  if (!checkSameOrigin((n) => h.get(n), allowedOriginHosts()).ok) redirect('/login');
  const hash = await presentedSessionHash();
  if (hash) await signOut(hash);
  const jar = await cookies();
  jar.delete(SESSION_COOKIE);
  // A __Host- cookie is only deleted by a Set-Cookie that is itself Secure with Path=/.
  if (jar.has(SECURE_SESSION_COOKIE)) jar.set(SECURE_SESSION_COOKIE, '', { ...sessionCookieOptions(true), maxAge: 0 });
  redirect('/login');
}
