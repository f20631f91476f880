'use server';
import { z } from 'zod';
import { verifyCurrentPassword } from '@/db/login';
import { setPassword } from '@/db/users';
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
    // Counted and throttled like a login: a session left open must not become a way to guess the password.
    const current = await verifyCurrentPassword(ctx.viewer, input.current, ctx.address);
    if (!current.ok) return { ok: false, message: current.message, fieldErrors: { current: [current.message] } };
    const r = await setPassword(ctx.viewer.username, input.next, actorOfCtx(ctx), { keepSession: ctx.session ?? undefined });
    return r.ok ? { ok: true } : { ok: false, message: r.message, fieldErrors: { next: [r.message] } };
  },
);
