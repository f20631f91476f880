'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { splitGroupNames } from '@/lib/interchange/group-names';
import { previewSystem } from '@/lib/interchange/system-file';
import { guardedAction } from '@/app/lib/auth/guard';
import { createRound } from '@/app/lib/services/rounds';
import { getTranslator } from '@/app/i18n/server';

const MAX_SYSTEM_BYTES = 1024 * 1024;

const NewRoundForm = z.object({
  slug: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  year: z.coerce.number().int().min(1900).max(9999),
  systemSource: z.enum(['builtin', 'file']),
  builtin: z.string().max(64).optional(),
  systemFile: z.instanceof(File).optional(),
  policy: z.enum(['system', 'cohort-in-band', 'cohort-all', 'thresholds']),
  groups: z.string().min(1, '请至少声明一个分组').max(2000),
  deadline: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]).default(''),
  panelRule: z.enum(['mean', 'trimmed-mean']),
  spreadThreshold: z.string().max(10).default(''),
  /** The admin has seen the system's warnings and confirms. */
  acknowledged: z.enum(['0', '1']).default('0'),
});

/**
 * Creates a round (填报中). The system is checked first: errors name the node and stop it; warnings
 * are shown and the admin must confirm them (a second submit with `acknowledged`).
 */
export const createRoundAction = guardedAction(NewRoundForm, 'round:manage', async (input, { viewer, address }) => {
  const { t } = await getTranslator();
  let source: { builtin: string } | { fileText: string };
  if (input.systemSource === 'file') {
    const f = input.systemFile;
    if (!f || f.size === 0) return { ok: false, message: t('systemFileMissing') };
    if (f.size > MAX_SYSTEM_BYTES) return { ok: false, message: t('systemFileTooLarge') };
    source = { fileText: await f.text() };
  } else source = { builtin: input.builtin ?? '' };
  const preview = previewSystem(source);
  const summary = { errors: preview.errors, warnings: preview.warnings, summary: preview.summary };
  if (!preview.ok) return { ok: false, message: t('systemInvalid'), data: summary };
  if (preview.warnings.length && input.acknowledged !== '1') return { ok: false, message: t('systemWarningsToConfirm'), data: { ...summary, needsAck: true } };
  const r = await createRound(
    viewer,
    {
      slug: input.slug,
      name: input.name,
      year: input.year,
      system: source,
      ...(input.policy === 'system' ? {} : { policy: input.policy }),
      groups: splitGroupNames(input.groups),
      deadline: input.deadline,
      panelRule: input.panelRule,
      spreadThreshold: input.spreadThreshold,
    },
    { address },
  );
  if (!r.ok) return { ok: false, message: r.message, ...(r.errors ? { data: { errors: r.errors } } : {}) };
  revalidatePath('/admin/rounds');
  return { ok: true, message: r.message, data: { slug: r.slug, ...summary } };
});
