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
