import type { Role } from '@/lib/auth/roles';

/**
 * The demo start's accounts, one per role, with the passwords the README lists. They exist only
 * under SCORECARD_DEMO=1 and only when the database has no account at all.
 */
export const DEMO_ACCOUNTS: readonly { username: string; password: string; role: Role; department?: string }[] = [
  { username: 'admin', password: 'demo-caizheng-2021', role: 'admin' },
  { username: 'leader', password: 'demo-lingdao-2021', role: 'leader' },
  { username: 'xiaolvzhai', password: 'demo-bumen-2021', role: 'department', department: 'xiaolvzhai' },
  { username: 'pingshen1', password: 'demo-pingshen-2021', role: 'reviewer' },
  { username: 'pingshen2', password: 'demo-pingshen-2022', role: 'reviewer' },
];

/**
 * The demo panel of round 2021: both reviewers evaluate 示例·官亭镇 (their spread on 生态效益 is above
 * the round's threshold of 1 point, so it is flagged) and 示例·西郭城镇, where the second reviewer
 * has not scored yet — so the demo shows a panel, a flagged spread, a pending row and 暂定.
 */
export const DEMO_PANEL: { reviewer: string; department: string; scores: [string, string, string, string] | null; comment: string }[] = [
  { reviewer: 'pingshen1', department: 'demo-guanting', scores: ['9.5', '4', '4.5', '4.5'], comment: '佐证材料齐全' },
  { reviewer: 'pingshen2', department: 'demo-guanting', scores: ['8.5', '4.5', '4', '3'], comment: '生态效益佐证不足' },
  { reviewer: 'pingshen1', department: 'demo-xiguocheng', scores: ['8.5', '4', '4', '4'], comment: '基本达成' },
  { reviewer: 'pingshen2', department: 'demo-xiguocheng', scores: null, comment: '' },
];

/** The judgement leaves of julu-2021, in the order of DEMO_PANEL's scores. */
export const DEMO_JUDGEMENT_LEAVES = ['duty_completion', 'economic_benefit', 'social_benefit', 'ecological_benefit'];
