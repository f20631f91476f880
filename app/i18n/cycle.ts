/**
 * The words of the evaluation cycle (issue 9): round set-up, enrolment, statuses, reviewers,
 * publications. Spread into both dictionaries, so they are one dictionary with typed keys.
 */
export const cycleZh = {
  'status.pending': '待评议',
} as const;

export const cycleEn: Record<keyof typeof cycleZh, string> = {
  'status.pending': 'awaiting evaluation',
};

/**
 * Role and audit-action labels of the cycle, for the account and audit pages' dictionary
 * (app/lib/auth/messages.ts spreads them in, so its typed keys cover the new role and actions).
 */
export const cycleAuthZh = {
  'role.reviewer': '评审专家',
  'action.round.create': '新建轮次',
  'action.round.status': '轮次状态',
  'action.round.publish': '发布结果',
  'action.round.unpublish': '撤回发布',
  'action.round.groups': '声明分组',
  'action.round.enrol': '登记参评单位',
  'action.round.group_move': '调整分组',
  'action.round.reviewers': '指派评审专家',
  'action.evaluation.score': '评议打分',
} as const;

export const cycleAuthEn: Record<keyof typeof cycleAuthZh, string> = {
  'role.reviewer': 'Reviewer',
  'action.round.create': 'Round created',
  'action.round.status': 'Round status',
  'action.round.publish': 'Published',
  'action.round.unpublish': 'Publication withdrawn',
  'action.round.groups': 'Groups declared',
  'action.round.enrol': 'Departments enrolled',
  'action.round.group_move': 'Group changed',
  'action.round.reviewers': 'Reviewers assigned',
  'action.evaluation.score': 'Evaluation scored',
};
