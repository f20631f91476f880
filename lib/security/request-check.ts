import { checkSameOrigin, type HeaderGet } from '@/lib/auth/request';

/**
 * Requests refused before they reach a page, an action or a route, because Next or the database
 * would otherwise answer them with a 500. Pure, so every case is tested without a server.
 */
export interface RequestFacts {
  method: string;
  url: string;
  get: HeaderGet;
  /** Whether the password-check queue is full right now (see lib/auth/slots). */
  passwordQueueFull: () => boolean;
}

export interface Refusal {
  status: 400 | 403 | 413 | 429;
  message: string;
}

/** Bodies of forms and server actions; uploads have their own limit (lib/interchange/limits). */
export const MAX_FORM_BODY_BYTES = 1024 * 1024;

/** A NUL can be neither stored nor looked up in PostgreSQL text, so no URL carrying one can mean anything. */
function hasNul(url: URL): boolean {
  if (/%00/.test(url.pathname) || url.pathname.includes('\0')) return true;
  for (const [k, v] of url.searchParams) if (k.includes('\0') || v.includes('\0')) return true;
  return false;
}

/** Whether every %-escape of the path decodes as UTF-8 (Next decodes route params with decodeURIComponent). */
function pathDecodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export function requestRefusal(r: RequestFacts, allowedHosts: readonly string[]): Refusal | null {
  let url: URL;
  try {
    url = new URL(r.url);
  } catch {
    return { status: 400, message: '请求地址无效' };
  }
  if (hasNul(url)) return { status: 400, message: '请求地址含有空字符（NUL），已拒绝' };
  if (!pathDecodes(url.pathname)) return { status: 400, message: '请求地址的编码无效（不是 UTF-8）' };

  const length = Number(r.get('content-length') ?? '0');
  if (Number.isFinite(length) && length > MAX_FORM_BODY_BYTES) {
    return { status: 413, message: `请求内容过大（上限 ${MAX_FORM_BODY_BYTES / 1024 / 1024} MB）` };
  }

  const isAction = r.method === 'POST' && r.get('next-action') !== null;
  if (isAction && r.get('origin') !== null) {
    // Next refuses a foreign Origin on a server action by throwing, which is a 500; say 403 instead.
    // (Without any Origin the action runs and its guard refuses it with a message.)
    const same = checkSameOrigin(r.get, allowedHosts);
    if (!same.ok) return { status: 403, message: same.message };
  }
  if (isAction && url.pathname === '/login' && r.passwordQueueFull()) {
    return { status: 429, message: '登录请求过多，服务器正忙，请稍后再试' };
  }
  return null;
}
