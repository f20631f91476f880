'use server';
import { z } from 'zod';
import { guardedAction, type ActionState } from '@/app/lib/auth/guard';
import { changeOwnPassword } from '@/app/lib/services/users';

const PasswordForm = z.object({
  current: z.string().min(1, '请输入当前密码').max(256),
  next: z.string().max(256),
  confirm: z.string().max(256),
});

/**
 * Any signed-in user changes their own password. The current password is asked again (a session
 * left open on a shared computer should not be enough), and the user's other sessions end.
 */
export const changePasswordAction = guardedAction(
  PasswordForm,
  'signed-in',
  async (input, { viewer, address, session }): Promise<ActionState> => {
    if (input.next !== input.confirm) return { ok: false, message: '两次输入的新密码不一致', fieldErrors: { confirm: ['两次输入的新密码不一致'] } };
    const r = await changeOwnPassword(viewer, { current: input.current, next: input.next }, { address, session });
    return r.ok ? { ok: true } : { ok: false, message: r.message, ...(r.field ? { fieldErrors: { [r.field]: [r.message] } } : {}) };
  },
);
