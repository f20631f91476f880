import type { Scores } from '@/lib/scoring';

type Scoring = Scores['cohort'];
const store = new WeakMap<Scoring, Map<string, unknown>>();

/**
 * Remembers a view derived from one scoring of a round. Every `scoreCohort` call creates a new
 * `cohort` statistics object that nothing mutates afterwards, and the database layer hands out the
 * same one while a round's submissions and policy stay unchanged (its result cache copies only
 * the arrays). So that object identifies one scoring: an unchanged round builds its views once, a
 * changed one is a new object and starts afresh, and old entries go with the old object.
 */
export function memoByScores<T>(scores: Scores, key: string, build: () => T): T {
  let views = store.get(scores.cohort);
  if (!views) store.set(scores.cohort, (views = new Map()));
  if (!views.has(key)) views.set(key, build());
  return views.get(key) as T;
}

const ids = new WeakMap<Scoring, number>();
let nextId = 1;

/** A number naming one scoring (as above), for keys of views that depend on two rounds. */
export function scoringId(scores: Scores): number {
  let id = ids.get(scores.cohort);
  if (id === undefined) ids.set(scores.cohort, (id = nextId++));
  return id;
}
