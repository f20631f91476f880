/**
 * Who may do what. One table, consulted by every guard (pages, actions, routes) and by the data
 * layer; anything not granted here is denied.
 */

export const ROLES = ['admin', 'leader', 'department', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  admin: { zh: '财政局', en: 'Finance bureau' },
  leader: { zh: '领导', en: 'Leader' },
  department: { zh: '部门', en: 'Department' },
  reviewer: { zh: '评审专家', en: 'Reviewer' },
};

export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && (ROLES as readonly string[]).includes(x);
}

/** The signed-in person as every check sees it. */
export interface Viewer {
  id: number;
  username: string;
  role: Role;
  /** Set exactly when role is department. */
  departmentId: number | null;
  departmentCode: string | null;
  departmentName: string | null;
}

export type Permission =
  /** The round list and a round's header. */
  | 'round:view'
  /** The whole ranking list of a group (departments only where the round allows it). */
  | 'round:rankings'
  /** Views comparing every department indicator by indicator (heat table, indicator pages). */
  | 'round:indicators'
  /** 口径对比 of every unit: totals and ranks under each policy, rank ranges, reversals. */
  | 'round:policies'
  /** In a what-if (试算), which other units would move and by how much. */
  | 'whatif:others'
  | 'round:export'
  | 'round:import'
  /** Lock, unlock, and the round's settings. */
  | 'round:manage'
  /** A department's 评分表 (scores, explanations, weak indicators, rank). */
  | 'department:view'
  /** A department's own submission form: fill in, save, submit. */
  | 'submission:edit'
  /** The bureau's review: accept, return, adjust a judgement score. */
  | 'submission:review'
  | 'users:manage'
  /** The master list of units across years (links of renamed or re-coded units) and the report settings. */
  | 'units:manage'
  | 'audit:view'
  /** A reviewer (评审专家) scores the judgement leaves of the departments assigned to it in a round. */
  | 'evaluation:score';

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: [
    'round:view',
    'round:rankings',
    'round:indicators',
    'round:policies',
    'whatif:others',
    'round:export',
    'round:import',
    'round:manage',
    'department:view',
    'submission:review',
    'users:manage',
    'units:manage',
    'audit:view',
  ],
  leader: ['round:view', 'round:rankings', 'round:indicators', 'round:policies', 'whatif:others', 'round:export', 'department:view'],
  department: ['round:view', 'round:rankings', 'department:view', 'submission:edit'],
  // Only the rounds and departments assigned to it, and only to score them: no rankings, no 评分表.
  reviewer: ['evaluation:score'],
};

/** What a permission is about, where it matters. */
export interface Target {
  /** The department whose data is asked for. */
  departmentCode?: string;
  /** The round, for the per-round ranking setting. */
  round?: { showRankingToDepartments: boolean };
  /** For a reviewer: whether the data layer found it assigned to the department (and round) asked for. */
  assigned?: boolean;
}

/**
 * Whether `viewer` may do `permission` on `target`. A department is confined to its own department
 * code, and sees a round's ranking list only where the round says so; a target it needs but was not
 * given counts as someone else's.
 */
export function can(viewer: Viewer | null, permission: Permission, target: Target = {}): boolean {
  if (!viewer) return false;
  if (!GRANTS[viewer.role].includes(permission)) return false;
  if (viewer.role === 'reviewer') return target.assigned === true;
  if (viewer.role !== 'department') return true;
  if (!viewer.departmentCode) return false;
  switch (permission) {
    case 'round:rankings':
      return target.round?.showRankingToDepartments === true;
    case 'department:view':
    case 'submission:edit':
      return target.departmentCode === viewer.departmentCode;
    default:
      return true;
  }
}

/** The roles that hold a permission at all (before any per-department or per-round condition). */
export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((r) => GRANTS[r].includes(permission));
}
