'use server';
import { z } from 'zod';
import { checkPassword, setPassword } from '@/db/users';
import { guardedAction, type ActionState } from '@/app/lib/auth/guard';
import { actorOfCtx } from '@/app/lib/auth/actor';

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
  async (input, ctx): Promise<ActionState> => {
    if (input.next !== input.confirm) return { ok: false, message: '两次输入的新密码不一致', fieldErrors: { confirm: ['两次输入的新密码不一致'] } };
    if (!(await checkPassword(ctx.viewer.username, input.current))) {
      return { ok: false, message: '当前密码不正确', fieldErrors: { current: ['当前密码不正确'] } };
    }
    const r = await setPassword(ctx.viewer.username, input.next, actorOfCtx(ctx), { keepSession: ctx.session ?? undefined });
    return r.ok ? { ok: true } : { ok: false, message: r.message, fieldErrors: { next: [r.message] } };
  },
);
