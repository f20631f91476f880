'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { guardedAction } from '@/app/lib/auth/guard';
import { addAccount, resetPassword, setAccountDisabled } from '@/app/lib/services/users';
import { getTranslator } from '@/app/i18n/server';

const Username = z.string().min(1).max(64);

/** The bureau adds an account; without a password one is generated and shown once. */
export const createUserAction = guardedAction(
  z.object({ username: Username, role: z.string().max(20), department: z.string().max(100).optional(), password: z.string().max(256).optional() }),
  'users:manage',
  async (input, { viewer, address }) => {
    const r = await addAccount(viewer, { username: input.username, role: input.role, departmentCode: input.role === 'department' ? input.department || null : null, password: input.password }, { address });
    if (!r.ok) return { ok: false, message: r.message };
    revalidatePath('/admin/users');
    const { t } = await getTranslator();
    return { ok: true, message: t('userAdded', { username: r.username }), data: { username: r.username, ...(r.generated ? { password: r.generated } : {}) } };
  },
);

/** Resets someone's password to a generated one, shown once; all their sessions end. */
export const resetPasswordAction = guardedAction(z.object({ username: Username }), 'users:manage', async (input, { viewer, address, session }) => {
  const r = await resetPassword(viewer, input.username, { address, session });
  if (!r.ok) return { ok: false, message: r.message };
  const { t } = await getTranslator();
  return { ok: true, message: t('userNewPassword', { username: r.username, password: r.password }) };
});

export const setDisabledAction = guardedAction(z.object({ username: Username, disabled: z.enum(['0', '1']) }), 'users:manage', async (input, { viewer, address }) => {
  const r = await setAccountDisabled(viewer, input.username, input.disabled === '1', { address });
  if (!r.ok) return { ok: false, message: r.message };
  revalidatePath('/admin/users');
  const { t } = await getTranslator();
  return { ok: true, message: t(input.disabled === '1' ? 'userDisabled' : 'userEnabled', { username: r.username }) };
});
