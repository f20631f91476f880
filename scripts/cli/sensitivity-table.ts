import { fmtPercent, fmtScore, indexSystem, type Policy, type System } from '@/lib/scoring';
import type { Sensitivity } from '@/lib/scoring/sensitivity';
import { pad, width } from './table';

const POLICY_NAME: Record<Policy, string> = { 'cohort-in-band': '同组区间内', 'cohort-all': '同组全部值', thresholds: '按阈值' };
const AFTER: Record<string, string> = { above: '高于', tied: '并列于', below: '低于' };
/** Lists in the table stop here; the JSON has them whole (up to its own limit). */
const SHOWN = 20;

function columns(header: string[], rows: string[][], left: number[]): string[] {
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  const line = (r: string[]) => r.map((c, i) => pad(c, widths[i]!, !left.includes(i))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
}

/** `score --sensitivity --format table`: per group, the three policies side by side with rank ranges, then who moves the scale. */
export function sensitivityTable(system: System, s: Sensitivity): string {
  const names = new Map(s.policies.rows.map((r) => [r.code, r.name]));
  const leafName = (code: string) => indexSystem(system).byCode.get(code)?.leaf.name ?? code;
  const [own] = s.policies.policies;
  const out: string[] = [`指标体系 ${system.id} · 本轮插值口径 ${own}（${POLICY_NAME[own!]}）· 口径对比与名次稳定性`];
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
    const header = ['单位', ...s.policies.policies.flatMap((p, k) => [`${POLICY_NAME[p]}总分`, '排名', k === 0 ? '名次区间' : '变动'])];
    out.push('', `【${g.group}】 ${rows.length} 个单位`, ...columns(header, rows, [0]));

    if (g.removals.length) {
      out.push('', '去掉后会改变刻度的单位：');
      for (const r of g.removals.slice(0, SHOWN)) {
        out.push(`  ${names.get(r.removed)}：${r.leaves.map(leafName).join('、')}；${r.moved} 个单位总分变化，${r.reversals} 对名次颠倒`);
      }
      if (g.removals.length > SHOWN) out.push(`  …… 其余 ${g.removals.length - SHOWN} 个`);
    } else out.push('', '去掉任何一个单位都不改变刻度：名次区间宽度均为 0。');
    if (g.reversalCount) {
      out.push('', `名次颠倒（共 ${g.reversalCount} 对）：`);
      for (const r of g.reversals.slice(0, SHOWN)) {
        out.push(`  去掉 ${names.get(r.removed)}：${names.get(r.a)} 由${r.before === 'tied' ? '并列于' : '高于'} ${names.get(r.b)} 变为${AFTER[r.after]} ${names.get(r.b)}`);
      }
      if (g.reversalCount > SHOWN) out.push(`  …… 其余 ${g.reversalCount - SHOWN} 对`);
    }
    const scales = s.scales.filter((sc) => sc.group === g.group && sc.setters.length);
    if (scales.length) {
      out.push('', '谁决定刻度（本轮口径下插值所用的 min 与 max）：');
      for (const sc of scales) {
        const side = (k: 'min' | 'max') =>
          sc.setters
            .filter((x) => x.side === k)
            .map((x) => `${x.name} ${fmtPercent(x.value)}${x.outlier ? '（离群）' : ''}`)
            .join('、');
        out.push(`  ${leafName(sc.leaf)}：min ${side('min') || '—'}；max ${side('max') || '—'}`);
      }
    }
  }
  out.push(
    '',
    '“=” 表示并列；变动为相对本轮口径的名次变化（↑ 上升，↓ 下降）。',
    '名次区间：对同组每个其他单位 u，去掉 u 重新计分，比较本单位在其余单位中的名次与完整计分时在同样这些单位中的名次；',
    '区间 = 本单位名次 + 这些差值中的最小值与最大值。离群：与参与插值的值的中位数相差超过 3 倍 MAD。',
  );
  return `${out.join('\n')}\n`;
}
