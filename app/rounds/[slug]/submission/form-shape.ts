/** What the submission form is made of; imported by the client form, so it imports nothing server-side. */

export type Control = { type: 'number'; min?: string; max?: string; step: string } | { type: 'select'; options: string[] };

export interface FormField {
  /** The table column key (spec §6), which is also the field name after the `v.` prefix. */
  key: string;
  label: string;
  hint?: string;
  control: Control;
  required: boolean;
}

export interface FormSection {
  kind: 'input' | 'checklist' | 'grade' | 'judgement' | 'self';
  fields: FormField[];
}

export const FIELD_PREFIX = 'v.';

/** The form's values back as table cells: only `v.<key>` entries, nothing else the browser sent. */
export function cellsOf(input: Record<string, unknown>): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const [k, v] of Object.entries(input)) if (k.startsWith(FIELD_PREFIX) && typeof v === 'string') cells[k.slice(FIELD_PREFIX.length)] = v;
  return cells;
}
