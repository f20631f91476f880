/**
 * What the auth code needs to know about a request: whether it came over https, who sent it, and
 * whether it came from one of our own pages. Pure functions over a header lookup, so they run the
 * same in route handlers, server actions and tests.
 */
export type HeaderGet = (name: string) => string | null;
export type Env = Readonly<Record<string, string | undefined>>;

function first(v: string | null): string | null {
  const x = v?.split(',')[0]?.trim();
  return x ? x : null;
}

/**
 * The session cookie gets `Secure` behind https: a proxy says so with x-forwarded-proto, and
 * COOKIE_SECURE=1 forces it (e.g. when the proxy does not send that header).
 */
export function isSecureRequest(get: HeaderGet, env: Env = process.env): boolean {
  if (env.COOKIE_SECURE === '1') return true;
  if (env.COOKIE_SECURE === '0') return false;
  return first(get('x-forwarded-proto'))?.toLowerCase() === 'https';
}

/**
 * The client's address, for the per-address login limit. `next start` fills x-forwarded-for with
 * the socket's address when the header is absent, and a reverse proxy appends the address it saw,
 * so the right-most entry is the one the nearest trusted hop vouches for. With more proxies in a
 * chain, TRUSTED_PROXY_HOPS=n takes the n-th entry from the right. A client talking to `next start`
 * directly can still write its own header; the per-username limit does not depend on this.
 */
export function clientAddress(get: HeaderGet, env: Env = process.env): string {
  const entries = (get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const hops = Math.max(1, Number.parseInt(env.TRUSTED_PROXY_HOPS ?? '1', 10) || 1);
  const picked = entries[entries.length - hops] ?? entries[0] ?? first(get('x-real-ip'));
  return (picked ?? 'unknown').slice(0, 64);
}

export type OriginCheck = { ok: true } | { ok: false; message: string };

/**
 * CSRF defence for state-changing route handlers (server actions get Next's own check too): the
 * request must carry an Origin (or, failing that, a Referer) naming this host. A request that
 * names none is refused as well: every browser sends Origin on POST, so only a hand-made request
 * lacks it, and that one can use the CLI instead.
 */
export function checkSameOrigin(get: HeaderGet, allowedHosts: readonly string[] = []): OriginCheck {
  const host = first(get('x-forwarded-host')) ?? first(get('host'));
  if (!host) return { ok: false, message: '请求缺少 Host 头，已拒绝' };
  const origin = get('origin');
  const referer = get('referer');
  let from: string | null = null;
  try {
    if (origin && origin !== 'null') from = new URL(origin).host;
    else if (referer) from = new URL(referer).host;
  } catch {
    return { ok: false, message: '请求来源（Origin）无法识别，已拒绝' };
  }
  if (!from) return { ok: false, message: '请求未注明来源（Origin），为防跨站请求伪造已拒绝' };
  const same = from.toLowerCase() === host.toLowerCase() || allowedHosts.some((h) => h.toLowerCase() === from!.toLowerCase());
  return same ? { ok: true } : { ok: false, message: `请求来自其他网站（${from}），为防跨站请求伪造已拒绝` };
}

/** Extra origins allowed from the environment (a reverse proxy serving another host name). */
export function allowedOriginHosts(env: Env = process.env): string[] {
  return (env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
