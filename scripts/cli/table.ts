import { fmtScore, indexSystem, type Scores, type System } from '@/lib/scoring';

// Terminal columns: CJK characters take two cells, so pad by display width, not length.
export function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
export const pad = (s: string, n: number, right = false) => (right ? ' '.repeat(Math.max(0, n - width(s))) + s : s + ' '.repeat(Math.max(0, n - width(s))));

/** A readable ranking per group: rank (并列 marked), department, total, level-1 parts, self-score. */
export function rankingTable(system: System, scores: Scores): string {
  const level1 = indexSystem(system).level1;
  const hasSelf = scores.departments.some((d) => d.selfTotal !== undefined);
  const header = ['排名', '单位', '总分', ...level1.map((l) => `${l.name}${l.weight}`), ...(hasSelf ? ['自评', '差异'] : [])];
  const out: string[] = [`指标体系 ${scores.system} · 插值口径 ${scores.policy}`];
  const groups = [...new Set(scores.departments.map((d) => d.group))];
  for (const group of groups) {
    const rows = scores.departments
      .filter((d) => d.group === group)
      .map((d) => [
        `${d.rank}${d.tied ? '=' : ''}`,
        d.name,
        fmtScore(d.total),
        ...level1.map((l) => fmtScore(d.level1[l.code]!)),
        ...(hasSelf ? [d.selfTotal ? fmtScore(d.selfTotal) : '—', d.selfTotalDiff ? fmtScore(d.selfTotalDiff) : '—'] : []),
      ]);
    const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
    out.push('', `【${group}】 ${rows.length} 个单位`);
    out.push(header.map((h, i) => pad(h, widths[i]!, i !== 1)).join('  '));
    out.push(widths.map((w) => '─'.repeat(w)).join('  '));
    for (const r of rows) out.push(r.map((c, i) => pad(c, widths[i]!, i !== 1)).join('  '));
  }
  if (scores.departments.some((d) => d.tied)) out.push('', '“=” 表示并列');
  return `${out.join('\n')}\n`;
}
