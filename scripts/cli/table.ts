import { fmtScore, indexSystem, type DepartmentScore, type Scores, type System } from '@/lib/scoring';

// Terminal columns: CJK characters take two cells, so pad by display width, not length.
export function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
export const pad = (s: string, n: number, right = false) => (right ? ' '.repeat(Math.max(0, n - width(s))) + s : s + ' '.repeat(Math.max(0, n - width(s))));

/**
 * A readable ranking per group: rank (并列 marked), department, total, level-1 parts, self-score.
 * Yields one line at a time (column widths are measured in a first pass), so a cohort of any size
 * is printed without building the whole text.
 */
export function* rankingTableLines(system: System, scores: Scores): Generator<string> {
  const level1 = indexSystem(system).level1;
  const hasSelf = scores.departments.some((d) => d.selfTotal !== undefined);
  const header = ['排名', '单位', '总分', ...level1.map((l) => `${l.name}${l.weight}`), ...(hasSelf ? ['自评', '差异'] : [])];
  const cells = (d: DepartmentScore) => [
    `${d.rank}${d.tied ? '=' : ''}`,
    d.name,
    fmtScore(d.total),
    ...level1.map((l) => fmtScore(d.level1[l.code]!)),
    ...(hasSelf ? [d.selfTotal ? fmtScore(d.selfTotal) : '—', d.selfTotalDiff ? fmtScore(d.selfTotalDiff) : '—'] : []),
  ];
  yield `指标体系 ${scores.system} · 插值口径 ${scores.policy}`;
  const groups = new Map<string, DepartmentScore[]>();
  for (const d of scores.departments) {
    const g = groups.get(d.group);
    if (g) g.push(d);
    else groups.set(d.group, [d]);
  }
  for (const [group, members] of groups) {
    const widths = header.map(width);
    for (const d of members) cells(d).forEach((c, i) => (widths[i] = Math.max(widths[i]!, width(c))));
    yield '';
    yield `【${group}】 ${members.length} 个单位`;
    yield header.map((h, i) => pad(h, widths[i]!, i !== 1)).join('  ');
    yield widths.map((w) => '─'.repeat(w)).join('  ');
    for (const d of members) yield cells(d).map((c, i) => pad(c, widths[i]!, i !== 1)).join('  ');
  }
  if (scores.departments.some((d) => d.tied)) {
    yield '';
    yield '“=” 表示并列';
  }
}

/** The whole table as one string (small cohorts, tests). */
export function rankingTable(system: System, scores: Scores): string {
  return `${[...rankingTableLines(system, scores)].join('\n')}\n`;
}
