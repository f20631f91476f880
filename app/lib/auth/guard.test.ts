import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Target, Viewer } from '@/lib/auth/roles';

/**
 * The one gate, on its own: the request's headers and the signed-in viewer are stand-ins, so each
 * test says who asks, from where, and what the gate lets through. Deny by default: no session, a
 * foreign origin, a role without the permission, someone else's department, bad input — none of
 * them reaches the wrapped action, handler or page.
 */

const request = vi.hoisted(() => ({ headers: new Map<string, string>(), viewer: null as Viewer | null }));

vi.mock('next/headers', () => ({
  headers: async () => ({ get: (n: string) => request.headers.get(n.toLowerCase()) ?? null }),
  cookies: async () => ({ get: () => undefined }),
}));
// Next's redirect() and notFound() end the render by throwing; so do these.
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw new Error(`redirect ${to}`);
  },
  notFound: () => {
    throw new Error('404');
  },
}));
vi.mock('./viewer', () => ({
  getViewer: async () => request.viewer,
  presentedSessionHash: async () => (request.viewer ? 'session-hash' : null),
  requestAddress: async () => '203.0.113.7',
}));

const { BAD_INPUT, DENIED_LOGIN, DENIED_ROLE, guardedAction, guardRoute, requireUser } = await import('./guard');

const person = (role: Viewer['role'], code: string | null = null): Viewer => ({
  id: 7,
  username: `${role}-user`,
  role,
  departmentId: code ? 3 : null,
  departmentCode: code,
  departmentName: code ? '小吕寨镇人民政府' : null,
});
const admin = person('admin');
const leader = person('leader');
const dept = person('department', 'xiaolvzhai');
const reviewer = person('reviewer');

function from(origin: string | null, host = 'scorecard.example') {
  request.headers = new Map([['host', host], ...(origin ? ([['origin', origin]] as const) : [])]);
}

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

beforeEach(() => {
  request.viewer = null;
  from('https://scorecard.example');
});

describe('requireUser (pages)', () => {
  it('sends an anonymous visitor to the login page, and back to where it was going', async () => {
    // The way back is the address as the browser sends it (non-ASCII percent-encoded), then encoded once more as the `next` value.
    await expect(requireUser('round:view', { returnTo: '/rounds/2021?group=乡镇' })).rejects.toThrow(`redirect /login?next=${encodeURIComponent('/rounds/2021?group=%E4%B9%A1%E9%95%87')}`);
    // Never back to another site.
    await expect(requireUser(undefined, { returnTo: '//evil.example/' })).rejects.toThrow('redirect /login');
    await expect(requireUser(undefined, { returnTo: '//evil.example/' })).rejects.not.toThrow('evil');
  });

  it('answers 404 to a signed-in user without the permission: nothing hints that the page exists', async () => {
    request.viewer = leader;
    await expect(requireUser('users:manage')).rejects.toThrow('404');
    request.viewer = reviewer;
    await expect(requireUser('round:view')).rejects.toThrow('404');
  });

  it('confines a department to its own department, and to nothing without a target', async () => {
    request.viewer = dept;
    await expect(requireUser('department:view', { target: { departmentCode: 'xiaolvzhai' } })).resolves.toBe(dept);
    await expect(requireUser('department:view', { target: { departmentCode: 'demo-guanting' } })).rejects.toThrow('404');
    await expect(requireUser('department:view')).rejects.toThrow('404');
  });

  it('takes a rule of its own, awaited, and lets any signed-in user through without a rule', async () => {
    request.viewer = reviewer;
    await expect(requireUser(async (v) => v.role === 'reviewer')).resolves.toBe(reviewer);
    await expect(requireUser(async () => false)).rejects.toThrow('404');
    await expect(requireUser()).resolves.toBe(reviewer);
  });
});

describe('guardedAction (server actions)', () => {
  const Form = z.object({ slug: z.string().min(1), code: z.string().min(1) });

  function action(permission: Parameters<typeof guardedAction>[1], opts: { target?: (input: z.infer<typeof Form>, viewer: Viewer) => Target | Promise<Target> } = {}) {
    const ran = vi.fn(async () => ({ ok: true, message: 'done' }));
    return { ran, run: guardedAction(Form, permission, ran, opts) };
  }

  it('refuses a request from another site before it looks at who is asking', async () => {
    request.viewer = admin;
    from('https://evil.example');
    const { ran, run } = action('round:manage');
    expect(await run(null, form({ slug: '2021', code: 'x' }))).toMatchObject({ ok: false, denied: true, message: expect.stringContaining('evil.example') });
    from(null);
    expect(await run(null, form({ slug: '2021', code: 'x' }))).toMatchObject({ ok: false, denied: true });
    expect(ran).not.toHaveBeenCalled();
  });

  it('refuses without a session, and a role without the permission even before reading the form', async () => {
    const { ran, run } = action('round:manage');
    expect(await run(null, form({ slug: '2021', code: 'x' }))).toEqual(DENIED_LOGIN);
    request.viewer = leader;
    // Bad input from a refused user gets the refusal, not the form's field errors.
    expect(await run(null, form({}))).toEqual(DENIED_ROLE);
    expect(ran).not.toHaveBeenCalled();
  });

  it('answers bad input with zod’s messages per field, without running the action', async () => {
    request.viewer = admin;
    const { ran, run } = action('round:manage');
    const r = await run(null, form({ slug: '' }));
    expect(r).toMatchObject({ ok: false, message: '提交的内容不完整或格式不对', fieldErrors: { slug: [expect.any(String)], code: [expect.any(String)] } });
    expect(ran).not.toHaveBeenCalled();
  });

  it('refuses a form holding a NUL, or no form at all, with one message and without running the action', async () => {
    request.viewer = admin;
    const { ran, run } = action('round:manage');
    expect(await run(null, form({ slug: '2021', code: 'x\0y' }))).toEqual(BAD_INPUT);
    expect(await run(null, form({ slug: '2021', code: 'x', 'na\0me': 'v' }))).toEqual(BAD_INPUT);
    // An action called by hand may be handed anything but a form.
    expect(await run(null, { slug: '2021', code: 'x' } as unknown as FormData)).toEqual(BAD_INPUT);
    expect(ran).not.toHaveBeenCalled();
    expect(await run(null, form({ slug: '2021', code: 'x' }))).toMatchObject({ ok: true });
  });

  it('checks the permission on the target the input names: a department only on its own code', async () => {
    request.viewer = dept;
    const { ran, run } = action('submission:edit', { target: (input) => ({ departmentCode: input.code }) });
    expect(await run(null, form({ slug: '2021', code: 'demo-guanting' }))).toEqual(DENIED_ROLE);
    expect(ran).not.toHaveBeenCalled();
    expect(await run(null, form({ slug: '2021', code: 'xiaolvzhai' }))).toEqual({ ok: true, message: 'done' });
    expect(ran).toHaveBeenCalledWith({ slug: '2021', code: 'xiaolvzhai' }, { viewer: dept, address: '203.0.113.7', session: 'session-hash' });
  });

  it('lets a reviewer act only where the data says it is assigned', async () => {
    request.viewer = reviewer;
    let assigned = false;
    const { ran, run } = action('evaluation:score', { target: async (input) => ({ departmentCode: input.code, assigned }) });
    expect(await run(null, form({ slug: '2021', code: 'demo-guanting' }))).toEqual(DENIED_ROLE);
    assigned = true;
    expect(await run(null, form({ slug: '2021', code: 'demo-guanting' }))).toMatchObject({ ok: true });
    expect(ran).toHaveBeenCalledTimes(1);
  });

  it('lets any signed-in account through with "signed-in", and still nobody without a session', async () => {
    const { ran, run } = action('signed-in');
    expect(await run(null, form({ slug: 'a', code: 'b' }))).toEqual(DENIED_LOGIN);
    request.viewer = reviewer;
    expect(await run(null, form({ slug: 'a', code: 'b' }))).toMatchObject({ ok: true });
    expect(ran).toHaveBeenCalledTimes(1);
  });
});

describe('guardRoute (route handlers)', () => {
  const handled = () => vi.fn(async (_req: Request, ctx: { viewer: Viewer; params: { slug: string }; address: string }) => Response.json({ ok: true, who: ctx.viewer.username, slug: ctx.params.slug, address: ctx.address }));
  const call = (route: (req: Request, ctx: { params: Promise<{ slug: string }> }) => Promise<Response>, method: string, origin: string | null = 'https://scorecard.example') =>
    route(new Request('https://scorecard.example/rounds/2021/upload', { method, headers: { host: 'scorecard.example', ...(origin ? { origin } : {}) } }), { params: Promise.resolve({ slug: '2021' }) });

  it('refuses a state-changing request from another site with 403, whoever is signed in', async () => {
    request.viewer = admin;
    const handler = handled();
    const res = await call(guardRoute(() => true, handler), 'POST', 'https://evil.example');
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ ok: false, error: expect.stringContaining('evil.example'), problems: [{ message: expect.stringContaining('evil.example') }] });
    expect((await call(guardRoute(() => true, handler), 'POST', null)).status).toBe(403);
    expect(handler).not.toHaveBeenCalled();
  });

  it('answers 401 without a session and 403 when the rule refuses, never running the handler', async () => {
    const handler = handled();
    const allow = vi.fn((v: Viewer) => v.role === 'admin');
    const res = await call(guardRoute(allow, handler), 'GET');
    expect(res.status).toBe(401);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(allow).not.toHaveBeenCalled();
    request.viewer = leader;
    expect((await call(guardRoute(allow, handler), 'POST')).status).toBe(403);
    expect(handler).not.toHaveBeenCalled();
  });

  it('runs the handler with the viewer, the params and the client address once every check passes', async () => {
    request.viewer = admin;
    const handler = handled();
    // A GET from a link on another site is fine: it changes nothing.
    const res = await call(guardRoute(async (_v, _r, p) => p.slug === '2021', handler), 'GET', 'https://elsewhere.example');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, who: 'admin-user', slug: '2021', address: '203.0.113.7' });
  });
});
