'use server';
import { z } from 'zod';
import { guardedAction, type ActionState } from '@/app/lib/auth/guard';
import { changeOwnPassword } from '@/app/lib/services/users';
import { getTranslator } from '@/app/i18n/server';
import { refusalText } from '@/app/login/refusal';

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
    const { t } = await getTranslator();
    if (input.next !== input.confirm) return { ok: false, message: t('passwordsDiffer'), fieldErrors: { confirm: [t('passwordsDiffer')] } };
    // Counted and throttled like a login; a refusal of the current password is worded from its reason.
    const r = await changeOwnPassword(viewer, { current: input.current, next: input.next }, { address, session });
    if (r.ok) return { ok: true };
    const message = r.refusal ? refusalText(r.refusal, t, 'current') : r.message;
    return { ok: false, message, ...(r.field ? { fieldErrors: { [r.field]: [message] } } : {}) };
  },
);
