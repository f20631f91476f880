import { describe, expect, it, vi } from 'vitest';
import type { Viewer } from '@/lib/auth/roles';

/**
 * The service layer's promise, checked over every service there is: an operation on behalf of a
 * viewer checks the viewer before it touches the database. The services are found by reading the
 * modules (every export whose first parameter is `viewer`), so a new one is checked without being
 * listed; what it is called with is listed below, and a service missing there fails the test.
 */

vi.mock('@/db/client', async (original) => ({
  ...(await original<typeof import('@/db/client')>()),
  getDb: async () => {
    throw new Error('touched the database');
  },
}));

const modules = {
  audit: await import('./audit'),
  enrolment: await import('./enrolment'),
  evaluation: await import('./evaluation'),
  imports: await import('./imports'),
  review: await import('./review'),
  rounds: await import('./rounds'),
  submission: await import('./submission'),
  units: await import('./units'),
  users: await import('./users'),
};

/** Another department's code than the department viewer's own. */
const OTHER = 'demo-guanting';
const file = { name: 'x.csv', buffer: Buffer.from('code,name\n') };
const target = { slug: '2021', code: OTHER, baseVersion: 1 };

/** Each service's arguments after the viewer (the rest — meta, db — are left to their defaults). */
const ARGS: Record<string, unknown[]> = {
  readAudit: [{}],
  enrolFromRound: ['2022', '2021'],
  enrolFromMaster: ['2022', [OTHER], '乡镇'],
  enrolFromFile: ['2022', file.name, file.buffer],
  moveDepartment: ['2021', OTHER, '乡镇', '调整'],
  setReviewerAssignment: ['2021', 'pingyi1', [OTHER], true],
  createMissingAccounts: ['2021'],
  evaluateAsBureau: [{ slug: '2021', code: OTHER, scores: { duty_completion: { score: '6', comment: 'x' } } }],
  scoreAsReviewer: [{ slug: '2021', code: OTHER, scores: { duty_completion: { score: '6', comment: 'x' } } }],
  loadDepartmentEvaluation: ['2021', OTHER],
  loadReviewerWork: ['2021'],
  importUpload: ['2021', file],
  acceptSubmission: [target],
  returnSubmission: [{ ...target, comment: '请修改' }],
  acceptAllSubmitted: ['2021'],
  listRoundSubmissions: ['2021'],
  createRound: [{ slug: '2022', name: '2022年度', year: 2022, system: 'julu-2021', policy: 'cohort-in-band', groups: ['乡镇'] }],
  declareGroups: ['2021', ['乡镇']],
  setCollecting: ['2021', 'reviewing', '截止'],
  updateRoundSettings: ['2021', {}],
  setRankingVisibility: ['2021', true],
  publishRound: ['2021'],
  unpublishRound: ['2021', '更正'],
  loadSubmissionForm: ['2021', OTHER],
  saveSubmission: [{ ...target, cells: {}, submit: false }],
  linkCodes: [{ code: 'b', earlierCode: 'a', reason: '更名' }],
  unlinkCodes: [{ id: 1, reason: '有误' }],
  setBureauName: ['巨鹿县财政局'],
  readUnits: [],
  addAccount: [{ username: 'someone', role: 'admin', departmentCode: null }],
  resetPassword: ['admin'],
  setAccountDisabled: ['admin', true],
  changeOwnPassword: [{ current: 'x', next: 'a new passphrase' }, { address: '203.0.113.7' }],
  listAccounts: [],
};

const services = Object.entries(modules).flatMap(([module, exports]) =>
  Object.entries(exports as Record<string, unknown>)
    .filter((e): e is [string, (...args: unknown[]) => Promise<unknown>] => typeof e[1] === 'function' && /^(async\s+)?function\s*\w*\s*\(\s*viewer\b/.test(String(e[1])))
    .map(([name, fn]) => ({ key: `${module}.${name}`, name, fn })),
);

/** What a service answers when it refuses: nothing (a read), or `{ ok: false, message }`. */
function refused(r: unknown): boolean {
  return r === null || (typeof r === 'object' && r !== null && (r as { ok?: unknown }).ok === false && typeof (r as { message?: unknown }).message === 'string') || (typeof r === 'object' && r !== null && (r as { ok?: unknown }).ok === false && Array.isArray((r as { problems?: unknown }).problems));
}

const department: Viewer = { id: 9, username: 'xiaolvzhai', role: 'department', departmentId: 3, departmentCode: 'xiaolvzhai', departmentName: '小吕寨镇人民政府' };

describe('every service checks the viewer before it touches the database', () => {
  it('finds the services by reading the modules, and knows how to call each', () => {
    expect(services.length).toBeGreaterThanOrEqual(30);
    expect(services.map((s) => s.name).filter((n) => !(n in ARGS))).toEqual([]);
  });

  it.each(services.map((s) => [s.key, s] as const))('%s refuses nobody', async (_key, s) => {
    expect(refused(await s.fn(null, ...ARGS[s.name]!))).toBe(true);
  });

  // A department's own password is its own business; everything else here is the bureau's, a reviewer's or another department's.
  it.each(services.filter((s) => s.name !== 'changeOwnPassword').map((s) => [s.key, s] as const))('%s refuses a department acting on what is not its own', async (_key, s) => {
    expect(refused(await s.fn(department, ...ARGS[s.name]!))).toBe(true);
  });
});
