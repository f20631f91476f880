import type { Decimal } from './decimal';

/**
 * Competition ranking (并列): equal totals share a rank and the next rank skips, 1, 2, 2, 4.
 * Returns rank and whether it is shared, per index of the input.
 */
export function competitionRanks(totals: Decimal[]): { rank: number; tied: boolean }[] {
  const order = totals.map((t, i) => ({ t, i })).sort((a, b) => b.t.comparedTo(a.t));
  const out = new Array<{ rank: number; tied: boolean }>(totals.length);
  for (let k = 0; k < order.length; k++) {
    const cur = order[k]!;
    const prev = order[k - 1];
    const rank = prev && prev.t.eq(cur.t) ? out[prev.i]!.rank : k + 1;
    const tied = (prev?.t.eq(cur.t) ?? false) || (order[k + 1]?.t.eq(cur.t) ?? false);
    out[cur.i] = { rank, tied };
  }
  return out;
}
