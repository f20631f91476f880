/**
 * Groups are declared per round, never guessed (issue 9 §4): a name that is not declared is
 * refused, with the declared group it most likely meant.
 */

function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}

/** The declared group a typo most likely meant: one containing the other, or one character off. */
export function closestGroup(name: string, declared: readonly string[]): string | null {
  let best: { g: string; d: number } | null = null;
  for (const g of declared) {
    const d = name.includes(g) || g.includes(name) ? 0.5 : distance(name, g);
    if (d <= 1 && (!best || d < best.d)) best = { g, d };
  }
  return best?.g ?? null;
}

/** The refusal of an undeclared group, e.g. `分组“乡镇街道”未在本轮声明（已声明：乡镇、县直部门）。是不是“乡镇”？` */
export function undeclaredGroupMessage(name: string, declared: readonly string[]): string {
  const near = closestGroup(name, declared);
  const list = declared.length ? declared.join('、') : '无';
  return `分组“${name}”未在本轮声明（已声明：${list}）${near ? `。是不是“${near}”？` : '。如需新分组，请管理员先在轮次设置中声明'}`;
}

/** Group names as typed: one per line or separated by 、，, ; trimmed, without duplicates. */
export function splitGroupNames(text: string): string[] {
  return [...new Set(text.split(/[\n,，、;；]/).map((g) => g.trim()).filter(Boolean))];
}
