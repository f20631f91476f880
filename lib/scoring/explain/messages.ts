import type { Policy } from '../types';

/**
 * The sentences of explanations, one set per language. Every argument is already formatted text
 * (percentages with "%", names from the system), so a language decides only words and order.
 * Names of indicators, fields, checklist items and grade labels are data and stay as the system
 * has them.
 */
export interface ExplainMessages {
  policy: Record<Policy, string>;
  bandedRule(fullCmp: string, full: string, zeroCmp: string, zero: string, policy: string): string;
  proportionalRule(leaf: string): string;
  checklistTier(met: number, score: string): string;
  gradeOption(label: string, score: string): string;
  judgementRule(weight: string): string;
  /** Joins the tiers or grades of a rule. */
  listSep: string;
  notApplicable: string;
  infinite: string;
  yes: string;
  no: string;
  checklistItem(n: number, text: string | undefined): string;
  /** `${amount}${unit}` as a language writes it. */
  ratioNotApplicable(den: string): string;
  changeNotApplicable(prev: string, curr: string): string;
  changeInfinite(prev: string, curr: string): string;
  fullMarksResult(reason: string, score: string): string;
  zeroResult(reason: string, score: string): string;
  atFullLine(x: string, cmp: string, line: string, score: string): string;
  atZeroLine(x: string, cmp: string, line: string, score: string): string;
  /** The lead-in of an interpolation: why these min and max. */
  fromCohort(qualifying: number): string;
  fromThresholds: string;
  fellBack: string;
  interpolation(lead: string, symbolic: string, numbers: string, weight: string, score: string): string;
  symbolicLower: string;
  symbolicHigher: string;
  proportional(x: string, weight: string, score: string): string;
  checklistReached(met: number, of: number, tierMet: number, tierScore: string): string;
  checklistNone(met: number, of: number): string;
  cappedAt(weight: string): string;
  withResult(text: string, score: string): string;
  grade(label: string, labelScore: string, cappedWeight: string | null, score: string): string;
  judgement(score: string, weight: string): string;
  judgementPending(weight: string): string;
  judgementPanel(scores: string, trimmed: boolean, score: string, spread: string, flagged: boolean, weight: string): string;
  metricTarget(leaf: string, cmp: string, threshold: string, reach: string | null): string;
  reach(field: string, cmp: string, quantity: string): string;
  checklistTargetAll(leaf: string, n: number): string;
  checklistTargetAtLeast(leaf: string, n: number): string;
  checklistTargetNone(leaf: string, weight: string): string;
  /** The points not met, named after a checklist's target: "要点 3、5 不符合". */
  checklistUnmet(points: number[]): string;
  gradeTarget(leaf: string, best: string): string;
  judgementTarget(leaf: string, weight: string): string;
  /** The unit's own value is the group's min or max: the scale every in-band score is interpolated on. */
  setsScale(side: 'min' | 'max'): string;
}

export const zhCN: ExplainMessages = {
  policy: {
    'cohort-in-band': '按同组区间内的 max/min 插值',
    'cohort-all': '按同组全部有效值的 max/min 插值',
    thresholds: '按两条阈值线性插值',
  },
  bandedRule: (fc, full, zc, zero, policy) => `${fc} ${full} 得满分；${zc} ${zero} 得 0 分；之间${policy}`,
  proportionalRule: (leaf) => `得分 = min(1, ${leaf}) × 分值`,
  checklistTier: (met, score) => `符合 ${met} 项得 ${score}`,
  gradeOption: (label, score) => `${label}（${score}）`,
  judgementRule: (w) => `评价人按评价要点在 0 至 ${w} 分之间评分`,
  listSep: '；',
  notApplicable: '不适用',
  infinite: '∞',
  yes: '是',
  no: '否',
  checklistItem: (n, text) => `要点 ${n}${text ? `：${text}` : ''}`,
  ratioNotApplicable: (den) => `${den}为 0，不适用`,
  changeNotApplicable: (prev, curr) => `${prev}与${curr}均为 0，不适用`,
  changeInfinite: (prev, curr) => `${prev}为 0 而${curr}大于 0，变动率为无穷大`,
  fullMarksResult: (reason, score) => `${reason}，得满分 = ${score}`,
  zeroResult: (reason, score) => `${reason}，得 0 分 = ${score}`,
  atFullLine: (x, cmp, line, score) => `${x} ${cmp} ${line}（满分线），得满分 = ${score}`,
  atZeroLine: (x, cmp, line, score) => `${x} ${cmp} ${line}（零分线），得 0 分 = ${score}`,
  fromCohort: (q) => `同组 ${q} 个可比值，`,
  fromThresholds: '按阈值插值：',
  fellBack: '同组可比值不足 2 个或 max = min，改按阈值插值：',
  interpolation: (lead, symbolic, numbers, w, score) => `${lead}得分 = ${symbolic} × 分值 = ${numbers} × ${w} = ${score}`,
  symbolicLower: '(max − x) / (max − min)',
  symbolicHigher: '(x − min) / (max − min)',
  proportional: (x, w, score) => `得分 = min(1, ${x}) × ${w} = ${score}`,
  checklistReached: (met, of, tierMet, tierScore) => `符合 ${met}/${of} 项 → 档次“符合 ${tierMet} 项”得 ${tierScore}`,
  checklistNone: (met, of) => `符合 ${met}/${of} 项，未达到任何档次，得 0`,
  cappedAt: (w) => `，超过分值 ${w}，按 ${w} 计`,
  withResult: (text, score) => `${text} = ${score}`,
  grade: (label, labelScore, cappedWeight, score) => `评价等级“${label}”得 ${labelScore}${cappedWeight ? `，按分值 ${cappedWeight} 计` : ''} = ${score}`,
  judgement: (score, w) => `评价人评分 ${score}（满分 ${w}）`,
  judgementPending: (w) => `待评议：尚未评分，暂计 0 分（满分 ${w}）`,
  judgementPanel: (scores, trimmed, score, spread, flagged, w) =>
    `评审专家评分（${scores}）${trimmed ? '去掉最高分和最低分后的平均' : '平均'} = ${score}；分差 ${spread}${flagged ? '，超过阈值，需讨论' : ''}（满分 ${w}）`,
  metricTarget: (leaf, cmp, threshold, reach) => `${leaf} ${cmp} ${threshold} 可得满分${reach ? `（${reach}）` : ''}`,
  reach: (field, cmp, quantity) => `${field} ${cmp} ${quantity}`,
  checklistTargetAll: (leaf, n) => `${leaf}全部 ${n} 项评价要点符合可得满分`,
  checklistTargetAtLeast: (leaf, n) => `${leaf}符合至少 ${n} 项评价要点可得满分`,
  checklistTargetNone: (leaf, w) => `${leaf}最高档次不足分值 ${w}`,
  checklistUnmet: (points) => `（要点 ${points.join('、')} 不符合）`,
  gradeTarget: (leaf, best) => `${leaf}评为“${best}”可得满分`,
  judgementTarget: (leaf, w) => `${leaf}各项评价要点均达成可得满分 ${w}`,
  setsScale: (side) => `本单位的值决定了同组${side === 'min' ? '最小值（min）' : '最大值（max）'}：同组区间内各单位的得分都以它为刻度的一端`,
};

export const en: ExplainMessages = {
  policy: {
    'cohort-in-band': "interpolated between the min and max of the group's values inside the band",
    'cohort-all': "interpolated between the min and max of all the group's valid values",
    thresholds: 'interpolated linearly between the two thresholds',
  },
  bandedRule: (fc, full, zc, zero, policy) => `full marks at ${fc} ${full}; 0 at ${zc} ${zero}; in between, ${policy}`,
  proportionalRule: (leaf) => `score = min(1, ${leaf}) × weight`,
  checklistTier: (met, score) => `${met} met: ${score}`,
  gradeOption: (label, score) => `${label} (${score})`,
  judgementRule: (w) => `the evaluator scores the evaluation points between 0 and ${w}`,
  listSep: '; ',
  notApplicable: 'not applicable',
  infinite: '∞',
  yes: 'yes',
  no: 'no',
  checklistItem: (n, text) => `Point ${n}${text ? `: ${text}` : ''}`,
  ratioNotApplicable: (den) => `${den} is 0: not applicable`,
  changeNotApplicable: (prev, curr) => `${prev} and ${curr} are both 0: not applicable`,
  changeInfinite: (prev, curr) => `${prev} is 0 and ${curr} is above 0: the change is infinite`,
  fullMarksResult: (reason, score) => `${reason}; full marks = ${score}`,
  zeroResult: (reason, score) => `${reason}; 0 points = ${score}`,
  atFullLine: (x, cmp, line, score) => `${x} ${cmp} ${line} (full-marks line): full marks = ${score}`,
  atZeroLine: (x, cmp, line, score) => `${x} ${cmp} ${line} (zero line): 0 points = ${score}`,
  fromCohort: (q) => `${q} comparable values in the group; `,
  fromThresholds: 'Between the thresholds: ',
  fellBack: 'Fewer than 2 comparable values in the group, or max = min, so the thresholds are used: ',
  interpolation: (lead, symbolic, numbers, w, score) => `${lead}score = ${symbolic} × weight = ${numbers} × ${w} = ${score}`,
  symbolicLower: '(max − x) / (max − min)',
  symbolicHigher: '(x − min) / (max − min)',
  proportional: (x, w, score) => `score = min(1, ${x}) × ${w} = ${score}`,
  // Straight quotes: the bundled CJK font draws curly ones full-width.
  checklistReached: (met, of, tierMet, tierScore) => `${met} of ${of} points met → tier "${tierMet} met": ${tierScore}`,
  checklistNone: (met, of) => `${met} of ${of} points met, no tier reached: 0`,
  cappedAt: (w) => `, above the weight ${w}, counted as ${w}`,
  withResult: (text, score) => `${text} = ${score}`,
  grade: (label, labelScore, cappedWeight, score) => `grade "${label}": ${labelScore}${cappedWeight ? `, counted as the weight ${cappedWeight}` : ''} = ${score}`,
  judgement: (score, w) => `evaluator's score ${score} (of ${w})`,
  judgementPending: (w) => `pending: not evaluated yet, counted as 0 for now (of ${w})`,
  judgementPanel: (scores, trimmed, score, spread, flagged, w) =>
    `reviewers' scores (${scores}), ${trimmed ? 'mean without the highest and lowest' : 'mean'} = ${score}; spread ${spread}${flagged ? ', above the threshold: to be discussed' : ''} (of ${w})`,
  metricTarget: (leaf, cmp, threshold, reach) => `Full marks at ${leaf} ${cmp} ${threshold}${reach ? ` (${reach})` : ''}`,
  reach: (field, cmp, quantity) => `${field} ${cmp} ${quantity}`,
  checklistTargetAll: (leaf, n) => `Full marks when all ${n} evaluation points of ${leaf} are met`,
  checklistTargetAtLeast: (leaf, n) => `Full marks when at least ${n} evaluation points of ${leaf} are met`,
  checklistTargetNone: (leaf, w) => `No tier of ${leaf} reaches the weight ${w}`,
  checklistUnmet: (points) => ` (${points.length === 1 ? 'point' : 'points'} ${points.join(', ')} not met)`,
  gradeTarget: (leaf, best) => `Full marks when ${leaf} is rated "${best}"`,
  judgementTarget: (leaf, w) => `Full marks (${w}) when every evaluation point of ${leaf} is achieved`,
  setsScale: (side) =>
    `This unit's value sets the group's ${side === 'min' ? 'minimum (min)' : 'maximum (max)'}: one end of the scale every in-band score in the group is interpolated on`,
};
