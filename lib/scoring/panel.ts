import { D, type Decimal } from './decimal';
import type { PanelResult, PanelRule, ReviewerScore } from './types';

/** With this many reviewers or more, the trimmed mean drops one highest and one lowest (spec §7). */
export const TRIM_FROM = 5;

/** A score of at most 2 decimals in integer cents, exactly. */
function cents(d: Decimal): bigint {
  const c = d.times(100);
  if (!c.isInteger()) throw new Error(`评议分 ${d.toFixed()} 超过 2 位小数`);
  return BigInt(c.toFixed(0));
}

/**
 * Combines a panel's scores on one judgement leaf (spec §7): the exact mean — or, under
 * `trimmed-mean` with 5 or more reviewers, the mean without one highest and one lowest — rounded
 * half-up to 2 decimals. The mean is taken in integer cents, so a true x.xx5 always rounds up.
 */
export function combinePanel(scores: readonly ReviewerScore[], rule: PanelRule, opts: { spreadThreshold?: Decimal | null } = {}): PanelResult {
  if (scores.length === 0) throw new Error('combinePanel: no scores');
  const sorted = [...scores].sort((a, b) => a.score.comparedTo(b.score));
  const trimmed = rule === 'trimmed-mean' && sorted.length >= TRIM_FROM;
  const counted = trimmed ? sorted.slice(1, -1) : sorted;
  const n = BigInt(counted.length);
  const sum = counted.reduce((s, r) => s + cents(r.score), 0n);
  // round(sum / n) half-up, for sum ≥ 0: floor((2·sum + n) / 2n).
  const mean = (2n * sum + n) / (2n * n);
  const score = new D(mean.toString()).div(100);
  const spread = sorted[sorted.length - 1]!.score.minus(sorted[0]!.score);
  const threshold = opts.spreadThreshold;
  return {
    rule,
    scores: [...scores],
    trimmed,
    score: new D(score.toFixed(2)),
    spread,
    flagged: threshold !== undefined && threshold !== null && spread.gt(threshold),
  };
}
