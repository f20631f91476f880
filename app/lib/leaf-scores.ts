/** Evaluation forms post `score.<leaf>` and `comment.<leaf>`: back to one entry per leaf. Nothing else is read. */
export function leafScoresOf(input: Record<string, unknown>): Record<string, { score: string; comment?: string }> {
  const out: Record<string, { score: string; comment?: string }> = {};
  for (const [k, v] of Object.entries(input)) {
    const m = /^score\.([A-Za-z0-9_-]{1,64})$/.exec(k);
    if (!m || typeof v !== 'string') continue;
    const comment = input[`comment.${m[1]}`];
    out[m[1]!] = { score: v, ...(typeof comment === 'string' ? { comment } : {}) };
  }
  return out;
}
