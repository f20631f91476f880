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

/** Set by scripts/serve.mjs (`npm start`) on every request: `<token> <address of the TCP peer>`. */
export const PEER_HEADER = 'x-scorecard-peer';
/** The random token serve.mjs makes at start; only a header carrying it was written by our server. */
export const PEER_TOKEN_ENV = 'SCORECARD_PEER_TOKEN';

function peerAddress(get: HeaderGet, env: Env): string | null {
  const token = env[PEER_TOKEN_ENV];
  const value = get(PEER_HEADER);
  if (!token || !value) return null;
  const [t, address] = value.split(' ');
  return t === token && address ? address : null;
}

/** `::ffff:10.0.0.7` is how Node shows an IPv4 peer on a dual-stack socket; people read `10.0.0.7`. */
function plain(address: string): string {
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1').slice(0, 64);
}

/**
 * The client's address, for login throttling, sessions and the audit log (all use this one value).
 *
 * - By default it is the address of the TCP peer, which only our own server (`npm start`,
 *   scripts/serve.mjs) can see: Next gives route handlers and actions no socket. It stamps each
 *   request with a token known only to this process, so a client cannot forge it, and whatever
 *   X-Forwarded-For the client wrote is ignored.
 * - With TRUSTED_PROXY_HOPS=n (n reverse proxies in front of the app, each appending the address it
 *   saw to X-Forwarded-For), the client is the address n hops back from the peer.
 * - Under `next dev` or a bare `next start` there is no peer stamp: the address is `unknown`
 *   (or, behind proxies, read from X-Forwarded-For alone).
 */
export function clientAddress(get: HeaderGet, env: Env = process.env): string {
  const peer = peerAddress(get, env);
  const hops = Math.max(0, Number.parseInt(env.TRUSTED_PROXY_HOPS ?? '0', 10) || 0);
  if (hops === 0) return peer ? plain(peer) : 'unknown';
  const forwarded = (get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const chain = peer ? [...forwarded, peer] : forwarded;
  // With the peer in the chain, the nearest proxy is its last entry; without it, the proxy's own entry is missing.
  const picked = chain[chain.length - 1 - hops + (peer ? 0 : 1)] ?? chain[0];
  return picked ? plain(picked) : 'unknown';
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
