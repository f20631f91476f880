import { describe, expect, it } from 'vitest';
import { normalizeUsername, passwordProblem, usernameProblem } from './credentials';

describe('usernames', () => {
  it('folds case and surrounding spaces, so " Admin " signs in as admin', () => {
    expect(normalizeUsername(' Admin ')).toBe('admin');
  });

  it('accepts pinyin department names like xiaolvzhai and refuses spaces or Chinese', () => {
    expect(usernameProblem('xiaolvzhai')).toBeNull();
    expect(usernameProblem('dept.finance-2')).toBeNull();
    expect(usernameProblem('小吕寨')).toMatch(/用户名/);
    expect(usernameProblem('a b')).toMatch(/用户名/);
    expect(usernameProblem('-admin')).toMatch(/用户名/);
    expect(usernameProblem('a')).toMatch(/用户名/);
  });
});

describe('passwords', () => {
  it('refuses a password shorter than 10 characters and says how long it is', () => {
    expect(passwordProblem('short1')).toBe('密码至少 10 个字符（现为 6 个）');
  });

  it('counts Chinese characters as one each', () => {
    expect(passwordProblem('财政局绩效评价对比看板')).toBeNull();
  });

  it('refuses a password that contains the username', () => {
    expect(passwordProblem('xiaolvzhai2021', 'xiaolvzhai')).toBe('密码不能包含用户名');
  });

  it('refuses a long run of one character', () => {
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/过于简单/);
  });

  it('accepts a long passphrase', () => {
    expect(passwordProblem('spring budget review 2021', 'admin')).toBeNull();
  });
});
