'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { guardedAction } from '@/app/lib/auth/guard';
import { linkCodes, setBureauName, unlinkCodes } from '@/app/lib/services/units';

const Code = z.string().trim().min(1).max(64);
const Reason = z.string().max(500);

/** The bureau's name at the head of every report. */
export const bureauNameAction = guardedAction(z.object({ name: z.string().max(200) }), 'units:manage', async (input, ctx) => {
  const r = await setBureauName(ctx.viewer, input.name, { address: ctx.address });
  if (r.ok) revalidatePath('/admin/units');
  return r;
});

/** Links a renamed or re-coded unit's code to its earlier one, with a reason (audited). */
export const linkCodesAction = guardedAction(z.object({ code: Code, earlierCode: Code, reason: Reason }), 'units:manage', async (input, ctx) => {
  const r = await linkCodes(ctx.viewer, input, { address: ctx.address });
  if (r.ok) revalidatePath('/admin/units');
  return r;
});

/** Ends a link, with a reason (audited; the link stays on record). */
export const unlinkCodesAction = guardedAction(z.object({ id: z.coerce.number().int().positive(), reason: Reason }), 'units:manage', async (input, ctx) => {
  const r = await unlinkCodes(ctx.viewer, input, { address: ctx.address });
  if (r.ok) revalidatePath('/admin/units');
  return r;
});
