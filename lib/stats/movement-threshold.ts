/**
 * Changes smaller than these are shown without an arrow, so noise is not read as movement: a rank
 * change of at least 1 place, a total change of at least 2 points (README: 较上年). Apart from
 * movement.ts so the browser can name them without loading the engine.
 */
export const MOVEMENT_THRESHOLD = { rank: 1, points: '2' } as const;
