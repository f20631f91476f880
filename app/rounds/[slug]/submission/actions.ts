'use server';
import { z } from 'zod';
import { saveSubmission } from '@/app/lib/services/submission';
import { guardedAction } from '@/app/lib/auth/guard';
import { cellsOf } from './form-shape';

const SaveForm = z
  .object({
    slug: z.string().min(1).max(64),
    code: z.string().min(1).max(100),
    baseVersion: z.coerce.number().int().min(0),
    intent: z.enum(['save', 'submit']),
  })
  .catchall(z.unknown());

/**
 * A department saves or submits its own submission. The department code in the form is checked
 * against the account here and again in the data layer; a tampered code is refused, not obeyed.
 */
export const saveSubmissionAction = guardedAction(
  SaveForm,
  'submission:edit',
  async (input, { viewer, address }) => {
    const r = await saveSubmission(viewer, { slug: input.slug, code: input.code, baseVersion: input.baseVersion, cells: cellsOf(input), submit: input.intent === 'submit' }, { address });
    if (r.ok) return { ok: true, data: { version: r.version, status: r.status } };
    if ('problems' in r) return { ok: false, data: { problems: r.problems } };
    return { ok: false, message: r.message };
  },
  { target: (input) => ({ departmentCode: input.code }) },
);
