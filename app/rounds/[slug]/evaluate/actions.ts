'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { guardedAction } from '@/app/lib/auth/guard';
import { reviewerAssigned } from '@/app/lib/data';
import { leafScoresOf } from '@/app/lib/leaf-scores';
import { scoreAsReviewer } from '@/app/lib/services/evaluation';

/** A reviewer scores the judgement leaves of one of its units: `score.<leaf>` and `comment.<leaf>`. */
export const reviewerScoreAction = guardedAction(
  z.object({ slug: z.string().min(1).max(64), code: z.string().min(1).max(64) }).catchall(z.string().max(2000)),
  'evaluation:score',
  async (input, { viewer, address }) => {
    const r = await scoreAsReviewer(viewer, { slug: input.slug, code: input.code, scores: leafScoresOf(input) }, { address });
    if (r.ok) revalidatePath(`/rounds/${encodeURIComponent(input.slug)}/evaluate`);
    return { ok: r.ok, message: r.message };
  },
  { target: async (input, viewer) => ({ departmentCode: input.code, assigned: await reviewerAssigned(viewer, input.slug, input.code) }) },
);
