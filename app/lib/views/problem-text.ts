import type { Locale } from '@/app/i18n';
import { indexSystem, type Problem, type System } from '@/lib/scoring';

/**
 * A problem with a typed value in the viewer's language. The parser writes Chinese sentences and,
 * for what a user can type, a structured `reason`; English is built from that reason, with the
 * fields' and indicators' names from the system (data, so they stay as the system writes them).
 */
export function problemText(p: Problem, system: System, locale: Locale): string {
  const r = p.reason;
  if (locale !== 'en' || !r) return p.message;
  const field = (key: string) => system.fields[key]?.name ?? key;
  const leaf = (code: string) => indexSystem(system).byCode.get(code)?.leaf.name ?? code;
  switch (r.kind) {
    case 'missing':
      return 'a value is needed';
    case 'not_number':
      return `“${r.text}” is not a number`;
    case 'negative':
      return `cannot be negative (${r.value})`;
    case 'not_integer':
      return `must be a whole number (${r.value})`;
    case 'not_positive':
      return 'must be greater than 0';
    case 'zero_denominator':
      return `cannot be 0: it divides in ${leaf(r.leaf)}`;
    case 'part_exceeds_whole':
      return `(${r.value}) cannot be more than ${field(r.whole)} (${r.wholeValue}) in ${leaf(r.leaf)}`;
    case 'unknown_grade':
      return `unknown grade “${r.text}”: one of ${r.labels.join(' / ')}`;
    case 'not_yes_no':
      return `“${r.text}” is not yes or no`;
  }
}
