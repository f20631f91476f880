import type { Translate } from '@/app/i18n';
import type { LoginRefusal } from '@/app/lib/services/session';

/**
 * A refused sign-in (or current-password check) in the viewer's language, from its reason: the
 * throttle's waits are said in seconds, or in minutes rounded up so the wait is never too short.
 */
export function refusalText(r: LoginRefusal, t: Translate, check: 'login' | 'current' = 'login'): string {
  const s = r.retryAfterSeconds ?? 0;
  const wait = s >= 60 ? t('waitMinutes', { n: Math.ceil(s / 60) }) : t('waitSeconds', { n: s });
  switch (r.reason) {
    case 'missing':
      return t('loginMissing');
    case 'busy':
      return t('loginBusyServer');
    case 'throttled':
      return t(r.scope === 'address' ? 'loginThrottledAddress' : 'loginThrottledAccount', { wait });
    case 'wrong': {
      const message = t(check === 'current' ? 'currentPasswordWrong' : 'loginWrong');
      return s > 0 ? t('retryIn', { message, wait }) : message;
    }
  }
}
