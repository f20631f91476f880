'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { splitGroupNames } from '@/lib/interchange/group-names';
import { guardedAction, type ActionState } from '@/app/lib/auth/guard';
import { createMissingAccounts, enrolFromFile, enrolFromMaster, enrolFromRound, moveDepartment, setReviewerAssignment } from '@/app/lib/services/enrolment';
import { declareGroups, publishRound, setCollecting, unpublishRound, updateRoundSettings } from '@/app/lib/services/rounds';

/** The round page's actions: status, publication, settings, groups, enrolment, accounts, reviewers. */

const Slug = z.string().min(1).max(64);
const Reason = z.string().max(500);
const Code = z.string().min(1).max(64);
/** Up to a few thousand units in one go, separated by commas (checkbox lists post them joined). */
const Codes = z
  .string()
  .max(200_000)
  .transform((s) => s.split(',').map((c) => c.trim()).filter(Boolean));
const MAX_LIST_BYTES = 2 * 1024 * 1024;

const paths = (slug: string) => [`/rounds/${encodeURIComponent(slug)}/manage`, `/rounds/${encodeURIComponent(slug)}`, `/rounds/${encodeURIComponent(slug)}/review`];

function answer(slug: string, r: { ok: boolean; message: string } & Record<string, unknown>, data?: Record<string, unknown>): ActionState {
  if (r.ok) for (const p of paths(slug)) revalidatePath(p);
  return { ok: r.ok, message: r.message, ...(data ? { data } : {}) };
}

export const closeCollectionAction = guardedAction(z.object({ slug: Slug }), 'round:manage', async (input, { viewer, address }) =>
  answer(input.slug, await setCollecting(viewer, input.slug, 'reviewing', '', { address })),
);

export const reopenCollectionAction = guardedAction(z.object({ slug: Slug, reason: Reason }), 'round:manage', async (input, { viewer, address }) =>
  answer(input.slug, await setCollecting(viewer, input.slug, 'collecting', input.reason, { address })),
);

export const publishAction = guardedAction(z.object({ slug: Slug }), 'round:manage', async (input, { viewer, address }) => {
  const r = await publishRound(viewer, input.slug, { address });
  return answer(input.slug, r, !r.ok && 'missing' in r && r.missing ? { missing: r.missing } : undefined);
});

export const unpublishAction = guardedAction(z.object({ slug: Slug, reason: Reason }), 'round:manage', async (input, { viewer, address }) =>
  answer(input.slug, await unpublishRound(viewer, input.slug, input.reason, { address })),
);

export const settingsAction = guardedAction(
  z.object({
    slug: Slug,
    name: z.string().max(100),
    deadline: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 年-月-日')]),
    panelRule: z.enum(['mean', 'trimmed-mean']),
    spreadThreshold: z.string().max(10),
    showRanking: z.enum(['0', '1']).default('0'),
  }),
  'round:manage',
  async (input, { viewer, address }) =>
    answer(
      input.slug,
      await updateRoundSettings(
        viewer,
        input.slug,
        { name: input.name, deadline: input.deadline, panelRule: input.panelRule, spreadThreshold: input.spreadThreshold, showRankingToDepartments: input.showRanking === '1' },
        { address },
      ),
    ),
);

export const declareGroupsAction = guardedAction(z.object({ slug: Slug, groups: z.string().min(1).max(2000) }), 'round:manage', async (input, { viewer, address }) =>
  answer(input.slug, await declareGroups(viewer, input.slug, splitGroupNames(input.groups), { address })),
);

export const enrolFromRoundAction = guardedAction(z.object({ slug: Slug, from: Slug }), 'round:manage', async (input, { viewer, address }) =>
  answer(input.slug, await enrolFromRound(viewer, input.slug, input.from, { address })),
);

export const enrolFromMasterAction = guardedAction(z.object({ slug: Slug, codes: Codes, group: z.string().min(1).max(60) }), 'round:manage', async (input, { viewer, address }) =>
  answer(input.slug, await enrolFromMaster(viewer, input.slug, input.codes, input.group, { address })),
);

export const enrolFromFileAction = guardedAction(
  z.object({ slug: Slug, file: z.instanceof(File, { message: '请选择名单文件（.csv 或 .xlsx）' }).refine((f) => f.size > 0 && f.size <= MAX_LIST_BYTES, '名单文件为空或过大（上限 2 MB）') }),
  'round:manage',
  async (input, { viewer, address }) => {
    const r = await enrolFromFile(viewer, input.slug, input.file.name, Buffer.from(await input.file.arrayBuffer()), { address });
    return answer(input.slug, r, !r.ok && r.problems ? { problems: r.problems } : undefined);
  },
);

export const moveDepartmentAction = guardedAction(z.object({ slug: Slug, code: Code, group: z.string().min(1).max(60), reason: Reason }), 'round:manage', async (input, { viewer, address }) =>
  answer(input.slug, await moveDepartment(viewer, input.slug, input.code, input.group, input.reason, { address })),
);

export const createAccountsAction = guardedAction(z.object({ slug: Slug }), 'users:manage', async (input, { viewer, address }) => {
  const r = await createMissingAccounts(viewer, input.slug, { address });
  return answer(input.slug, r, r.ok ? { accounts: r.created } : undefined);
});

export const assignReviewerAction = guardedAction(
  z.object({ slug: Slug, reviewer: z.string().min(1).max(32), codes: Codes, assign: z.enum(['0', '1']) }),
  'round:manage',
  async (input, { viewer, address }) => answer(input.slug, await setReviewerAssignment(viewer, input.slug, input.reviewer, input.codes, input.assign === '1', { address })),
);
