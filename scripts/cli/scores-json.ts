import { scoresToJson, type Scores, type ScoresJsonOptions } from '@/lib/scoring';
import type { Out } from './io';
import { writeJsonArrayStreamed } from './output';

/**
 * Writes the Scores JSON of spec §6 one department at a time — the same text as
 * `JSON.stringify(scoresToJson(scores), null, 2)` — so 200,000 departments never become one string.
 */
export async function writeScoresJson(out: Out, scores: Scores, opts: ScoresJsonOptions = {}): Promise<void> {
  const head = scoresToJson({ ...scores, departments: [] }, opts);
  function* departments() {
    for (const d of scores.departments) yield (scoresToJson({ ...scores, cohort: {}, departments: [d] }, opts).departments as unknown[])[0];
  }
  await writeJsonArrayStreamed(out, head, 'departments', departments());
}
