import type { RoundScores } from '@/db/queries';
import { tableColumns } from '@/lib/interchange/table';
import { fmtPercent, fmtPlain, indexSystem, type Department } from '@/lib/scoring';
import { whatIf, whatIfKeys } from '@/lib/scoring/sensitivity';
import type { Locale } from '@/app/i18n';
import { fmtScore, fmtSigned } from '../format';
import { problemText } from './problem-text';
import { columnLabels } from './column-label';
import { translator } from '@/app/i18n';
import { tableOf } from './sensitivity';
import type { WhatIfField, WhatIfView } from './types';

/** The stored value of a what-if key as the form shows it: a number as given, 1/0 for an item, a grade's label. */
function storedCell(d: Department, key: string, kind: WhatIfField['kind']): string {
  if (kind === 'input') return d.inputs[key]!.toFixed();
  if (kind === 'grade') return d.grades[key]!;
  const [, leaf, n] = /^(.+)\.(\d+)$/.exec(key)!;
  return d.checklists[leaf!]![Number(n) - 1] ? '1' : '0';
}

/**
 * 试算 for one unit: `query` holds the tried values by table key (the page's URL). `others`: whether
 * the viewer may see which other units move (the bureau and leaders); a department learns only
 * that they do.
 */
export function whatIfView(rs: RoundScores, code: string, query: Record<string, string>, opts: { others: boolean; locale?: Locale }): WhatIfView | null {
  const d = rs.departments.find((x) => x.code === code);
  const before = rs.scores.departments.find((x) => x.code === code);
  if (!d || !before) return null;
  const system = rs.system;
  const idx = indexSystem(system);
  const keys = whatIfKeys(system);
  const columns = new Map(tableColumns(system).map((c) => [c.key, c]));
  const locale = opts.locale ?? 'zh-CN';
  const labels = columnLabels(system, locale, translator(locale));
  const fields: WhatIfField[] = [...keys.entries()].map(([key, kind]) => {
    const col = columns.get(key);
    const leaf = col?.leaf ? idx.byCode.get(col.leaf)?.leaf : undefined;
    const stored = storedCell(d, key, kind);
    const hint = kind === 'input' ? system.fields[key]?.description : kind === 'checklist' && leaf?.rule.kind === 'checklist' ? leaf.rule.items[col!.item! - 1] : undefined;
    return {
      key,
      kind,
      label: labels.get(key) ?? key,
      ...(hint ? { hint } : {}),
      ...(kind === 'grade' && leaf?.rule.kind === 'grade' ? { options: leaf.rule.grades.map((g) => g.label) } : {}),
      stored,
      value: query[key] ?? stored,
    };
  });
  const label = (key: string | undefined) => (key ? (labels.get(key) ?? null) : null);

  const r = whatIf(system, rs.departments, rs.scores, code, query, tableOf(rs, before.group));
  const members = rs.scores.departments.filter((x) => x.group === before.group).length;
  const base = { code, name: before.name, group: before.group, groupSize: members, fields };
  if (!r.ok) {
    return { ...base, problems: r.problems.map((p) => ({ key: p.field ?? null, label: label(p.field), message: problemText(p, system, locale) })), changed: [], result: null };
  }
  const after = r.department;
  // The system's bands run from the highest grade down: a smaller index is a better grade.
  const band = (label: string) => system.grades.findIndex((g) => g.label === label);
  const gradeStep = band(before.grade) - band(after.grade);
  return {
    ...base,
    problems: [],
    changed: r.changed,
    result: {
      totalBefore: fmtScore(before.total),
      totalAfter: fmtScore(after.total),
      delta: fmtSigned(after.total.minus(before.total)),
      rankBefore: before.rank,
      rankAfter: after.rank,
      tiedAfter: after.tied,
      gradeBefore: before.grade,
      gradeAfter: after.grade,
      gradeMove: gradeStep > 0 ? 'up' : gradeStep < 0 ? 'down' : null,
      leaves: idx.leaves.map(({ leaf }) => {
        const b = before.indicators[leaf.code]!;
        const a = after.indicators[leaf.code]!;
        return {
          code: leaf.code,
          name: leaf.name,
          weight: fmtPlain(leaf.weight),
          before: fmtScore(b.score),
          after: fmtScore(a.score),
          delta: fmtSigned(a.score.minus(b.score)),
          status: a.status,
          changed: !a.score.eq(b.score) || a.status !== b.status,
        };
      }),
      othersMove: r.othersMoved > 0,
      others: opts.others
        ? r.others.map((o) => ({
            code: o.code,
            name: o.name,
            totalBefore: fmtScore(o.totalBefore),
            totalAfter: fmtScore(o.totalAfter),
            delta: fmtSigned(o.totalAfter.minus(o.totalBefore)),
            rankBefore: o.rankBefore,
            rankAfter: o.rankAfter,
          }))
        : null,
      scales: opts.others
        ? r.scales.map((s) => ({
            leaf: s.leaf,
            name: idx.byCode.get(s.leaf)?.leaf.name ?? s.leaf,
            before: s.before.basis === 'cohort' ? `${fmtPercent(s.before.min)} – ${fmtPercent(s.before.max)}` : null,
            after: s.after.basis === 'cohort' ? `${fmtPercent(s.after.min)} – ${fmtPercent(s.after.max)}` : null,
          }))
        : null,
    },
  };
}
