import type { Decimal } from './decimal';

/**
 * Competition ranking (并列): equal totals share a rank and the next rank skips, 1, 2, 2, 4.
 * Returns rank and whether it is shared, per index of the input.
 */
export function competitionRanks(totals: readonly Decimal[] | readonly number[]): { rank: number; tied: boolean }[] {
  // Totals in integer cents compare as plain numbers; Decimals compare exactly.
  const cmp = (a: Decimal | number, b: Decimal | number) =>
    typeof a === 'number' ? (a as number) - (b as number) : (a as Decimal).comparedTo(b as Decimal);
  const order = (totals as readonly (Decimal | number)[]).map((t, i) => ({ t, i })).sort((a, b) => cmp(b.t, a.t));
  const out = new Array<{ rank: number; tied: boolean }>(totals.length);
  for (let k = 0; k < order.length; k++) {
    const cur = order[k]!;
    const prev = order[k - 1];
    const next = order[k + 1];
    const rank = prev && cmp(prev.t, cur.t) === 0 ? out[prev.i]!.rank : k + 1;
    const tied = (prev !== undefined && cmp(prev.t, cur.t) === 0) || (next !== undefined && cmp(next.t, cur.t) === 0);
    out[cur.i] = { rank, tied };
  }
  return out;
}
