import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoCohorts } from '@/lib/demo/cohorts';
import { builtActions, callAction, DEMO, login, request, sessionOf } from './auth-http';

/** IDOR, CSRF, session fixation, login throttling, concurrent edits and locked rounds, over HTTP against the running app. */

const action = (file: string, name: string) => {
  const a = builtActions().find((x) => x.file === file && x.name === name);
  if (!a) throw new Error(`${file}#${name} not in the build`);
  return a;
};
const SAVE = () => action('app/rounds/[slug]/submission/actions.ts', 'saveSubmissionAction');
const CREATE_USER = () => action('app/admin/users/actions.ts', 'createUserAction');

const cohorts = demoCohorts().cohorts as Record<string, { departments: { code: string; name: string }[] }>;
/** Names of every demo unit but the seed township: none may appear on the township's pages. */
const others = cohorts['2021']!.departments.filter((d) => d.code !== 'xiaolvzhai');

/** The version a department's form is based on, read from its own form page as a browser would. */
async function formVersion(cookie: string, slug: string): Promise<{ version: number; html: string }> {
  const r = await request(`/rounds/${slug}/submission`, { cookie });
  expect(r.status).toBe(200);
  const m = r.body.match(/name="baseVersion" value="(\d+)"/);
  if (!m) throw new Error('no baseVersion on the form');
  return { version: Number(m[1]), html: r.body };
}

/** The form's current values as fields, from the page's inputs. */
function formFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*name="(v\.[^"]+)"[^>]*value="([^"]*)"/g)) fields[m[1]!] = m[2]!;
  // Selects: the option carrying `selected`.
  for (const m of html.matchAll(/<select[^>]*name="(v\.[^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const chosen = m[2]!.match(/<option[^>]*value="([^"]*)"[^>]*selected/);
    fields[m[1]!] = chosen?.[1] ?? '';
  }
  return fields;
}

let admin: string, dept: string;
beforeAll(async () => {
  admin = await sessionOf('admin');
  dept = await sessionOf('department');
  // A second department account, made the way the bureau makes one.
  const r = await callAction(CREATE_USER(), { username: 'guanting', role: 'department', department: 'demo-guanting', password: 'official-seal-2021' }, { cookie: admin });
  expect((r.result as { ok: boolean; message: string }).ok || /已被使用/.test((r.result as { message: string }).message)).toBe(true);
});

describe('a department using another department’s ids (IDOR)', () => {
  it('cannot open the other department’s 评分表, and the answer holds none of its data', async () => {
    const r = await request('/rounds/2021/departments/demo-guanting', { cookie: dept });
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('示例·官亭镇');
  });

  it('cannot read another department’s explanations through the route', async () => {
    const r = await request('/rounds/2021/explain?department=demo-guanting&indicator=budget_completion', { cookie: dept });
    expect(r.status).toBe(403);
    expect(r.body).not.toContain('官亭');
  });

  it('cannot try a what-if on another department, and the answer holds none of its data', async () => {
    const r = await request('/rounds/2021/departments/demo-guanting/whatif?budget_adjusted=1', { cookie: dept });
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('示例·官亭镇');
  });

  it('cannot open another department’s review page, nor export the round', async () => {
    expect((await request('/rounds/2021/review/demo-guanting', { cookie: dept })).status).toBe(404);
    expect((await request('/rounds/2021/export?format=csv', { cookie: dept })).status).toBe(403);
  });

  it('cannot save another department’s submission by changing the code in the form', async () => {
    const guanting = await login('guanting', 'official-seal-2021');
    const { version, html } = await formVersion(guanting.cookie!, '2021');
    const r = await callAction(SAVE(), { ...formFields(html), slug: '2021', code: 'demo-guanting', baseVersion: String(version), intent: 'save' }, { cookie: dept });
    expect(r.result).toMatchObject({ ok: false, denied: true });
    // Nothing was stored: the other department's form is still at the same version.
    expect((await formVersion(guanting.cookie!, '2021')).version).toBe(version);
  });

  it('sees nothing of other departments on its own pages', async () => {
    // The what-if changes its 预算调整率 enough to move the group's scale: others move, unnamed.
    for (const p of [
      '/rounds/2021/departments/xiaolvzhai',
      '/rounds/2021/submission',
      '/rounds/2020/departments/xiaolvzhai',
      '/rounds/2021/policies',
      '/rounds/2021/departments/xiaolvzhai/whatif?budget_adjusted=20',
    ]) {
      const r = await request(p, { cookie: dept });
      expect(r.status, p).toBe(200);
      for (const o of others) expect(r.body, `${p} mentions ${o.name}`).not.toContain(o.name);
    }
  });

  it('is sent from the closed ranking list to its own page', async () => {
    const r = await request('/rounds/2021', { cookie: dept });
    expect(r.status).toBe(307);
    expect(r.location).toBe('/rounds/2021/departments/xiaolvzhai');
  });

  it('the other department is confined the same way', async () => {
    const guanting = (await login('guanting', 'official-seal-2021')).cookie!;
    const r = await request('/rounds/2021/departments/xiaolvzhai', { cookie: guanting });
    expect(r.status).toBe(404);
    expect(r.body).not.toContain('小吕寨');
  });
});

describe('cross-site requests (CSRF)', () => {
  const bad = () => {
    const f = new FormData();
    f.set('file', new Blob([fs.readFileSync(path.resolve(__dirname, '../../lib/demo/xiaolvzhai-2021.json'))], { type: 'application/json' }), 'x.json');
    return f;
  };

  it('refuses an upload posted from another site, even with the bureau’s cookie', async () => {
    const r = await request('/rounds/2021/upload', { cookie: admin, method: 'POST', origin: 'https://evil.example', body: bad() });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).problems[0].message).toBe('请求来自其他网站（evil.example），为防跨站请求伪造已拒绝');
  });

  it('refuses an upload that names no origin at all', async () => {
    const r = await request('/rounds/2021/upload', { cookie: admin, method: 'POST', origin: null, body: bad() });
    expect(r.status).toBe(403);
  });

  it('refuses a server action posted from another site, and nothing is saved', async () => {
    const { version, html } = await formVersion(dept, '2021');
    const fields = { ...formFields(html), slug: '2021', code: 'xiaolvzhai', baseVersion: String(version), intent: 'save' };
    const foreign = await callAction(SAVE(), fields, { cookie: dept, origin: 'https://evil.example' });
    // Refused before Next's own check, which answered with a 500 (finding 9).
    expect(foreign.status).toBe(403);
    expect(foreign.body).toBe('请求来自其他网站（evil.example），为防跨站请求伪造已拒绝');
    const bare = await callAction(SAVE(), fields, { cookie: dept, origin: null });
    expect(bare.result).toMatchObject({ ok: false, denied: true });
    expect((await formVersion(dept, '2021')).version).toBe(version);
  });
});

describe('sessions', () => {
  it('never adopts a session id planted before login, and ends a presented one', async () => {
    const planted = `scorecard_session=${'A'.repeat(43)}`;
    const first = await login(DEMO.leader.username, DEMO.leader.password, { cookie: planted });
    expect(first.cookie).not.toBeNull();
    expect(first.cookie).not.toBe(planted);
    // Logging in again while holding a real session issues a new id and kills the old one.
    const second = await login(DEMO.leader.username, DEMO.leader.password, { cookie: first.cookie });
    expect(second.cookie).not.toBe(first.cookie);
    expect((await request('/account', { cookie: first.cookie })).location).toMatch(/^\/login/);
    expect((await request('/account', { cookie: second.cookie })).status).toBe(200);
  });

  it('sets the cookie httpOnly and SameSite=Lax', async () => {
    const { reply } = await login(DEMO.leader.username, DEMO.leader.password);
    const set = reply.headers.getSetCookie().find((c) => c.startsWith('scorecard_session='))!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=lax/i);
    expect(set).toMatch(/Path=\//);
  });

  it('marks the cookie Secure behind an https proxy, under the __Host- prefix', async () => {
    const { reply } = await login(DEMO.leader.username, DEMO.leader.password, { address: '127.40.0.1' });
    expect(reply.headers.getSetCookie().find((c) => c.startsWith('scorecard_session='))).not.toMatch(/Secure/i);
    const action_ = action('app/login/actions.ts', 'loginAction');
    const https = await callAction(action_, { ...DEMO.leader, next: '/' }, { page: '/login', headers: { 'x-forwarded-proto': 'https' } });
    const set = https.headers.getSetCookie();
    expect(set.find((c) => c.startsWith('scorecard_session='))).toBeUndefined();
    const secure = set.find((c) => c.startsWith('__Host-scorecard_session='))!;
    expect(secure).toMatch(/; Secure/i);
    expect(secure).toMatch(/; Path=\//);
    expect(secure).not.toMatch(/Domain=/i);
    // Over https only the __Host- cookie opens a session; the same token under the plain name does not.
    const token = secure.split(';')[0]!.split('=')[1]!;
    expect((await request('/account', { cookie: `__Host-scorecard_session=${token}`, headers: { 'x-forwarded-proto': 'https' } })).status).toBe(200);
    expect((await request('/account', { cookie: `scorecard_session=${token}`, headers: { 'x-forwarded-proto': 'https' } })).status).toBe(307);
  });

  it('logout ends the session on the server, not just in the browser', async () => {
    const { cookie } = await login(DEMO.leader.username, DEMO.leader.password);
    expect((await request('/account', { cookie })).status).toBe(200);
    await callAction(action('app/login/actions.ts', 'logoutAction'), {}, { cookie, kind: 'form' });
    // The old cookie, replayed, no longer opens anything.
    const after = await request('/account', { cookie });
    expect(after.status).toBe(307);
    expect(after.location).toMatch(/^\/login/);
  });
});

describe('two edits of one submission', () => {
  it('saves the first and refuses the second with a clear message instead of overwriting', async () => {
    const other = await login(DEMO.department.username, DEMO.department.password);
    // Drafts in 2021: they change no score, so the other suites keep the seeded figures.
    const a = await formVersion(dept, '2021');
    const b = await formVersion(other.cookie!, '2021');
    expect(b.version).toBe(a.version);
    const fields = formFields(a.html);
    const first = await callAction(SAVE(), { ...fields, slug: '2021', code: 'xiaolvzhai', baseVersion: String(a.version), intent: 'save' }, { cookie: dept });
    expect(first.result).toMatchObject({ ok: true, data: { version: a.version + 1, status: 'draft' } });
    const second = await callAction(SAVE(), { ...fields, slug: '2021', code: 'xiaolvzhai', baseVersion: String(b.version), intent: 'save' }, { cookie: other.cookie });
    expect(second.result).toEqual({ ok: false, message: `此填报已被他人修改（现为第 ${a.version + 1} 版，您打开的是第 ${b.version} 版），请刷新后再改` });
  });
});

describe('a published round (the demo publishes 2020)', () => {
  const ACCEPT = () => action('app/rounds/[slug]/review/actions.ts', 'acceptAction');
  const PUBLISHED = /^评价轮次 2020（2020年度部门整体支出绩效评价）已发布，成绩已冻结/;

  it('refuses a department’s save, an import and a review decision, each with the message', async () => {
    const { version, html } = await formVersion(dept, '2020');
    const save = await callAction(SAVE(), { ...formFields(html), slug: '2020', code: 'xiaolvzhai', baseVersion: String(version), intent: 'submit' }, { cookie: dept });
    expect(save.result).toMatchObject({ ok: false, message: expect.stringMatching(PUBLISHED) });

    const file = new FormData();
    const cohort = { ...cohorts['2020'], departments: cohorts['2020']!.departments.slice(0, 1) };
    file.set('file', new Blob([JSON.stringify(cohort)], { type: 'application/json' }), 'one.json');
    const upload = await request('/rounds/2020/upload', { cookie: admin, method: 'POST', body: file });
    expect(upload.status).toBe(422);
    expect(JSON.parse(upload.body).problems[0].message).toMatch(PUBLISHED);

    const accept = await callAction(ACCEPT(), { slug: '2020', code: 'xiaolvzhai', baseVersion: String(version) }, { cookie: admin });
    expect(accept.result).toMatchObject({ ok: false, message: expect.stringMatching(PUBLISHED) });

    // The form says so before anyone tries.
    expect((await request('/rounds/2020/submission', { cookie: dept })).body).toContain('已发布，成绩已冻结');
  });
});
