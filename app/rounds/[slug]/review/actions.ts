'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { acceptSubmission, adjustJudgement, returnSubmission } from '@/db/review';
import { lockRoundBy, setRankingVisibility, unlockRoundBy } from '@/db/round-admin';
import { guardedAction, type ActionState } from '@/app/lib/auth/guard';

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

export const adjustAction = guardedAction(
  Target.extend({ indicator: z.string().min(1).max(100), score: z.string().max(32), reason: Comment }),
  'submission:review',
  async (input, { viewer, address }) => answer(await adjustJudgement(viewer, input, { address }), reviewPath(input.slug, input.code)),
);

const RoundForm = z.object({ slug: z.string().min(1).max(64) });

export const lockAction = guardedAction(RoundForm, 'round:manage', async (input, { viewer, address }) =>
  answer(await lockRoundBy(viewer, input.slug, { address }), reviewPath(input.slug)),
);

export const unlockAction = guardedAction(RoundForm.extend({ reason: Comment }), 'round:manage', async (input, { viewer, address }) =>
  answer(await unlockRoundBy(viewer, input.slug, input.reason, { address }), reviewPath(input.slug)),
);

export const rankingVisibilityAction = guardedAction(RoundForm.extend({ visible: z.enum(['0', '1']) }), 'round:manage', async (input, { viewer, address }) =>
  answer(await setRankingVisibility(viewer, input.slug, input.visible === '1', { address }), reviewPath(input.slug)),
);
