import { describe, expect, it } from 'vitest';
import { can, ROLES, rolesWith, type Permission, type Viewer } from './roles';

const viewer = (role: Viewer['role'], code: string | null = null): Viewer => ({
  id: 1,
  username: role,
  role,
  departmentId: code ? 7 : null,
  departmentCode: code,
  departmentName: code ? '小吕寨镇' : null,
});
const admin = viewer('admin');
const leader = viewer('leader');
const dept = viewer('department', 'xiaolvzhai');
const ALL: Permission[] = [
  'round:view',
  'round:rankings',
  'round:indicators',
  'round:policies',
  'whatif:others',
  'round:export',
  'round:import',
  'round:manage',
  'department:view',
  'submission:edit',
  'submission:review',
  'users:manage',
  'audit:view',
];

describe('role policy', () => {
  it('denies everything to someone not signed in', () => {
    for (const p of ALL) expect(can(null, p, { departmentCode: 'x', round: { showRankingToDepartments: true } })).toBe(false);
  });

  it('lets the bureau do everything except fill in a department’s own form', () => {
    for (const p of ALL) expect(can(admin, p, { departmentCode: 'xiaolvzhai' })).toBe(p !== 'submission:edit');
  });

  it('keeps a leader read-only: rankings, indicators, exports and every department page', () => {
    const granted = ALL.filter((p) => can(leader, p, { departmentCode: 'anyone', round: { showRankingToDepartments: false } }));
    expect(granted).toEqual(['round:view', 'round:rankings', 'round:indicators', 'round:policies', 'whatif:others', 'round:export', 'department:view']);
  });

  it('confines a department to its own department page and form', () => {
    expect(can(dept, 'department:view', { departmentCode: 'xiaolvzhai' })).toBe(true);
    expect(can(dept, 'submission:edit', { departmentCode: 'xiaolvzhai' })).toBe(true);
    expect(can(dept, 'department:view', { departmentCode: 'other' })).toBe(false);
    expect(can(dept, 'submission:edit', { departmentCode: 'other' })).toBe(false);
    expect(can(dept, 'department:view')).toBe(false);
  });

  it('shows a department the ranking list only where its round allows it', () => {
    expect(can(dept, 'round:rankings', { round: { showRankingToDepartments: false } })).toBe(false);
    expect(can(dept, 'round:rankings', { round: { showRankingToDepartments: true } })).toBe(true);
    expect(can(dept, 'round:rankings')).toBe(false);
  });

  it('never gives a department the cross-department views, exports, imports, review, users or audit', () => {
    for (const p of ['round:indicators', 'round:policies', 'whatif:others', 'round:export', 'round:import', 'round:manage', 'submission:review', 'users:manage', 'audit:view'] as const) {
      expect(can(dept, p, { departmentCode: 'xiaolvzhai', round: { showRankingToDepartments: true } })).toBe(false);
    }
  });

  it('denies a department account that lost its department link', () => {
    expect(can(viewer('department', null), 'round:view')).toBe(false);
  });

  it('lists which roles hold each permission', () => {
    expect(rolesWith('audit:view')).toEqual(['admin']);
    expect(rolesWith('department:view')).toEqual(['admin', 'leader', 'department']);
  });
});

describe('the reviewer (评审专家)', () => {
  const reviewer = viewer('reviewer');
  it('may only score, and only where the data layer found it assigned', () => {
    expect(can(reviewer, 'evaluation:score', { departmentCode: 'xiaolvzhai', assigned: true })).toBe(true);
    expect(can(reviewer, 'evaluation:score', { departmentCode: 'xiaolvzhai' })).toBe(false);
    expect(can(reviewer, 'evaluation:score', { assigned: false })).toBe(false);
  });
  it('sees no ranking, indicator, 评分表, export, import, review, users or audit', () => {
    for (const p of ALL) expect(can(reviewer, p, { departmentCode: 'xiaolvzhai', assigned: true, round: { showRankingToDepartments: true } })).toBe(false);
  });
  it('is the only role that scores as a reviewer', () => {
    expect(rolesWith('evaluation:score')).toEqual(['reviewer']);
  });
});
