import { beforeAll, describe, expect, it } from 'vitest';
import { actionsInApp, pagesInApp, routesInApp } from './app-surface';
import { builtActions, callAction, DEMO, login, request, samplePath, sessionOf, type BuiltAction } from './auth-http';

/**
 * The authorization matrix: every page, every route handler method and every server action of the
 * app, for no login and for each role, against the running server. The lists are found by scanning
 * app/ (and Next's action manifest), so anything new without a row here fails the suite.
 */

type Subject = 'anonymous' | 'admin' | 'leader' | 'department' | 'reviewer';
const SUBJECTS: Subject[] = ['anonymous', 'admin', 'leader', 'department', 'reviewer'];
/** Who is let through; everyone else must be refused. 'public' pages and actions need no login. */
type Allowed = readonly Subject[] | 'public';

const ALL: Subject[] = ['admin', 'leader', 'department', 'reviewer'];
const BUREAU: Subject[] = ['admin'];
const READERS: Subject[] = ['admin', 'leader'];

/** Pages by route pattern. The department's own pages are opened with its own code. */
const PAGES: Record<string, Allowed> = {
  '/': ALL,
  '/login': 'public',
  '/account': ALL,
  '/admin/users': BUREAU,
  '/admin/audit': BUREAU,
  '/admin/rounds': BUREAU,
  '/admin/units': BUREAU,
  // A department sees a round's ranking list only where the round allows it (the demo rounds do not).
  '/rounds/[slug]': READERS,
  '/rounds/[slug]/indicators': READERS,
  '/rounds/[slug]/indicators/[code]': READERS,
  // A reviewer sees none of these: only its units to evaluate (below).
  '/rounds/[slug]/departments/[code]': ['admin', 'leader', 'department'],
  // 试算 of a unit: whoever may see its 评分表 (a department its own only, IDOR-tested in auth-department).
  '/rounds/[slug]/departments/[code]/whatif': ['admin', 'leader', 'department'],
  // 口径对比: a department sees its own row there.
  '/rounds/[slug]/policies': ['admin', 'leader', 'department'],
  '/rounds/[slug]/submission': ['department'],
  '/rounds/[slug]/review': BUREAU,
  '/rounds/[slug]/review/[code]': BUREAU,
  '/rounds/[slug]/manage': BUREAU,
  // A reviewer sees the units assigned to it and nothing else (the demo's pingshen1: 示例·官亭镇 in 2021).
  '/rounds/[slug]/evaluate': ['reviewer'],
  '/rounds/[slug]/evaluate/[code]': ['reviewer'],
};
const PAGE_PARAMS: Record<string, Record<string, string>> = {
  '/rounds/[slug]/indicators/[code]': { code: 'budget_completion' },
  '/rounds/[slug]/evaluate/[code]': { code: 'demo-guanting' },
};

/** Route handlers by `METHOD pattern`, with a request that would succeed for an allowed user. */
const ROUTES: Record<string, { allowed: Allowed; path: string; body?: () => FormData }> = {
  'GET /rounds/[slug]/explain': { allowed: ['admin', 'leader', 'department'], path: '/rounds/2021/explain?department=xiaolvzhai&indicator=budget_completion' },
  'GET /rounds/[slug]/export': { allowed: READERS, path: '/rounds/2021/export?format=csv' },
  'GET /rounds/[slug]/template': { allowed: ['admin', 'department'], path: '/rounds/2021/template' },
  // A department gets its own 评分表 PDF (a reviewer none, as it sees no 评分表); the round's reports are for the bureau and leaders.
  'GET /rounds/[slug]/departments/[code]/scorecard': { allowed: ['admin', 'leader', 'department'], path: '/rounds/2021/departments/xiaolvzhai/scorecard' },
  'GET /rounds/[slug]/report/bulletin': { allowed: READERS, path: '/rounds/2021/report/bulletin' },
  'GET /rounds/[slug]/report/scorecards': { allowed: READERS, path: '/rounds/2021/report/scorecards?format=zip' },
  'POST /rounds/[slug]/upload': {
    allowed: BUREAU,
    path: '/rounds/2021/upload',
    // A file the import refuses: the gate is what is tested, and the demo data stays as it is.
    body: () => {
      const f = new FormData();
      f.set('file', new Blob(['not,a,template\n'], { type: 'text/csv' }), 'bad.csv');
      return f;
    },
  },
};

/**
 * Server actions by `file#export`, with fields that an allowed user gets a harmless answer for
 * (a refusal by the data layer, never a change): a round that does not exist, a stale version…
 */
const ACTIONS: Record<string, { allowed: Allowed; kind: 'form' | 'state'; fields: Record<string, string> }> = {
  'app/lib/actions.ts#setLocale': { allowed: 'public', kind: 'form', fields: { locale: 'zh-CN' } },
  'app/login/actions.ts#loginAction': { allowed: 'public', kind: 'state', fields: { username: 'nobody-here', password: 'x' } },
  'app/login/actions.ts#logoutAction': { allowed: 'public', kind: 'form', fields: {} },
  'app/account/actions.ts#changePasswordAction': { allowed: ALL, kind: 'state', fields: { current: 'not-my-password', next: 'whatever-new-pw', confirm: 'whatever-new-pw' } },
  'app/admin/users/actions.ts#createUserAction': { allowed: BUREAU, kind: 'state', fields: { username: 'Bad Name', role: 'leader' } },
  'app/admin/users/actions.ts#resetPasswordAction': { allowed: BUREAU, kind: 'state', fields: { username: 'no-such-user' } },
  'app/admin/users/actions.ts#setDisabledAction': { allowed: BUREAU, kind: 'state', fields: { username: 'no-such-user', disabled: '1' } },
  'app/admin/units/actions.ts#bureauNameAction': { allowed: BUREAU, kind: 'state', fields: { name: ' ' } },
  'app/admin/units/actions.ts#linkCodesAction': { allowed: BUREAU, kind: 'state', fields: { code: 'no-such-unit', earlierCode: 'xiaolvzhai', reason: 'x' } },
  'app/admin/units/actions.ts#unlinkCodesAction': { allowed: BUREAU, kind: 'state', fields: { id: '99999', reason: 'x' } },
  'app/rounds/[slug]/review/actions.ts#acceptAction': { allowed: BUREAU, kind: 'state', fields: { slug: '2021', code: 'xiaolvzhai', baseVersion: '99999' } },
  'app/rounds/[slug]/review/actions.ts#returnAction': { allowed: BUREAU, kind: 'state', fields: { slug: '2021', code: 'xiaolvzhai', baseVersion: '99999', comment: 'x' } },
  'app/rounds/[slug]/review/actions.ts#acceptAllAction': { allowed: BUREAU, kind: 'state', fields: { slug: 'no-such-round' } },
  // A score out of range: refused by the data layer once the gate has let the bureau through.
  'app/rounds/[slug]/review/actions.ts#evaluateAction': { allowed: BUREAU, kind: 'state', fields: { slug: '2021', code: 'xiaolvzhai', 'score.duty_completion': '99' } },
  'app/rounds/[slug]/evaluate/actions.ts#reviewerScoreAction': {
    allowed: ['reviewer'],
    kind: 'state',
    fields: { slug: '2021', code: 'demo-guanting', 'score.duty_completion': '99', 'comment.duty_completion': 'x' },
  },
  'app/admin/rounds/actions.ts#createRoundAction': {
    allowed: BUREAU,
    kind: 'state',
    fields: { slug: 'bad slug!', name: 'x', year: '2022', systemSource: 'builtin', builtin: 'julu-2021', policy: 'system', groups: '乡镇', panelRule: 'mean' },
  },
  'app/rounds/[slug]/manage/actions.ts#closeCollectionAction': { allowed: BUREAU, kind: 'state', fields: { slug: 'no-such-round' } },
  'app/rounds/[slug]/manage/actions.ts#reopenCollectionAction': { allowed: BUREAU, kind: 'state', fields: { slug: 'no-such-round', reason: 'x' } },
  'app/rounds/[slug]/manage/actions.ts#publishAction': { allowed: BUREAU, kind: 'state', fields: { slug: 'no-such-round' } },
  'app/rounds/[slug]/manage/actions.ts#unpublishAction': { allowed: BUREAU, kind: 'state', fields: { slug: 'no-such-round', reason: 'x' } },
  'app/rounds/[slug]/manage/actions.ts#settingsAction': {
    allowed: BUREAU,
    kind: 'state',
    fields: { slug: 'no-such-round', name: 'x', deadline: '', panelRule: 'mean', spreadThreshold: '' },
  },
  'app/rounds/[slug]/manage/actions.ts#declareGroupsAction': { allowed: BUREAU, kind: 'state', fields: { slug: 'no-such-round', groups: '乡镇' } },
  'app/rounds/[slug]/manage/actions.ts#enrolFromRoundAction': { allowed: BUREAU, kind: 'state', fields: { slug: 'no-such-round', from: '2020' } },
  'app/rounds/[slug]/manage/actions.ts#enrolFromMasterAction': { allowed: BUREAU, kind: 'state', fields: { slug: 'no-such-round', codes: 'xiaolvzhai', group: '乡镇' } },
  // No file: refused by validation, after the gate.
  'app/rounds/[slug]/manage/actions.ts#enrolFromFileAction': { allowed: BUREAU, kind: 'state', fields: { slug: 'no-such-round' } },
  'app/rounds/[slug]/manage/actions.ts#moveDepartmentAction': { allowed: BUREAU, kind: 'state', fields: { slug: 'no-such-round', code: 'xiaolvzhai', group: '乡镇', reason: 'x' } },
  'app/rounds/[slug]/manage/actions.ts#createAccountsAction': { allowed: BUREAU, kind: 'state', fields: { slug: 'no-such-round' } },
  'app/rounds/[slug]/manage/actions.ts#assignReviewerAction': { allowed: BUREAU, kind: 'state', fields: { slug: 'no-such-round', reviewer: 'pingshen1', codes: 'xiaolvzhai', assign: '1' } },
  'app/rounds/[slug]/submission/actions.ts#saveSubmissionAction': {
    allowed: ['department'],
    kind: 'state',
    fields: { slug: '2021', code: 'xiaolvzhai', baseVersion: '99999', intent: 'save' },
  },
};

describe('every page, route and action has a row in the matrix', () => {
  it('lists each page of app/', () => {
    expect(pagesInApp).toEqual(Object.keys(PAGES).sort());
  });
  it('lists each route handler method of app/', () => {
    expect(routesInApp).toEqual(Object.keys(ROUTES).sort());
  });
  it('lists each server action in app/ and in the build', () => {
    expect(actionsInApp).toEqual(Object.keys(ACTIONS).sort());
    expect(builtActions().map((a) => `${a.file}#${a.name}`).sort()).toEqual(Object.keys(ACTIONS).sort());
  });
});

const sessions: Partial<Record<Subject, string>> = {};
beforeAll(async () => {
  for (const s of ALL) sessions[s] = await sessionOf(s as 'admin' | 'leader' | 'department' | 'reviewer');
});
const allowedFor = (allowed: Allowed, s: Subject) => allowed === 'public' || allowed.includes(s);

describe.each(SUBJECTS)('as %s', (subject) => {
  const cookie = () => sessions[subject] ?? null;

  it.each(Object.entries(PAGES))('page %s', async (pattern, allowed) => {
    const r = await request(samplePath(pattern, PAGE_PARAMS[pattern]), { cookie: cookie() });
    if (allowedFor(allowed, subject)) {
      // Shown, or passed on to a page of the viewer's own (/ and /login redirect), never to the login.
      expect([200, 307, 308]).toContain(r.status);
      if (r.status !== 200) expect(r.location ?? '').not.toMatch(/^\/login/);
    } else if (subject === 'anonymous') {
      expect(r.status).toBe(307);
      expect(r.location).toMatch(/^\/login\?next=/);
    } else {
      // Refused: not found, or (a department on a closed ranking) sent to its own page.
      if (r.status === 307) expect(r.location).toBe('/rounds/2021/departments/xiaolvzhai');
      else expect(r.status).toBe(404);
    }
  });

  it.each(Object.entries(ROUTES))('route %s', async (key, route) => {
    const method = key.split(' ')[0]!;
    const r = await request(route.path, { cookie: cookie(), method, ...(route.body ? { body: route.body() } : {}) });
    if (allowedFor(route.allowed, subject)) {
      expect(r.status).not.toBe(401);
      expect(r.status).not.toBe(403);
      expect(r.status).toBeLessThan(500);
    } else {
      expect(r.status).toBe(subject === 'anonymous' ? 401 : 403);
      expect(r.body).not.toContain('xiaolvzhai');
    }
  });

  it.each(Object.entries(ACTIONS))('action %s', async (key, spec) => {
    const [file, name] = key.split('#') as [string, string];
    const built = builtActions().find((a: BuiltAction) => a.file === file && a.name === name)!;
    // Signing out ends the session it is called with: give it one of its own.
    const session = name === 'logoutAction' && subject !== 'anonymous' ? (await login(DEMO[subject].username, DEMO[subject].password)).cookie : cookie();
    const r = await callAction(built, spec.fields, { cookie: session, kind: spec.kind });
    expect(r.status).toBeLessThan(500);
    const answer = r.result as { denied?: boolean; message?: string } | null;
    if (allowedFor(spec.allowed, subject)) {
      expect(answer?.denied ?? false).toBe(false);
    } else {
      expect(answer).toMatchObject({ ok: false, denied: true, message: subject === 'anonymous' ? '登录已失效，请重新登录后再试' : '您的账号无权进行此操作' });
    }
  });
});
