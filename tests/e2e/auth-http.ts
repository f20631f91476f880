import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { inject } from 'vitest';

const baseURL = () => inject('baseURL');

/**
 * Plain HTTP against the running app, the way a browser (or an attacker) talks to it: pages,
 * route handlers, and server actions called by their id with the `Next-Action` header.
 */

const root = path.resolve(__dirname, '../..');

export interface BuiltAction {
  id: string;
  /** Source file, relative to the repository, e.g. app/login/actions.ts. */
  file: string;
  name: string;
  /** App route (page) modules that can run it, e.g. app/rounds/[slug]/review/page. */
  workers: string[];
}

/** Every server action in the build, from Next's own manifest. */
export function builtActions(): BuiltAction[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, a]) => ({ id, file: a.filename, name: a.exportedName, workers: Object.keys(a.workers) }));
}

export interface Reply {
  status: number;
  location: string | null;
  body: string;
  headers: Headers;
}

export interface RequestOptions {
  cookie?: string | null;
  /** Origin header; defaults to the app's own. `null` sends none. */
  origin?: string | null;
  /**
   * The client's address: the request is sent from this loopback address (any 127.x.y.z works on
   * Linux without setup), so the server sees it as the TCP peer, as it would a real client.
   */
  address?: string;
  method?: string;
  /** A Buffer is sent as it is (set its content-type in `headers`). */
  body?: BodyInit | Buffer;
  headers?: Record<string, string>;
}

/** One HTTP request from a chosen source address; fetch() cannot pick its local address. */
export async function request(pathname: string, opts: RequestOptions = {}): Promise<Reply> {
  const method = opts.method ?? 'GET';
  const url = new URL(`${baseURL()}${pathname}`);
  // Let the platform encode the body (multipart boundaries and all), then send its bytes.
  const encoded = new Request(url, { method, body: Buffer.isBuffer(opts.body) ? null : (opts.body ?? null) });
  const body = opts.body === undefined ? null : Buffer.isBuffer(opts.body) ? opts.body : Buffer.from(await encoded.arrayBuffer());
  const headers: Record<string, string> = {};
  const type = encoded.headers.get('content-type');
  if (body && type) headers['content-type'] = type;
  if (body) headers['content-length'] = String(body.length);
  Object.assign(headers, opts.headers ?? {});
  if (opts.cookie) headers.cookie = opts.cookie;
  if (method !== 'GET' && opts.origin !== null) headers.origin = opts.origin ?? baseURL();
  return new Promise<Reply>((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method, headers, localAddress: opts.address ?? '127.0.0.1', agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const h = new Headers();
          for (let i = 0; i < res.rawHeaders.length; i += 2) h.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
          resolve({ status: res.statusCode ?? 0, location: h.get('location'), body: Buffer.concat(chunks).toString('utf8'), headers: h });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

/**
 * Calls a server action as the browser does. `form` actions take only the FormData;
 * `state` actions (useActionState) take (previous state, FormData).
 */
export async function callAction(
  action: Pick<BuiltAction, 'id' | 'workers'>,
  fields: Record<string, string>,
  opts: RequestOptions & { kind?: 'form' | 'state'; page?: string } = {},
): Promise<Reply & { result: unknown; redirect: string | null }> {
  const form = new FormData();
  // React encodes the FormData argument as "$K1" with its entries under the "_1_" prefix.
  for (const [k, v] of Object.entries(fields)) form.set(`_1_${k}`, v);
  form.set('0', JSON.stringify(opts.kind === 'form' ? ['$K1'] : [null, '$K1']));
  const page = opts.page ?? pageOf(action.workers);
  const reply = await request(page, { ...opts, method: 'POST', body: form, headers: { 'next-action': action.id, accept: 'text/x-component', ...(opts.headers ?? {}) } });
  // The flight answer's row 1 is the action's return value.
  const row = reply.body.split('\n').find((l) => l.startsWith('1:'));
  let result: unknown = null;
  try {
    result = row ? JSON.parse(row.slice(2)) : null;
  } catch {
    result = row?.slice(2) ?? null;
  }
  const redirect = reply.headers.get('x-action-redirect');
  return { ...reply, result, redirect };
}

/** A page path that can run an action, with the demo round and the seed township in its params. */
export function pageOf(workers: string[]): string {
  const worker = workers.find((w) => w.endsWith('/page') && !w.includes('_not-found')) ?? 'app/page';
  return samplePath(worker.replace(/^app/, '').replace(/\/page$/, '') || '/');
}

/** A concrete URL for a route pattern. */
export function samplePath(pattern: string, params: Record<string, string> = {}): string {
  const values: Record<string, string> = { slug: '2021', code: 'xiaolvzhai', ...params };
  const p = pattern.replace(/\[(\w+)\]/g, (_, k: string) => encodeURIComponent(values[k] ?? k));
  return p === '' ? '/' : p;
}

let nextAddress = 0;
// Test files run one after another, each loading this module anew: each gets its own 127.n.*.*.
const addressBase = 2 + Math.floor(Math.random() * 250);
/**
 * A loopback address no other login of this run has used, so that one test's failed logins never
 * slow down another's (the server throttles per address).
 */
export function freshAddress(): string {
  nextAddress++;
  return `127.${addressBase}.${Math.floor(nextAddress / 250)}.${(nextAddress % 250) + 1}`;
}

/** Signs in through the real login action and returns the session cookie (`name=value`). */
export async function login(username: string, password: string, opts: { address?: string; cookie?: string | null } = {}): Promise<{ cookie: string | null; reply: Awaited<ReturnType<typeof callAction>> }> {
  const action = builtActions().find((a) => a.file === 'app/login/actions.ts' && a.name === 'loginAction');
  if (!action) throw new Error('loginAction missing from the build');
  const reply = await callAction(action, { username, password, next: '/' }, { page: '/login', address: opts.address ?? freshAddress(), cookie: opts.cookie ?? null });
  const set = reply.headers.getSetCookie().find((c) => c.startsWith('scorecard_session='));
  return { cookie: set ? set.split(';')[0]! : null, reply };
}

export const DEMO = {
  admin: { username: 'admin', password: 'demo-caizheng-2021' },
  leader: { username: 'leader', password: 'demo-lingdao-2021' },
  department: { username: 'xiaolvzhai', password: 'demo-bumen-2021' },
  reviewer: { username: 'pingshen1', password: 'demo-pingshen-2021' },
} as const;

const cookies = new Map<string, string>();
/** A session of a demo account, signed in once per test file. */
export async function sessionOf(role: keyof typeof DEMO): Promise<string> {
  let c = cookies.get(role);
  if (!c) {
    const { cookie, reply } = await login(DEMO[role].username, DEMO[role].password);
    if (!cookie) throw new Error(`login as ${role} failed: ${JSON.stringify(reply.result)}`);
    c = cookie;
    cookies.set(role, c);
  }
  return c;
}

/** fetch() with the bureau's session, for tests that read pages and downloads without a browser. */
export async function authedFetch(url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), cookie: await sessionOf('admin') } });
}
