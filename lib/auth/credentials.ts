/** What a username and a password must look like, with a message a person can act on. */

export const USERNAME_RULE = '用户名须为 2–32 位小写字母、数字、点、下划线或连字符，并以字母或数字开头';
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/** Usernames are compared in lower case, so "Admin" and "admin" are one account. */
export function normalizeUsername(raw: string): string {
  return raw.trim().toLowerCase();
}

export function usernameProblem(username: string): string | null {
  return USERNAME.test(username) ? null : USERNAME_RULE;
}

/**
 * Length is what makes a password strong; composition rules mostly make people write them down.
 * The only other rule: it must not be the username itself.
 */
export function passwordProblem(password: string, username?: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `密码至少 ${PASSWORD_MIN} 个字符（现为 ${length} 个）`;
  if (length > PASSWORD_MAX) return `密码最多 ${PASSWORD_MAX} 个字符`;
  if (username && password.trim().toLowerCase().includes(normalizeUsername(username))) return '密码不能包含用户名';
  if (new Set(password).size < 4) return '密码过于简单：请勿只用一两个重复的字符';
  return null;
}
