import { fmtPercent, fmtScore, indexSystem, type ExplainLocale, type Policy, type System } from '@/lib/scoring';
import type { Sensitivity } from '@/lib/scoring/sensitivity';
import { pad, width } from './table';

/** The table's words in each language; names of units and indicators are data and stay as written. */
const WORDS = {
  'zh-CN': {
    policy: { 'cohort-in-band': '同组区间内', 'cohort-all': '同组全部值', thresholds: '按阈值' } as Record<Policy, string>,
    after: { above: '高于', tied: '并列于', below: '低于' } as Record<string, string>,
    title: (id: string, own: Policy, name: string) => `指标体系 ${id} · 本轮插值口径 ${own}（${name}）· 口径对比与名次稳定性`,
    unit: '单位',
    total: (p: string) => `${p}总分`,
    rank: '排名',
    range: '名次区间',
    move: '变动',
    group: (g: string, n: number) => `【${g}】 ${n} 个单位`,
    removalsTitle: '去掉后会改变刻度的单位：',
    removal: (name: string, leaves: string, moved: number, flips: number) => `  ${name}：${leaves}；${moved} 个单位总分变化，${flips} 对名次颠倒`,
    moreUnits: (n: number) => `  …… 其余 ${n} 个`,
    noRemovals: '去掉任何一个单位都不改变刻度：名次区间宽度均为 0。',
    reversalsTitle: (n: number) => `名次颠倒（共 ${n} 对）：`,
    reversal: (removed: string, a: string, before: string, after: string, b: string) => `  去掉 ${removed}：${a} 由${before === 'tied' ? '并列于' : '高于'} ${b} 变为${after} ${b}`,
    morePairs: (n: number) => `  …… 其余 ${n} 对`,
    settersTitle: '谁决定刻度（本轮口径下插值所用的 min 与 max）：',
    outlier: '（离群）',
    listSep: '、',
    setters: (leaf: string, min: string, max: string) => `  ${leaf}：min ${min}；max ${max}`,
    notes: [
      '“=” 表示并列；变动为相对本轮口径的名次变化（↑ 上升，↓ 下降）。',
      '名次区间：对同组每个其他单位 u，去掉 u 重新计分，比较本单位在其余单位中的名次与完整计分时在同样这些单位中的名次；',
      '区间 = 本单位名次 + 这些差值中的最小值与最大值。离群：与参与插值的值的中位数相差超过 3 倍 MAD。',
    ],
  },
  en: {
    policy: { 'cohort-in-band': 'in-band', 'cohort-all': 'all values', thresholds: 'thresholds' } as Record<Policy, string>,
    after: { above: 'ahead of', tied: 'level with', below: 'behind' } as Record<string, string>,
    title: (id: string, own: Policy, name: string) => `System ${id} · round's policy ${own} (${name}) · policies compared and rank stability`,
    unit: 'Department',
    total: (p: string) => `Total ${p}`,
    rank: 'Rank',
    range: 'Rank range',
    move: 'Move',
    group: (g: string, n: number) => `[${g}] ${n} ${n === 1 ? 'department' : 'departments'}`,
    removalsTitle: 'Departments whose removal moves a scale:',
    removal: (name: string, leaves: string, moved: number, flips: number) =>
      `  ${name}: ${leaves}; ${moved} ${moved === 1 ? 'total changes' : 'totals change'}, ${flips} ${flips === 1 ? 'pair flips' : 'pairs flip'}`,
    moreUnits: (n: number) => `  … ${n} more`,
    noRemovals: 'Leaving out any one department changes no scale: every rank range has width 0.',
    reversalsTitle: (n: number) => `Pairs that flip (${n}):`,
    reversal: (removed: string, a: string, before: string, after: string, b: string) =>
      `  without ${removed}: ${a} goes from ${before === 'tied' ? 'level with' : 'ahead of'} ${b} to ${after} ${b}`,
    morePairs: (n: number) => `  … ${n} more`,
    settersTitle: "Who sets the scale (the min and max interpolated between under the round's policy):",
    outlier: ' (outlier)',
    listSep: ', ',
    setters: (leaf: string, min: string, max: string) => `  ${leaf}: min ${min}; max ${max}`,
    notes: [
      '"=" marks a tie; a move is the change of rank against the round\'s own policy (↑ up, ↓ down).',
      "Rank range: for every other unit u of the group, score without u and compare this unit's rank among the rest with its rank among",
      'the same units in the full scoring; range = rank + the least and the greatest of these differences. Outlier: further than 3 × MAD from the median.',
    ],
  },
};

/** Lists in the table stop here; the JSON has them whole (up to its own limit). */
const SHOWN = 20;

function columns(header: string[], rows: string[][], left: number[]): string[] {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  const line = (r: string[]) => r.map((c, i) => pad(c, widths[i]!, !left.includes(i))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
}

/** `score --sensitivity --format table [--lang en]`: per group, the three policies side by side with rank ranges, then who moves the scale. */
export function sensitivityTable(system: System, s: Sensitivity, locale: ExplainLocale = 'zh-CN'): string {
  const w = WORDS[locale];
  const names = new Map(s.policies.rows.map((r) => [r.code, r.name]));
  const leafName = (code: string) => indexSystem(system).byCode.get(code)?.leaf.name ?? code;
  const [own] = s.policies.policies;
  const out: string[] = [w.title(system.id, own!, w.policy[own!])];
  for (const g of s.stability) {
    const ranges = new Map(g.ranges.map((r) => [r.code, r]));
    const rows = s.policies.rows
      .filter((r) => r.group === g.group)
      .map((r) => {
        const range = ranges.get(r.code)!;
        return [
          r.name,
          ...r.results.flatMap((p, k) => [
            fmtScore(p.total),
            `${p.rank}${p.tied ? '=' : ''}`,
            ...(k === 0 ? [range.lo === range.hi ? `${range.lo}` : `${range.lo}–${range.hi}`] : [p.move ? (p.move < 0 ? `↑${-p.move}` : `↓${p.move}`) : '']),
          ]),
        ];
      });
    const header = [w.unit, ...s.policies.policies.flatMap((p, k) => [w.total(w.policy[p]), w.rank, k === 0 ? w.range : w.move])];
    out.push('', w.group(g.group, rows.length), ...columns(header, rows, [0]));

    if (g.removals.length) {
      out.push('', w.removalsTitle);
      for (const r of g.removals.slice(0, SHOWN)) out.push(w.removal(names.get(r.removed)!, r.leaves.map(leafName).join(w.listSep), r.moved, r.reversals));
      if (g.removals.length > SHOWN) out.push(w.moreUnits(g.removals.length - SHOWN));
    } else out.push('', w.noRemovals);
    if (g.reversalCount) {
      out.push('', w.reversalsTitle(g.reversalCount));
      for (const r of g.reversals.slice(0, SHOWN)) out.push(w.reversal(names.get(r.removed)!, names.get(r.a)!, r.before, w.after[r.after]!, names.get(r.b)!));
      if (g.reversalCount > SHOWN) out.push(w.morePairs(g.reversalCount - SHOWN));
    }
    const scales = s.scales.filter((sc) => sc.group === g.group && sc.setters.length);
    if (scales.length) {
      out.push('', w.settersTitle);
      for (const sc of scales) {
        const side = (k: 'min' | 'max') =>
          sc.setters
            .filter((x) => x.side === k)
            .map((x) => `${x.name} ${fmtPercent(x.value)}${x.outlier ? w.outlier : ''}`)
            .join(w.listSep);
        out.push(w.setters(leafName(sc.leaf), side('min') || '—', side('max') || '—'));
      }
    }
  }
  out.push('', ...w.notes);
  return `${out.join('\n')}\n`;
}
