import { describe, expect, it } from 'vitest';
import { translator } from '@/app/i18n';
import { refusalText } from './refusal';

describe('a refused sign-in in the viewer’s language', () => {
  const en = translator('en');
  const zh = translator('zh-CN');
  it('says a wrong password and the wait it started, in minutes rounded up past a minute', () => {
    expect(refusalText({ ok: false, message: '', reason: 'wrong' }, en)).toBe('Wrong username or password');
    expect(refusalText({ ok: false, message: '', reason: 'wrong', retryAfterSeconds: 1 }, en)).toBe('Wrong username or password; please try again in 1 second');
    expect(refusalText({ ok: false, message: '', reason: 'wrong', retryAfterSeconds: 61 }, en, 'current')).toBe('The current password is not right; please try again in 2 minutes');
    // The Chinese is the sentence db/login writes.
    expect(refusalText({ ok: false, message: '', reason: 'wrong', retryAfterSeconds: 4 }, zh)).toBe('用户名或密码错误；请 4 秒后再试');
  });

  it('says which throttle holds, and when the server is busy', () => {
    expect(refusalText({ ok: false, message: '', reason: 'throttled', scope: 'address', retryAfterSeconds: 30 }, en)).toBe('Too many failed sign-ins from this computer; please try again in 30 seconds');
    expect(refusalText({ ok: false, message: '', reason: 'throttled', scope: 'user', retryAfterSeconds: 600 }, zh)).toBe('该账号密码错误次数较多，为防猜测密码，请 10 分钟后再试');
    expect(refusalText({ ok: false, message: '', reason: 'busy', busy: true }, en)).toMatch(/^Too many sign-ins at the moment/);
  });
});
