'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getTranslator } from '@/app/i18n/server';
import { guardedAction, type ActionState } from '@/app/lib/auth/guard';
import { leafScoresOf } from '@/app/lib/leaf-scores';
import { evaluateAsBureau } from '@/app/lib/services/evaluation';
import { acceptAllSubmitted, acceptSubmission, returnSubmission } from '@/app/lib/services/review';

const Target = z.object({
  slug: z.string().min(1).max(64),
  code: z.string().min(1).max(100),
  baseVersion: z.coerce.number().int().min(0),
});
const Comment = z.string().max(2000);

function answer(r: { ok: true; version?: number; message?: string } | { ok: false; message: string }, path: string): ActionState {
  if (!r.ok) return { ok: false, message: r.message };
  revalidatePath(path);
  return { ok: true, ...(r.message ? { message: r.message } : {}), ...(r.version ? { data: { version: r.version } } : {}) };
}

const reviewPath = (slug: string, code?: string) => `/rounds/${encodeURIComponent(slug)}/review${code ? `/${encodeURIComponent(code)}` : ''}`;

export const acceptAction = guardedAction(Target.extend({ comment: Comment.optional() }), 'submission:review', async (input, { viewer, address }) =>
  answer(await acceptSubmission(viewer, input, { address }), reviewPath(input.slug, input.code)),
);

export const returnAction = guardedAction(Target.extend({ comment: Comment }), 'submission:review', async (input, { viewer, address }) =>
  answer(await returnSubmission(viewer, input, { address }), reviewPath(input.slug, input.code)),
);

/** Accepts every submission waiting for the bureau (已提交), each as its own decision. */
export const acceptAllAction = guardedAction(z.object({ slug: z.string().min(1).max(64) }), 'submission:review', async (input, { viewer, address }) => {
  const r = await acceptAllSubmitted(viewer, input.slug, { address });
  const { t } = await getTranslator();
  return answer(r.ok ? { ok: true, message: t('acceptedAll', { n: r.accepted }) } : r, reviewPath(input.slug));
});

/** The bureau's evaluation of a department without a panel: `score.<leaf>` and `comment.<leaf>` fields. */
export const evaluateAction = guardedAction(
  z.object({ slug: z.string().min(1).max(64), code: z.string().min(1).max(100) }).catchall(z.string().max(2000)),
  'submission:review',
  async (input, { viewer, address }) => answer(await evaluateAsBureau(viewer, { slug: input.slug, code: input.code, scores: leafScoresOf(input) }, { address }), reviewPath(input.slug, input.code)),
);
