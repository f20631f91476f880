/** The scoring engine: pure functions over decimal.js. Every other layer calls these and nothing else. */
export * from './types';
export { D, roundScore, sum, type Decimal } from './decimal';
export { parseDecimal } from './numbers';
export { parseSystem, loadSystem, SystemError, type SystemResult } from './system';
export { indexSystem, type SystemIndex } from './system-index';
export { parseCohort, parseDepartment, cohortToJson, departmentToJson, DEFAULT_GROUP, type CohortResult } from './cohort';
export { scoreCohort, type ScoreOptions } from './score';
export { scoresToJson, type ScoresJsonOptions } from './json';
export { competitionRanks } from './rank';
export { evalMetric, metricFields, ratioOfText, Ratio } from './metric';
export { bandedStat } from './cohort-stats';
export { scoreBanded, classify, ruleContext, resolveGrade, usesStandardLabels, GRADE_ALIASES, type RuleContext, type Outcome } from './rules';
export { DEFAULT_GRADES, gradeOf } from './grades';
export { renderExplanation, explainMessages, EXPLAIN_LOCALES, type ExplainLocale, type ExplanationText, type InputText } from './explain/render';
export { fmtScore, fmtPercent, fmtPlain } from './text';
export { formatProblem } from './problem';
export { builtinSystem, BUILTIN_SYSTEM_DOCUMENTS } from './builtin';
